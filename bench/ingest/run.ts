/**
 * `npx tsx bench/ingest/run.ts [--rows 500000] [--devices 100000] [--pendants 5000] [--seconds 10]
 *    [--rates 5000,10000,...] [--resolution 2500] [--target-rate 30000] [--batch 5000] [--repeat 3] [--phases copy,pipeline] [--keep-db]`
 *
 * Heartbeat ingest against its references, all in one run on one machine (absolute numbers on a
 * shared 2-core machine are noise; ratios are not):
 *   (a) raw COPY: the same rows, encoded beforehand, streamed in one COPY into telemetry;
 *   (b) the writer stage fed in-process: ingest's Flusher (batches, encoding, COPY), alone, and with the
 *       device-state writer beside it as in the service (100,000 pendants, each with its state row);
 *   (c) the whole pipeline: pendants (raw MQTT sockets, real credentials) -> our broker (own process,
 *       auth + ACL + validation) -> ingest (own process) -> PostgreSQL, stepping the offered rate up
 *       until it is no longer sustained (95 % delivered, p99 < 1 s), then bisecting between the last
 *       sustained and the first failed step down to --resolution, with publish-to-committed latency;
 *       and, first, the broker alone with a counting subscriber: same pendants, same steps. The steps
 *       stop at saturation on purpose: an aedes backlog grows without bound and can overflow its stack.
 * Prints a table and writes bench/results/ingest-<timestamp>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { BENCH_SECRET, benchDeviceId, createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { Child, killChildren, startBrokerProcess } from './children.js';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';
import { rawCopy, syntheticRows, writerStage, type RateResult, type WriterResult } from './copy-phases.js';
import { cpuMs } from './cpu.js';
import { Histogram } from './histogram.js';
import { table, type CopyResult, type LoadResult, type PipelineResult } from './report.js';
import { codeVersion } from '../code-version.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '500000' },
    devices: { type: 'string', default: '100000' },
    pendants: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '10' },
    'target-rate': { type: 'string', default: '30000' },
    resolution: { type: 'string', default: '2500' },
    rates: { type: 'string', default: '5000,10000,20000,30000,40000,50000,60000' },
    batch: { type: 'string', default: '5000' },
    repeat: { type: 'string', default: '3' },
    phases: { type: 'string', default: 'copy,pipeline' },
    'keep-db': { type: 'boolean', default: false },
  },
});
const opt = {
  rows: Number(args.rows),
  devices: Number(args.devices),
  pendants: Number(args.pendants),
  seconds: Number(args.seconds),
  targetRate: Number(args['target-rate']),
  resolution: Number(args.resolution),
  rates: String(args.rates).split(',').map(Number).sort((a, b) => a - b),
  batch: Number(args.batch),
  repeat: Number(args.repeat),
  phases: new Set(String(args.phases).split(',')),
};
const INGEST_SECRET = 'bench-ingest-service-secret-0123456789';
const logger = pino({ level: 'warn' }, pino.destination(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stderr.write(`${line}\n`);


/** Rate over the steady part of a run: from 2 s after the start to 1 s before the end. */
function steadyRate(perSecond: [number, number][], startMs: number, seconds: number): number {
  const from = Math.floor(startMs / 1000) + 2;
  const to = Math.floor(startMs / 1000) + seconds - 1;
  const counts = new Map(perSecond);
  let sum = 0;
  for (let s = from; s < to; s++) sum += counts.get(s) ?? 0;
  return sum / Math.max(1, to - from);
}

