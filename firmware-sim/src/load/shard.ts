import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pendant } from '../pendant.js';
import { seededRandom } from '../model/random.js';
import type { ShardPlan } from './plan.js';
import { emptyCounts, encodeHistogram, newLatencyHistogram, type LoadCounts, type ShardSnapshot } from './stats.js';

const RAMP_TICK_MS = 10;
/** The delay monitor's timer period; what it records beyond that is lateness. */
const LOOP_RESOLUTION_MS = 1;
/** Connections still pending this long after the last one was started are given up on. */
const RAMP_GRACE_MS = 60_000;

/**
 * One shard of a load run, in one process: its pendants connect at the ramp rate, heartbeat,
 * and during the steady phase a Poisson process presses a random connected one. Latency is
 * the pendant's own press -> alarm_received time, recorded in an HDR histogram (µs).
 */
export async function runShard(plan: ShardPlan, report: (snapshot: ShardSnapshot) => void, signal: AbortSignal): Promise<ShardSnapshot> {
  const random = seededRandom(plan.seed);
  const histogram = newLatencyHistogram();
  const live = { ...emptyCounts(), devices: plan.devices.length };
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const reasons: Record<string, number> = {};
  let phase: ShardSnapshot['phase'] = 'ramp';
  let rampMs: number | null = null;

  const pendants = plan.devices.map((device) => {
    const pendant = new Pendant({
      id: device.id,
      secret: device.secret,
      url: plan.url,
      hbIntervalS: plan.hbIntervalS,
      seed: Math.floor(random() * 2 ** 32),
      locIntervalS: plan.locIntervalS,
      trailMaxS: plan.trailMaxS,
      connectTimeoutMs: plan.connectTimeoutMs,
    });
    pendant.on('connected', () => {
      live.connected += 1;
      live.connectedPeak = Math.max(live.connectedPeak, live.connected);
    });
    pendant.on('disconnected', ({ reason }) => {
      if (phase === 'done') return; // the final count is the fleet as it stood, not after power-off
      live.connected -= 1;
      if (reason === 'connection_lost') live.drops += 1;
    });
    pendant.on('connectError', ({ message }) => {
      live.connectErrors += 1;
      reasons[message] = (reasons[message] ?? 0) + 1;
    });
    pendant.on('refused', () => (live.refused += 1));
    pendant.on('confirmed', ({ latencyMs }) => histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000))));
    return pendant;
  });

  let health: ShardSnapshot['health'] | null = null; // frozen before power-off, which is no load to judge
  const snapshot = (): ShardSnapshot => ({
    shard: plan.shard,
    connectErrorReasons: { ...reasons },
    phase,
    rampMs,
    counts: withPendantStats(live, pendants),
    health: health ?? {
      loopDelayP99Ms: lateMs(loop.percentile(99)),
      loopDelayMaxMs: lateMs(loop.max),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
    histogram: encodeHistogram(histogram),
  });
  const ticker = setInterval(() => report(snapshot()), 1000);

  try {
    const rampStart = performance.now();
    await ramp(pendants, plan.rampPerS, signal);
    const deadline = performance.now() + RAMP_GRACE_MS;
    while (!signal.aborted && live.connected + live.refused < pendants.length && performance.now() < deadline) await sleep(50);
    rampMs = Math.round(performance.now() - rampStart);
    await sleep(signal.aborted ? 0 : plan.settleMs);

    phase = 'steady';
    loop.reset(); // judge the steady phase, not the connection storm
    await pressAtRandom(pendants, plan.pressRate, plan.durationMs, random, signal);

    phase = 'drain';
    const drainEnd = performance.now() + plan.drainMs;
    while (performance.now() < drainEnd && pendants.some((p) => p.stats.confirmed < p.stats.presses)) await sleep(50);
  } finally {
    clearInterval(ticker);
    health = snapshot().health;
    phase = 'done';
    await Promise.all(pendants.map((p) => p.stop()));
    loop.disable();
  }
  return snapshot();
}

/** Starts `perSecond` pendants a second, in small batches. */
async function ramp(pendants: Pendant[], perSecond: number, signal: AbortSignal): Promise<void> {
  const start = performance.now();
  let started = 0;
  while (started < pendants.length && !signal.aborted) {
    const due = Math.min(pendants.length, Math.ceil(((performance.now() - start) / 1000) * perSecond) + 1);
    for (; started < due; started++) pendants[started]?.start();
    await sleep(RAMP_TICK_MS);
  }
}

/** Presses a random connected pendant at Poisson-distributed moments, `rate` per second on average. */
async function pressAtRandom(pendants: Pendant[], rate: number, durationMs: number, random: () => number, signal: AbortSignal): Promise<void> {
  const end = performance.now() + durationMs;
  if (rate <= 0) {
    while (performance.now() < end && !signal.aborted) await sleep(Math.min(250, end - performance.now()));
    return;
  }
  let next = performance.now() + exponentialGapMs(rate, random);
  while (!signal.aborted) {
    const now = performance.now();
    if (next >= end) {
      await sleep(Math.max(0, end - now));
      return;
    }
    if (next > now) await sleep(Math.min(next - now, 250));
    if (performance.now() < next) continue;
    pickConnected(pendants, random)?.press();
    next += exponentialGapMs(rate, random);
  }
}

/** Nanoseconds of a delay sample to milliseconds late, two decimals. */
function lateMs(ns: number): number {
  return Math.max(0, Math.round(ns / 1e4 - LOOP_RESOLUTION_MS * 100) / 100);
}

function exponentialGapMs(rate: number, random: () => number): number {
  return (-Math.log(1 - random()) / rate) * 1000;
}

function pickConnected(pendants: Pendant[], random: () => number): Pendant | undefined {
  for (let tries = 0; tries < 20; tries++) {
    const pendant = pendants[Math.floor(random() * pendants.length)];
    if (pendant?.connected) return pendant;
  }
  return pendants.find((p) => p.connected);
}

function withPendantStats(live: LoadCounts, pendants: Pendant[]): LoadCounts {
  const counts = { ...live };
  for (const { stats } of pendants) {
    counts.heartbeats += stats.heartbeats;
    counts.presses += stats.presses;
    counts.alarmPublishes += stats.alarmPublishes;
    counts.alarmResends += stats.alarmResends;
    counts.confirmed += stats.confirmed;
    counts.locs += stats.locs;
    counts.commands += stats.commands;
  }
  return counts;
}
