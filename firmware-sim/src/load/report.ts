import type { LoadPlan } from './plan.js';
import { addCounts, addReasons, emptyCounts, encodeHistogram, mergeHistograms, summarise, type LatencySummary, type LoadCounts, type ShardSnapshot } from './stats.js';

/** The machine-readable result of a load run (`--out`), for bench/. */
export interface LoadReport {
  kind: 'aware-sim-load';
  version: 1;
  startedAt: string;
  finishedAt: string;
  config: {
    url: string;
    devices: number;
    idSource: LoadPlan['idSource'];
    hbIntervalS: number;
    pressRate: number;
    durationS: number;
    settleS: number;
    rampPerS: number;
    workers: number;
    locIntervalS: number;
    trailMaxS: number;
  };
  counts: LoadCounts & { unconfirmed: number };
  connectErrorReasons: Record<string, number>;
  rampS: number | null;
  /** Press -> alarm_received, milliseconds, measured on the pendant. */
  latencyMs: LatencySummary;
  /** Per shard: can the simulator keep up? (event-loop delay in the steady phase, memory) */
  shards: { shard: number; devices: number; loopDelayP99Ms: number; loopDelayMaxMs: number; rssMb: number }[];
  /** The merged HdrHistogram (µs), compressed base64, to merge or re-percentile later. */
  histogram: string;
}

export function buildReport(plan: LoadPlan, shards: ShardSnapshot[], startedAt: Date, finishedAt: Date): LoadReport {
  const counts = shards.map((s) => s.counts).reduce(addCounts, emptyCounts());
  const merged = mergeHistograms(shards.map((s) => s.histogram));
  const ramps = shards.map((s) => s.rampMs).filter((r): r is number => r !== null);
  return {
    kind: 'aware-sim-load',
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    config: {
      url: plan.url,
      devices: plan.devices.length,
      idSource: plan.idSource,
      hbIntervalS: plan.hbIntervalS,
      pressRate: plan.pressRate,
      durationS: plan.durationMs / 1000,
      settleS: plan.settleMs / 1000,
      rampPerS: plan.rampPerS,
      workers: plan.workers,
      locIntervalS: plan.locIntervalS,
      trailMaxS: plan.trailMaxS,
    },
    counts: { ...counts, unconfirmed: counts.presses - counts.confirmed },
    connectErrorReasons: shards.map((s) => s.connectErrorReasons).reduce(addReasons, {}),
    rampS: ramps.length ? Math.max(...ramps) / 1000 : null,
    latencyMs: summarise(merged),
    shards: shards.map((s) => ({ shard: s.shard, devices: s.counts.devices, ...s.health })),
    histogram: encodeHistogram(merged),
  };
}

const n = (value: number) => value.toLocaleString('en-US');

/** The human report, printed on stdout at the end. */
export function formatReport(report: LoadReport): string {
  const { config: c, counts: k, latencyMs: l } = report;
  const seconds = c.durationS;
  const ids = c.idSource === 'generated' ? 'made-up ids: anonymous broker only' : 'ids from the credentials file';
  const worstLoop = Math.max(0, ...report.shards.map((s) => s.loopDelayP99Ms));
  const worstLoopMax = Math.max(0, ...report.shards.map((s) => s.loopDelayMaxMs));
  const rss = report.shards.reduce((sum, s) => sum + s.rssMb, 0);
  return [
    `load report: ${n(c.devices)} pendants on ${c.url} (${ids}), ${c.workers || 'no'} worker process${c.workers === 1 ? '' : 'es'}`,
    `  run          ramp ${report.rampS ?? '-'} s at ${n(c.rampPerS)}/s, settle ${c.settleS} s, steady ${seconds} s, heartbeat every ${c.hbIntervalS} s, ${c.pressRate} presses/s`,
    `  connected    ${n(k.connected)} / ${n(c.devices)} at the end (peak ${n(k.connectedPeak)}); connect errors ${n(k.connectErrors)}, refused ${n(k.refused)}, dropped ${n(k.drops)}`,
    ...(k.connectErrors ? [`  errors       ${Object.entries(report.connectErrorReasons).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([r, c]) => `${r} ×${n(c)}`).join(', ')}`] : []),
    `  heartbeats   ${n(k.heartbeats)} sent`,
    `  presses      ${n(k.presses)} sent, ${n(k.confirmed)} confirmed, ${n(k.unconfirmed)} unconfirmed (${n(k.alarmResends)} resends)`,
    `  trail        ${n(k.locs)} loc updates; ${n(k.commands)} commands received`,
    `  latency      press -> alarm_received (ms): p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  p99.9 ${l.p999}  max ${l.max}  (n=${n(l.count)}, mean ${l.mean})`,
    `  simulator    event-loop delay p99 ${worstLoop} ms, max ${worstLoopMax} ms (worst shard, steady phase); rss ${n(rss)} MB`,
  ].join('\n');
}
