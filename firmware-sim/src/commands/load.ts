import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { LIMITS } from '@aware/protocol';
import { durationFlag, intFlag, numberFlag, parseFlags, requireFlag, urlFlag } from '../cli-args.js';
import { credentialsFor, takeCredentials, type Credential } from '../credentials.js';
import { SimError } from '../errors.js';
import { runLoad } from '../load/coordinator.js';
import type { LoadPlan } from '../load/plan.js';
import { progressLine } from '../load/progress.js';
import { buildReport, formatReport } from '../load/report.js';

const HELP = `usage: npm run sim -- load --devices N [--hb-interval S] [--press-rate R] [--duration T] [--url URL]
          [--credentials FILE] [--workers K] [--ramp N] [--settle T] [--drain T] [--loc-interval S] [--trail-max S]
          [--id-prefix P] [--out FILE]
N pendants connect at --ramp per second (default 1000), heartbeat every S s (default 30); after
--settle (5 s), for --duration (default 60 s) a random one presses R times a second (default 1);
then up to --drain (5 s) for the last confirmations. Each press runs a loc trail (--loc-interval 5 s,
--trail-max 60 s). Progress on stderr,
report on stdout, JSON to --out. Without credentials, ids are made up (anonymous broker only).
--workers: processes to spread the pendants over (default: 1 per 10,000 pendants, at most the cores;
0 runs them in this process).
`;

/** Pendants one worker process takes by default; measured: see the README's load numbers. */
const DEVICES_PER_WORKER = 10_000;

export async function run(args: string[]): Promise<number> {
  const cmd = 'load';
  const { values } = parseFlags(cmd, args, {
    devices: { type: 'string' },
    'hb-interval': { type: 'string' },
    'press-rate': { type: 'string' },
    duration: { type: 'string' },
    url: { type: 'string' },
    credentials: { type: 'string' },
    workers: { type: 'string' },
    ramp: { type: 'string' },
    settle: { type: 'string' },
    drain: { type: 'string' },
    'loc-interval': { type: 'string' },
    'trail-max': { type: 'string' },
    'id-prefix': { type: 'string' },
    out: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const count = intFlag(cmd, 'devices', requireFlag(cmd, 'devices', values.devices), 0, 1, 100_000);
  const { devices, idSource } = await fleet(count, values.credentials, values['id-prefix'] ?? 'load');
  const plan: LoadPlan = {
    url: urlFlag(cmd, values.url),
    devices,
    idSource,
    // A load test may go below what a pendant can be configured to (5 s): 1 s heartbeats are the
    // storm after a mass reconnect that the benchmarks must show alarms do not queue behind.
    hbIntervalS: intFlag(cmd, 'hb-interval', values['hb-interval'], LIMITS.defaultHeartbeatIntervalS, 1, LIMITS.maxHeartbeatIntervalS),
    pressRate: numberFlag(cmd, 'press-rate', values['press-rate'], 1, 0, 10_000),
    durationMs: durationFlag(cmd, 'duration', values.duration, 60_000),
    rampPerS: intFlag(cmd, 'ramp', values.ramp, 1000, 1, 100_000),
    settleMs: durationFlag(cmd, 'settle', values.settle, 5000),
    drainMs: durationFlag(cmd, 'drain', values.drain, 5000),
    locIntervalS: numberFlag(cmd, 'loc-interval', values['loc-interval'], 5, 1, 3600),
    trailMaxS: numberFlag(cmd, 'trail-max', values['trail-max'], 60, 1, 86_400),
    connectTimeoutMs: 30_000,
    workers: intFlag(cmd, 'workers', values.workers, Math.min(availableParallelism(), Math.ceil(count / DEVICES_PER_WORKER)), 0, 64),
  };

  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date();
  const live = process.stderr.isTTY;
  let lastPrinted = 0;
  const shards = await runLoad(
    plan,
    (snapshots) => {
      const line = progressLine(snapshots, Date.now() - startedAt.getTime(), count);
      if (live) process.stderr.write(`\r\x1b[2K${line}`);
      else if (Date.now() - lastPrinted >= 5000) {
        lastPrinted = Date.now();
        process.stderr.write(`${line}\n`);
      }
    },
    abort.signal,
  ).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (live) process.stderr.write('\n');
  });

  const report = buildReport(plan, shards, startedAt, new Date());
  process.stdout.write(`${formatReport(report)}\n`);
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
  if (report.counts.refused === count) {
    throw new SimError('SIM_ERR_CONNECT_REFUSED', `load: the broker refused every pendant (${count}): check the credentials`);
  }
  if (report.counts.connectedPeak === 0) throw new SimError('SIM_ERR_LOAD_FAILED', `load: no pendant could connect to ${plan.url}`);
  return 0;
}

async function fleet(count: number, flag: string | undefined, prefix: string): Promise<{ devices: Credential[]; idSource: LoadPlan['idSource'] }> {
  const found = await credentialsFor(flag);
  if (found) return { devices: takeCredentials(found.credentials, count, found.path), idSource: 'credentials' };
  if (!/^[a-z0-9][a-z0-9-]{0,19}$/.test(prefix)) throw new SimError('SIM_ERR_USAGE', 'load: --id-prefix must be 1-20 of a-z, 0-9, -');
  const width = String(count).length;
  return {
    devices: Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${String(i + 1).padStart(width, '0')}`, secret: 'anonymous' })),
    idSource: 'generated',
  };
}
