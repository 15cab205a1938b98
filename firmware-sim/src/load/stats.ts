import * as hdr from 'hdr-histogram-js';

/** Counters of one shard, or of the whole run once merged. Plain data: it crosses process boundaries. */
export interface LoadCounts {
  devices: number;
  connected: number;
  connectedPeak: number;
  connectErrors: number;
  refused: number;
  /** Connections lost unexpectedly during the run (not the simulated kind: load has none). */
  drops: number;
  heartbeats: number;
  presses: number;
  alarmPublishes: number;
  alarmResends: number;
  confirmed: number;
  locs: number;
  commands: number;
}

export interface ShardHealth {
  /** Event-loop delay of the shard's process, ms: can one loop keep up with its pendants? */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssMb: number;
}

export interface ShardSnapshot {
  shard: number;
  /** Connection errors by message (e.g. "connack timeout", "read ECONNRESET"). */
  connectErrorReasons: Record<string, number>;
  phase: 'ramp' | 'steady' | 'drain' | 'done';
  rampMs: number | null;
  counts: LoadCounts;
  health: ShardHealth;
  /** Press -> alarm_received latency histogram, microseconds, compressed base64 (HdrHistogram format). */
  histogram: string;
}

export function emptyCounts(): LoadCounts {
  return {
    devices: 0,
    connected: 0,
    connectedPeak: 0,
    connectErrors: 0,
    refused: 0,
    drops: 0,
    heartbeats: 0,
    presses: 0,
    alarmPublishes: 0,
    alarmResends: 0,
    confirmed: 0,
    locs: 0,
    commands: 0,
  };
}

export function addReasons(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [reason, count] of Object.entries(b)) sum[reason] = (sum[reason] ?? 0) + count;
  return sum;
}

export function addCounts(a: LoadCounts, b: LoadCounts): LoadCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as (keyof LoadCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

/** Latencies in microseconds, 1 µs to 1 h, three significant digits. */
export function newLatencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

export function encodeHistogram(histogram: hdr.Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function mergeHistograms(encoded: string[]): hdr.Histogram {
  const merged = newLatencyHistogram();
  for (const text of encoded) merged.add(hdr.decodeFromCompressedBase64(text));
  return merged;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Milliseconds, rounded to the microsecond. */
export function summarise(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  const count = histogram.totalCount;
  if (count === 0) return { count, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    count,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}
