import type { RateResult, WriterResult } from './copy-phases.js';

/** One step of a staircase: offered rate, what arrived, latency, CPU per message by process. */
export interface LoadResult {
  targetRate?: number;
  offeredPerSecond: number;
  sent: number;
  skipped: number;
  deliveredPerSecond: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  shed?: number;
  /** Of those, shed by ingest's overload guard (a busy event loop) rather than a full queue. */
  shedBusy?: number;
  lost?: number;
  /** CPU time per delivered heartbeat, by process role (10 ms resolution over the step). */
  cpuUsPerMessage?: Record<string, number>;
}

export interface CopyResult {
  raw: RateResult[];
  writer: WriterResult[];
  withState: WriterResult[];
  rawRowsPerSecond: number;
  writerRowsPerSecond: number;
  ratio: number;
  withStateTelemetryRowsPerSecond: number;
  withStateAllRowsPerSecond: number;
  ratioWithState: number;
}

export interface PipelineResult {
  pendants: number;
  seconds: number;
  brokerSteps: LoadResult[];
  pipelineSteps: LoadResult[];
  brokerSustainedPerSecond: number;
  pipelineSustainedPerSecond: number;
  ratio: number;
  brokerBest: LoadResult | undefined;
  pipelineBest: LoadResult | undefined;
  atTarget: LoadResult | undefined;
}

/** The summary table printed at the end of a run. */
export function table(copy: CopyResult | undefined, pipe: PipelineResult | undefined, targetRate: number): string {
  const r = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
  const lines = [['measure', 'rate (/s)', 'ratio', 'p50 ms', 'p99 ms', 'goal']];
  if (copy) {
    lines.push(['(a) raw COPY (reference)', r(copy.rawRowsPerSecond), '1.00', '', '', '']);
    lines.push(['(b) writer stage (batches, encoding, COPY)', r(copy.writerRowsPerSecond), copy.ratio.toFixed(2), '', '', '>= 0.80 x raw']);
    lines.push(['(b) writer + device state, telemetry', r(copy.withStateTelemetryRowsPerSecond), (copy.withStateTelemetryRowsPerSecond / copy.rawRowsPerSecond).toFixed(2), '', '', '']);
    lines.push(['(b) writer + device state, all written', r(copy.withStateAllRowsPerSecond), copy.ratioWithState.toFixed(2), '', '', '']);
  }
  if (pipe) {
    const b = pipe.brokerBest;
    const p = pipe.pipelineBest;
    const t = pipe.atTarget;
    lines.push(['(c) broker only, highest sustained', r(pipe.brokerSustainedPerSecond), '1.00', r(b?.p50Ms ?? NaN), r(b?.p99Ms ?? NaN), '']);
    lines.push(['(c) pipeline, highest sustained', r(pipe.pipelineSustainedPerSecond), pipe.ratio.toFixed(2), r(p?.p50Ms ?? NaN), r(p?.p99Ms ?? NaN), '>= 0.80 x broker']);
    if (t) lines.push([`(c) pipeline at ${r(targetRate)}/s offered`, r(t.deliveredPerSecond), '', r(t.p50Ms), r(t.p99Ms), '>= 30,000/s, p99 < 1,000 ms']);
    else lines.push([`(c) pipeline at ${r(targetRate)}/s offered`, 'not reached', '', '', '', '>= 30,000/s, p99 < 1,000 ms']);
  }
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  return lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}
