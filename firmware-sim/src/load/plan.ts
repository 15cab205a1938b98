import type { Credential } from '../credentials.js';

/** What one load run does; every shard (worker) gets its slice of the devices and of the rates. */
export interface LoadPlan {
  url: string;
  devices: Credential[];
  /** Where the device ids came from, for the report. */
  idSource: 'credentials' | 'generated';
  hbIntervalS: number;
  /** Presses per second over the whole fleet, during the steady phase. */
  pressRate: number;
  /** Length of the steady phase, after the ramp. */
  durationMs: number;
  /** Quiet time between the last connection and the first press (the connection storm's aftermath). */
  settleMs: number;
  /** Connection attempts per second over the whole fleet while ramping up. */
  rampPerS: number;
  /** After the steady phase, how long to wait for outstanding confirmations. */
  drainMs: number;
  locIntervalS: number;
  trailMaxS: number;
  connectTimeoutMs: number;
  workers: number;
}

export type ShardPlan = Omit<LoadPlan, 'workers' | 'idSource'> & { shard: number; seed: number };

/** Splits the plan into `workers` shards (devices round-robin, rates divided evenly). */
export function shardPlan(plan: LoadPlan): ShardPlan[] {
  const count = Math.max(1, Math.min(plan.workers, plan.devices.length));
  return Array.from({ length: count }, (_, shard) => ({
    url: plan.url,
    devices: plan.devices.filter((_, i) => i % count === shard),
    hbIntervalS: plan.hbIntervalS,
    pressRate: plan.pressRate / count,
    durationMs: plan.durationMs,
    settleMs: plan.settleMs,
    rampPerS: plan.rampPerS / count,
    drainMs: plan.drainMs,
    locIntervalS: plan.locIntervalS,
    trailMaxS: plan.trailMaxS,
    connectTimeoutMs: plan.connectTimeoutMs,
    shard,
    seed: 0x5eed + shard,
  }));
}
