import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface BrokerResult {
  pendants: number;
  connect: { cold: { perSecond: number; seconds: number; failed: number }; reconnect: { perSecond: number; seconds: number; failed: number } };
  memory: { perIdleConnectionBytes: number; averagePerConnectionBytes: number; baselineRssBytes: number; afterColdConnectRssBytes: number; afterReconnectRssBytes: number; afterLoadRssBytes: number };
  qos0: { perSecond: number; sent: number; received: number };
  qos1: { perSecond: number; sent: number; received: number };
  latency: Array<{ rate: number; p50Ms: number; p99Ms: number; p999Ms: number; maxMs: number; sent: number; received: number }>;
}

const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** The comparison table, with the goals of issue 3 checked where both numbers exist. */
export function table(results: Record<string, BrokerResult>): string {
  const aware = results['aware'];
  const mosq = results['mosquitto'];
  const rows: Array<[string, (r: BrokerResult) => string, string]> = [
    ['connect/s, cold (argon2 verify)', (r) => f(r.connect.cold.perSecond), ''],
    ['connect/s, reconnect storm', (r) => f(r.connect.reconnect.perSecond), ''],
    ['connect failures (cold+re)', (r) => String(r.connect.cold.failed + r.connect.reconnect.failed), ''],
    ['QoS 0 msg/s delivered', (r) => f(r.qos0.perSecond), aware && mosq ? `${f(aware.qos0.perSecond / mosq.qos0.perSecond, 2)}x` : ''],
    ['QoS 0 delivered/sent', (r) => `${r.qos0.received}/${r.qos0.sent}`, ''],
    ['QoS 1 msg/s delivered', (r) => f(r.qos1.perSecond), aware && mosq ? `${f(aware.qos1.perSecond / mosq.qos1.perSecond, 2)}x (goal >= 0.8x)` : ''],
    ...(aware ?? mosq ?? Object.values(results)[0]!).latency.flatMap((_, i): Array<[string, (r: BrokerResult) => string, string]> => {
      const at = (r: BrokerResult) => r.latency[i]!;
      const rate = at((aware ?? mosq ?? Object.values(results)[0])!).rate;
      return [
        [`latency p50 ms @ ${rate} QoS 1 msg/s`, (r) => f(at(r).p50Ms, 2), ''],
        [`latency p99 ms @ ${rate} QoS 1 msg/s`, (r) => f(at(r).p99Ms, 2), aware && mosq ? `${f(at(aware).p99Ms / at(mosq).p99Ms, 2)}x${rate === 5000 ? ' (goal <= 2x)' : ''}` : ''],
        [`  p99.9 / max ms`, (r) => `${f(at(r).p999Ms, 1)} / ${f(at(r).maxMs, 1)}`, ''],
        [`  delivered/sent`, (r) => `${at(r).received}/${at(r).sent}`, ''],
      ];
    }),
    ['RSS per idle connection, KB (marginal, after GC)', (r) => f(r.memory.perIdleConnectionBytes / 1024, 2), aware ? `(goal < 10 KB)` : ''],
    ['RSS per connection, KB (incl. fixed)', (r) => f(r.memory.averagePerConnectionBytes / 1024, 2), ''],
    ['RSS baseline / connected, MB', (r) => `${f(r.memory.baselineRssBytes / 2 ** 20)} / ${f(Math.max(r.memory.afterColdConnectRssBytes, r.memory.afterReconnectRssBytes) / 2 ** 20)}`, ''],
  ];
  const names = Object.keys(results);
  const header = ['', ...names, 'aware / mosquitto'];
  const body = rows.map(([label, cell, compare]) => [label, ...names.map((n) => cell(results[n]!)), compare]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Per broker, the median of several rounds, number by number (each figure's own median: the rounds run
 * at different moments of a shared machine, so no single round stands for all of them).
 */
export function medianOfRounds(rounds: ReadonlyArray<Record<string, BrokerResult>>): Record<string, BrokerResult> {
  const names = [...new Set(rounds.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(names.map((n) => [n, median(rounds.map((r) => r[n]).filter((x) => x !== undefined)) as BrokerResult]));
}

function median(values: unknown[]): unknown {
  const first = values[0];
  if (typeof first === 'number') {
    const sorted = (values as number[]).slice().sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  if (Array.isArray(first)) return first.map((_, i) => median(values.map((v) => (v as unknown[])[i])));
  if (first !== null && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, median(values.map((v) => (v as Record<string, unknown>)[k]))]));
  }
  return first;
}

/** One line per round: our broker against Mosquitto in that round, on the goals' measures. */
export function roundLines(rounds: ReadonlyArray<Record<string, BrokerResult>>): string {
  return rounds
    .map((r, i) => {
      const a = r['aware'];
      const m = r['mosquitto'];
      if (!a || !m) return `round ${i + 1}: (no aware/mosquitto pair)`;
      const p99 = a.latency.map((l, j) => `p99 @${l.rate} ${f(l.p99Ms, 2)} / ${f(m.latency[j]!.p99Ms, 2)} ms = ${f(l.p99Ms / m.latency[j]!.p99Ms, 2)}x`);
      return `round ${i + 1}: QoS 1 ${f(a.qos1.perSecond)} / ${f(m.qos1.perSecond)} = ${f(a.qos1.perSecond / m.qos1.perSecond, 2)}x; ${p99.join('; ')}`;
    })
    .join('\n');
}

/** Writes bench/results/broker-<timestamp>.json and returns its path. */
/** Writes `bench/results/<name>-<timestamp>.json`; returns its path. */
export async function writeResults(data: unknown, name = 'broker'): Promise<string> {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const path = `${dir}${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}