async function copyPhases(db: BenchDatabase): Promise<CopyResult> {
  // Rows go round-robin over the pendants, as a large fleet's do: with 100,000 pendants a device-state
  // write carries one row per heartbeat (nothing to coalesce), and every pendant already has its row.
  say(`(a)/(b) ${opt.rows} rows from ${opt.devices} pendants, batches of ${opt.batch}, ${opt.repeat} rounds`);
  const rows = syntheticRows(opt.rows, opt.devices);
  const raw: RateResult[] = [];
  const writer: WriterResult[] = [];
  const withState: WriterResult[] = [];
  for (let i = 0; i < opt.repeat; i++) {
    await db.reset(true);
    raw.push(await rawCopy(db.url, rows));
    await db.reset(true);
    writer.push(await writerStage(db.url, rows, opt.batch, false));
    await db.reset(true);
    withState.push(await writerStage(db.url, rows, opt.batch, true));
    const [a, b, c] = [raw.at(-1)!, writer.at(-1)!, withState.at(-1)!];
    say(
      `  round ${i + 1}: raw ${Math.round(a.rowsPerSecond)}/s (server ${a.serverCpuUsPerRow.toFixed(1)} us/row); ` +
        `writer ${Math.round(b.rowsPerSecond)}/s (server ${b.serverCpuUsPerRow.toFixed(1)}, ingest ${b.clientCpuUsPerRow.toFixed(1)} us/row); ` +
        `with device state: telemetry ${Math.round(c.rowsPerSecond)}/s, all written ${Math.round(c.withStateRowsPerSecond)}/s ` +
        `(server ${c.serverCpuUsPerRow.toFixed(1)}, ingest ${c.clientCpuUsPerRow.toFixed(1)} us/row, ${c.stateRows} state rows)`,
    );
  }
  const rawRate = median(raw.map((r) => r.rowsPerSecond));
  const writerRate = median(writer.map((r) => r.rowsPerSecond));
  const telemetryWithState = median(withState.map((r) => r.rowsPerSecond));
  const allWithState = median(withState.map((r) => r.withStateRowsPerSecond));
  return {
    raw,
    writer,
    withState,
    rawRowsPerSecond: rawRate,
    writerRowsPerSecond: writerRate,
    ratio: writerRate / rawRate,
    withStateTelemetryRowsPerSecond: telemetryWithState,
    withStateAllRowsPerSecond: allWithState,
    ratioWithState: allWithState / rawRate,
  };
}

async function runLoad(publisher: Child, rate: number): Promise<{ startMs: number; sent: number; skipped: number }> {
  const startMs = Date.now();
  const done = await publisher.ask({ cmd: 'run', rate, seconds: opt.seconds }, 'done', (opt.seconds + 60) * 1000);
  return { startMs, sent: done['sent'] as number, skipped: done['skipped'] as number };
}

/** What consumes the heartbeats in a run: the counting subscriber (broker only) or ingest. */
interface Consumer {
  child: Child;
  /** Total of the consumer's own counter for the step (delivered or committed). */
  countKey: 'received' | 'committed';
  /** Processes whose CPU time is accounted per step, by role. */
  pids: () => Promise<Record<string, number[]>>;
}

async function cpuByRole(pids: Record<string, number[]>): Promise<Record<string, Record<number, number>>> {
  return Object.fromEntries(Object.entries(pids).map(([role, list]) => [role, Object.fromEntries(list.map((pid) => [pid, cpuMs(pid)]))]));
}

/** CPU ms used per role between two snapshots (processes that appeared in between count in full). */
function cpuDelta(before: Record<string, Record<number, number>>, after: Record<string, Record<number, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([role, byPid]) => [
      role,
      Object.entries(byPid).reduce((sum, [pid, ms]) => sum + ms - (before[role]?.[Number(pid)] ?? 0), 0),
    ]),
  );
}

/**
 * One step: reset the consumer's counters, offer `rate` heartbeats/s for opt.seconds, give the tail
 * 3 s to arrive, read what arrived and when. Sustained = delivered within 5 % of offered, p99 < 1 s.
 */
async function step(publisher: Child, consumer: Consumer, rate: number): Promise<LoadResult> {
  await consumer.child.ask({ cmd: 'reset' }, 'reset');
  const before = consumer.countKey === 'committed' ? await consumer.child.ask({ cmd: 'report' }, 'report') : undefined;
  const cpuBefore = await cpuByRole(await consumer.pids());
  const load = await runLoad(publisher, rate);
  await sleep(3000);
  const cpu = cpuDelta(cpuBefore, await cpuByRole(await consumer.pids()));
  const report = await consumer.child.ask({ cmd: 'report' }, 'report');
  const h = Histogram.fromJSON(report['histogram'] as number[]);
  const result: LoadResult = {
    offeredPerSecond: load.sent / opt.seconds,
    sent: load.sent,
    skipped: load.skipped,
    delivered: report[consumer.countKey] as number,
    deliveredPerSecond: steadyRate(report['perSecond'] as [number, number][], load.startMs, opt.seconds),
    p50Ms: h.percentile(0.5),
    p99Ms: h.percentile(0.99),
    cpuUsPerMessage: Object.fromEntries(
      Object.entries(cpu).map(([role, ms]) => [role, Math.round((ms * 1000) / Math.max(1, report[consumer.countKey] as number))]),
    ),
  };
  if (before) {
    result.shed = (report['shed'] as number) - (before['shed'] as number);
    result.shedBusy = (report['shedBusy'] as number) - (before['shedBusy'] as number);
    result.lost = (report['lost'] as number) - (before['lost'] as number);
  }
  return result;
}

