/**
 * Broker benchmark: our broker (authentication and ACL on, a fresh database with N provisioned pendants)
 * against Mosquitto on the same machine, in the same run, with the same load generator; plain aedes
 * (no hooks) runs too, to tell the cost of our hooks from aedes' own.
 *
 *   npx tsx bench/broker/run.ts [--pendants 10000] [--qos0 100000] [--qos1 50000] [--rate 5000,1000]
 *                               [--latency-seconds 10] [--brokers aware,aedes,mosquitto] [--rounds 1]
 *
 * With --rounds N every broker is measured N times, the order rotated each round (the first broker of a
 * round is not always the same one), and the table shows each figure's median over the rounds, with one
 * line per round for the goals' ratios: on a shared machine one round can fall in a slow minute.
 * Prints a table and writes bench/results/broker-<timestamp>.json. Never part of `npm test`.
 * AWARE_BENCH_BROKER_NODE_FLAGS adds node flags to our broker's process (beside the production flags of
 * platform/node-flags.ts), e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"; AWARE_BENCH_AEDES_NODE_FLAGS does
 * the same for plain aedes (e.g. "--trace-gc").
 * The numbers are only comparable within one run: the machine is shared.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';
import { serviceClientId, serviceUsername } from '@aware/protocol';
import { provisionPendants, writePendants } from './provision.js';
import { startAwareBroker, startMosquitto, startPlainAedes, type BrokerName, type BrokerUnderTest } from './processes.js';
import { medianOfRounds, roundLines, table, writeResults, type BrokerResult } from './report.js';
import type { LoadJob } from './load.js';
import { codeVersion } from '../code-version.js';

const { values } = parseArgs({
  options: {
    pendants: { type: 'string', default: '10000' },
    qos0: { type: 'string' },
    qos1: { type: 'string' },
    rate: { type: 'string', default: '5000,1000' },
    'latency-seconds': { type: 'string', default: '10' },
    brokers: { type: 'string', default: 'aware,aedes,mosquitto' },
    rounds: { type: 'string', default: '1' },
  },
});
const n = Number(values.pendants);
const qos0Messages = Number(values.qos0 ?? n * 10);
const qos1Messages = Number(values.qos1 ?? n * 5);
const brokers = values.brokers.split(',') as BrokerName[];
const roundCount = Math.max(1, Number(values.rounds));
const LOAD = fileURLToPath(new URL('./load.ts', import.meta.url));

const work = await mkdtemp(join(tmpdir(), 'aware-bench-broker-'));
const secrets = { ingest: randomBytes(24).toString('base64url'), dispatch: randomBytes(24).toString('base64url') };
console.error(`provisioning ${n} pendants (one keyed hash per pendant)...`);
const { db, pendants, seconds: provisionSeconds } = await provisionPendants(n);
console.error(`provisioned in ${provisionSeconds.toFixed(1)} s`);
const pendantsFile = join(work, 'pendants.json');
await writePendants(pendantsFile, pendants);

/** One broker, started fresh on the provisioned pendants, through the whole load job; then stopped. */
async function measure(name: BrokerName): Promise<BrokerResult> {
  const broker: BrokerUnderTest =
    name === 'aware' ? await startAwareBroker(db.url, secrets, n) : name === 'aedes' ? await startPlainAedes() : await startMosquitto();
  try {
    const login = (service: 'ingest' | 'dispatch') => ({
      username: serviceUsername(service),
      password: secrets[service],
      clientId: serviceClientId(service, 'bench'),
    });
    const job: LoadJob = {
      url: broker.url,
      brokerPid: broker.pid,
      pendantsFile,
      connectConcurrency: 200,
      qos0Messages,
      qos1Messages,
      window: 2000,
      latencyRates: values.rate.split(',').map(Number),
      latencySeconds: Number(values['latency-seconds']),
      settleMs: 3000,
      gcBeforeSample: broker.gcOnSignal,
      hbSubscriber: login('ingest'),
      locSubscriber: login('dispatch'),
    };
    const jobFile = join(work, `job-${name}.json`);
    await writeFile(jobFile, JSON.stringify(job));
    console.error(`${name}: running the load generator against ${broker.url}`);
    return await runLoad(jobFile);
  } finally {
    await broker.stop();
  }
}

const rounds: Array<Record<string, BrokerResult>> = [];
try {
  for (let round = 0; round < roundCount; round++) {
    const order = [...brokers.slice(round % brokers.length), ...brokers.slice(0, round % brokers.length)];
    if (roundCount > 1) console.error(`round ${round + 1} of ${roundCount}: ${order.join(', ')}`);
    const results: Record<string, BrokerResult> = {};
    for (const name of order) results[name] = await measure(name);
    rounds.push(results);
  }
} finally {
  await db.close();
  await rm(work, { recursive: true, force: true });
}

const results = roundCount > 1 ? medianOfRounds(rounds) : rounds[0]!;
console.log(roundCount > 1 ? `median of ${roundCount} rounds\n${table(results)}\n\n${roundLines(rounds)}` : table(results));
const path = await writeResults({
  benchmark: 'broker',
  at: new Date().toISOString(),
  code: codeVersion(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, node: process.version },
  params: { pendants: n, rounds: roundCount, qos0Messages, qos1Messages, latencyRates: values.rate.split(',').map(Number), latencySeconds: Number(values['latency-seconds']), provisionSeconds, awareNodeFlags: [...SERVICE_NODE_FLAGS, ...(process.env['AWARE_BENCH_BROKER_NODE_FLAGS'] ?? '').split(' ').filter(Boolean)] },
  results,
  ...(roundCount > 1 ? { rounds } : {}),
});
console.log(`\nresults: ${path}`);

function runLoad(jobFile: string): Promise<BrokerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD, jobFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || !last) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(last) as BrokerResult);
    });
  });
}