const sustained = (r: LoadResult) => r.delivered >= 0.95 * r.sent && r.p99Ms < 1000 && r.offeredPerSecond >= 0.9 * r.targetRate!;


/**
 * One rate, tried once more if it is not sustained: on a shared machine another tenant's burst can
 * spoil one run. A failed try leaves a backlog behind, so the next one waits for it to drain.
 */
async function tryRate(name: string, publisher: Child, consumer: Consumer, rate: number, steps: LoadResult[]): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const r: LoadResult = { targetRate: rate, ...(await step(publisher, consumer, rate)) };
    steps.push(r);
    say(`  ${name} ${rate}/s: offered ${Math.round(r.offeredPerSecond)}/s, ${consumer.countKey} ${r.delivered}/${r.sent} (steady ${Math.round(r.deliveredPerSecond)}/s), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.shed !== undefined ? `, shed ${r.shed} (busy ${r.shedBusy})` : ''}, CPU us/msg ${JSON.stringify(r.cpuUsPerMessage)}${sustained(r) ? '' : ' (not sustained)'}`);
    if (sustained(r)) return true;
    await drained(consumer);
  }
  return false;
}

/** Waits (up to 30 s) until the consumer's count has stood still for a second. */
async function drained(consumer: Consumer): Promise<void> {
  let last = -1;
  for (let i = 0; i < 30; i++) {
    const count = (await consumer.child.ask({ cmd: 'report' }, 'report'))[consumer.countKey] as number;
    if (count === last) return;
    last = count;
    await sleep(1000);
  }
}

/**
 * Steps up through opt.rates until the consumer no longer keeps up, then bisects between the last
 * sustained and the first failed rate until they are opt.resolution apart (the coarse steps alone
 * would round a capacity of 38,000/s down to 30,000/s). Returns every step.
 */
async function staircase(name: string, publisher: Child, consumer: Consumer): Promise<LoadResult[]> {
  const steps: LoadResult[] = [];
  let ok = 0;
  let failed: number | undefined;
  for (const rate of opt.rates) {
    if (!(await tryRate(name, publisher, consumer, rate, steps))) {
      failed = rate;
      break;
    }
    ok = rate;
  }
  while (failed !== undefined && ok > 0 && failed - ok > opt.resolution) {
    const mid = Math.round((ok + failed) / 2 / 500) * 500;
    if (await tryRate(name, publisher, consumer, mid, steps)) ok = mid;
    else failed = mid;
  }
  return steps;
}

/**
 * The rate a sustained step shows: what arrived in its steady seconds, but never more than was offered
 * (a backlog left by a short stall drains in those seconds and would count twice).
 */
function sustainedRate(step: LoadResult | undefined): number {
  return step ? Math.min(step.deliveredPerSecond, step.offeredPerSecond) : 0;
}

/** The sustained step with the highest offered rate (undefined when even the first step was not sustained). */
function best(steps: LoadResult[]): LoadResult | undefined {
  return steps.filter(sustained).sort((a, b) => a.targetRate! - b.targetRate!).at(-1);
}

/**
 * Runs `fn` with a fresh broker process on the bench database and the pendants connected to it.
 * Each staircase gets its own broker: one that was pushed past saturation is not reused.
 */
async function withBroker<T>(db: BenchDatabase, fn: (port: number, publisher: Child, brokerPid: number) => Promise<T>): Promise<T> {
  const broker = await startBrokerProcess({
    ...process.env,
    DATABASE_URL: db.url,
    BROKER_HOST: '127.0.0.1',
    BROKER_TCP_PORT: '0',
    BROKER_TLS_PORT: 'off',
    BROKER_WS_PORT: 'off',
    BROKER_METRICS_PORT: 'off',
    BROKER_INGEST_SECRET: INGEST_SECRET,
    // the bench pendants send faster than real ones (fewer pendants, same message rate)
    BROKER_DEVICE_RATE_PER_S: '1000',
    BROKER_DEVICE_RATE_BURST: '1000',
    BROKER_LOG_LEVEL: 'info',
  });
  const publisher = new Child('./publisher.ts');
  try {
    await publisher.next('ready');
    const ids = Array.from({ length: opt.pendants }, (_, i) => benchDeviceId(i + 1));
    const connected = await publisher.ask({ cmd: 'connect', host: '127.0.0.1', port: broker.port, ids, secret: BENCH_SECRET, concurrency: 50 }, 'connected', 600_000);
    say(`  ${connected['n'] as number} pendants connected in ${Math.round(connected['ms'] as number)} ms`);
    return await fn(broker.port, publisher, broker.pid);
  } finally {
    await publisher.exit();
    await broker.stop();
  }
}

async function pipelinePhases(db: BenchDatabase): Promise<PipelineResult> {
  say(`(c) ${opt.pendants} pendants, ${opt.seconds} s per step, steps ${opt.rates.join(', ')} /s`);
  const brokerSteps = await withBroker(db, async (port, publisher, brokerPid) => {
    const subscriber = new Child('./counting-subscriber.ts');
    await subscriber.next('ready');
    await subscriber.ask({ cmd: 'start', host: '127.0.0.1', port, username: 'svc:ingest', password: INGEST_SECRET }, 'subscribed');
    try {
      const pids = async () => ({ broker: [brokerPid], subscriber: [subscriber.process.pid!], publisher: [publisher.process.pid!] });
      return await staircase('broker only', publisher, { child: subscriber, countKey: 'received', pids });
    } finally {
      await subscriber.exit();
    }
  });
  await db.reset();
  const pipelineSteps = await withBroker(db, async (port, publisher, brokerPid) => {
    // BENCH_PROFILE_DIR=/tmp/x writes a CPU profile of the ingest process there
    const profile = process.env['BENCH_PROFILE_DIR'];
    const ingest = new Child('./ingest-process.ts', process.env, [...SERVICE_NODE_FLAGS, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])]);
    await ingest.next('ready');
    await ingest.ask(
      {
        cmd: 'start',
        databaseUrl: db.url,
        config: { mqttUrl: `mqtt://127.0.0.1:${port}`, mqttPassword: INGEST_SECRET, batchMaxRows: opt.batch, flushIntervalMs: 100, logLevel: 'warn' },
      },
      'started',
    );
    try {
      const pids = async () => ({
        broker: [brokerPid],
        ingest: [ingest.process.pid!],
        postgres: (await db.pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'aware-ingest-bench'")).rows.map((r) => r.pid),
        publisher: [publisher.process.pid!],
      });
      return await staircase('pipeline', publisher, { child: ingest, countKey: 'committed', pids });
    } finally {
      await ingest.exit();
    }
  });
  const brokerBest = best(brokerSteps);
  const pipelineBest = best(pipelineSteps);
  const atTarget = pipelineSteps.filter((s) => s.targetRate === opt.targetRate).sort((a, b) => Number(sustained(b)) - Number(sustained(a)))[0];
  return {
    pendants: opt.pendants,
    seconds: opt.seconds,
    brokerSteps,
    pipelineSteps,
    brokerSustainedPerSecond: sustainedRate(brokerBest),
    pipelineSustainedPerSecond: sustainedRate(pipelineBest),
    ratio: sustainedRate(pipelineBest) / (sustainedRate(brokerBest) || Number.NaN),
    brokerBest,
    pipelineBest,
    atTarget,
  };
}

process.on('SIGINT', () => {
  killChildren();
  process.exit(130);
});

const startedAt = new Date();
const loadavgAtStart = loadavg();
const db = await createBenchDatabase(Math.max(opt.devices, opt.pendants), opt.pendants, logger);
try {
  const copy = opt.phases.has('copy') ? await copyPhases(db) : undefined;
  const pipe = opt.phases.has('pipeline') ? await pipelinePhases(db) : undefined;
  const out = table(copy, pipe, opt.targetRate);
  const load = `load average (1 min) at start ${loadavgAtStart[0]!.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  process.stdout.write(`\n${out}\n${load}\n\n`);
  const result = {
    bench: 'ingest',
    startedAt: startedAt.toISOString(),
    code: codeVersion(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', loadavgAtStart, loadavgAtEnd: loadavg() },
    options: { ...opt, phases: [...opt.phases] },
    copy,
    pipeline: pipe,
    table: out,
  };
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`ingest-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`, dir);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  say(`results: ${file.pathname}`);
} finally {
  killChildren();
  if (!args['keep-db']) await db.drop();
}
