/**
 * Reconnect storm: N pendants connected and heartbeating, the broker killed with SIGKILL and started
 * again on the same port; how long until every pendant is connected again, and until every pendant has
 * had a heartbeat accepted (seen by an internal subscriber), counted from the moment the restarted
 * broker listens. Our broker (authentication, ACL and payload validation on, secrets as stored in
 * production) against Mosquitto 2 with a password file holding the same pendants, in the same run,
 * with the same fleet process (mqtt.js clients, 1 s reconnect period).
 *
 *   npm run bench -- reconnect [--pendants 10000] [--brokers aware,mosquitto] [--legacy-hashes]
 *
 * --legacy-hashes stores the pendants' secrets as argon2id (production cost) instead of keyed hashes,
 * as a database from before migration 0017 holds them: the first storm after the upgrade.
 * Prints a table and writes bench/results/reconnect-<timestamp>.json. Never part of `npm test`.
 */
import { fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { legacyArgon2DeviceSecretHash } from '@aware/db/testing';
import { serviceClientId, serviceUsername } from '@aware/protocol';
import { provisionPendants, writePendants } from '../broker/provision.js';
import { freePort, startAwareBroker, startMosquitto, type BrokerUnderTest } from '../broker/processes.js';
import type { FleetJob, FleetMessage, ParentMessage } from './fleet.js';
import { writeResults } from '../broker/report.js';
import { codeVersion } from '../code-version.js';

const { values } = parseArgs({
  options: {
    pendants: { type: 'string', default: '10000' },
    brokers: { type: 'string', default: 'aware,mosquitto' },
    'legacy-hashes': { type: 'boolean', default: false },
  },
});
const n = Number(values.pendants);
const brokers = values.brokers.split(',') as ('aware' | 'mosquitto')[];
const FLEET = fileURLToPath(new URL('./fleet.ts', import.meta.url));
const work = await mkdtemp(join(tmpdir(), 'aware-bench-reconnect-'));
const secrets = { ingest: randomBytes(24).toString('base64url'), dispatch: randomBytes(24).toString('base64url') };
const log = (msg: string) => process.stderr.write(`[reconnect] ${msg}\n`);

log(`provisioning ${n} pendants`);
const { db, pendants } = await provisionPendants(n);
if (values['legacy-hashes']) {
  log('storing their secrets as argon2id (production cost), as before migration 0017');
  for (let i = 0; i < n; i += 64) {
    const batch = pendants.slice(i, i + 64);
    const hashes = await Promise.all(batch.map((p) => legacyArgon2DeviceSecretHash(p.secret)));
    await db.pool.query(`UPDATE devices d SET secret_hash = x.h FROM unnest($1::text[], $2::text[]) AS x(id, h) WHERE d.id = x.id`, [batch.map((p) => p.id), hashes]);
  }
}
const pendantsFile = join(work, 'pendants.json');
await writePendants(pendantsFile, pendants);

// Mosquitto's password file: the same pendants and secrets, plus the subscriber, hashed by mosquitto_passwd
const subscriberSecret = randomBytes(24).toString('base64url');
const passwordFile = join(work, 'mosquitto.passwd');
if (brokers.includes('mosquitto')) {
  await writeFile(passwordFile, [...pendants.map((p) => `${p.id}:${p.secret}`), `bench-sub:${subscriberSecret}`, ''].join('\n'), { mode: 0o600 });
  const hashed = spawnSync('mosquitto_passwd', ['-U', passwordFile]);
  if (hashed.status !== 0) throw new Error(`mosquitto_passwd failed: ${hashed.stderr.toString()}`);
  // started as root, Mosquitto drops to its own user, which must read the (hashed) file
  await chmod(work, 0o755);
  await chmod(passwordFile, 0o644);
}

interface Measured {
  readonly broker: string;
  readonly coldConnectAllS: number;
  readonly restartListenMs: number;
  readonly connected: Summary;
  readonly heartbeat: Summary;
  /** CPU seconds used from the restart to the last heartbeat: the broker, and the fleet process beside it. */
  readonly brokerCpuS: number;
  readonly fleetCpuS: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
interface Summary {
  readonly p50: number | null;
  readonly p99: number | null;
  readonly all: number | null;
  readonly missing: number;
}

function summary(times: (number | null)[], t0: number): Summary {
  const rel = times.filter((t): t is number => t !== null).map((t) => Math.max(0, t - t0)).sort((a, b) => a - b);
  const at = (q: number) => (rel.length ? rel[Math.min(rel.length - 1, Math.ceil(q * times.length) - 1)] ?? null : null);
  return { p50: at(0.5), p99: at(0.99), all: rel.length === times.length ? rel.at(-1)! : null, missing: times.length - rel.length };
}

async function waitListening(port: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function measure(name: 'aware' | 'mosquitto'): Promise<Measured> {
  const port = await freePort();
  const start = (): Promise<BrokerUnderTest> =>
    name === 'aware' ? startAwareBroker(db.url, secrets, n, port) : startMosquitto({ port, passwordFile });
  let broker = await start();
  const subscriber =
    name === 'aware'
      ? { username: serviceUsername('ingest'), password: secrets.ingest, clientId: serviceClientId('ingest', 'bench') }
      : { username: 'bench-sub', password: subscriberSecret, clientId: 'bench-sub' };
  const job: FleetJob = { url: broker.url, pendantsFile, subscriber, reconnectPeriodMs: 1000, connectConcurrency: 500 };
  const jobFile = join(work, `fleet-${name}.json`);
  await writeFile(jobFile, JSON.stringify(job));
  const fleet = fork(FLEET, [jobFile], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<FleetMessage>((resolve) => fleet.once('message', (m) => resolve(m as FleetMessage)));
  log(`${name}: connecting ${n} pendants`);
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('fleet did not get ready');
  const coldConnectAllS = Math.max(...ready.coldConnectMs) / 1000;
  log(`${name}: all connected (cold) in ${coldConnectAllS.toFixed(1)} s; kill -9`);
  await new Promise((r) => setTimeout(r, 3_000));
  process.kill(broker.pid, 'SIGKILL');
  fleet.send({ cmd: 'killed' } satisfies ParentMessage);
  await new Promise((r) => setTimeout(r, 1_000));
  const spawnedAt = Date.now();
  broker = await start();
  await waitListening(port);
  const t0 = Date.now();
  const cpuAt0 = { broker: cpuSeconds(broker.pid), fleet: cpuSeconds(fleet.pid!) };
  log(`${name}: restarted, listening after ${t0 - spawnedAt} ms`);
  const result = next();
  fleet.send({ cmd: 'report', timeoutMs: 180_000 } satisfies ParentMessage);
  const r = await result;
  if (r.type !== 'result') throw new Error('no result from the fleet');
  const brokerCpuS = cpuSeconds(broker.pid) - cpuAt0.broker;
  const fleetCpuS = cpuSeconds(fleet.pid!) - cpuAt0.fleet;
  await broker.stop();
  await new Promise((resolve) => (fleet.exitCode !== null ? resolve(null) : fleet.once('exit', resolve)));
  return { broker: name, coldConnectAllS, restartListenMs: t0 - spawnedAt, connected: summary(r.connectedAt, t0), heartbeat: summary(r.heartbeatAt, t0), brokerCpuS, fleetCpuS };
}

const results: Measured[] = [];
try {
  for (const name of brokers) results.push(await measure(name));
} finally {
  await db.close();
  await rm(work, { recursive: true, force: true });
}

const s = (ms: number | null) => (ms === null ? '-' : (ms / 1000).toFixed(2));
const rows = results.map((r) =>
  [r.broker, r.coldConnectAllS.toFixed(1), s(r.connected.p50), s(r.connected.p99), s(r.connected.all), s(r.heartbeat.p50), s(r.heartbeat.p99), s(r.heartbeat.all), String(r.heartbeat.missing), r.brokerCpuS.toFixed(1), r.fleetCpuS.toFixed(1)].join(' | '),
);
const mine = results.find((r) => r.broker === 'aware');
const reference = results.find((r) => r.broker === 'mosquitto');
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? (a / b).toFixed(2) : '-');
const ratios = mine && reference
  ? {
      connectedHalf: ratio(mine.connected.p50, reference.connected.p50),
      connectedAll: ratio(mine.connected.all, reference.connected.all),
      heartbeatHalf: ratio(mine.heartbeat.p50, reference.heartbeat.p50),
      heartbeatAll: ratio(mine.heartbeat.all, reference.heartbeat.all),
    }
  : null;
process.stdout.write(
  [
    `reconnect storm, ${n} pendants${values['legacy-hashes'] ? ' (argon2id hashes from before 0017)' : ''}; seconds from the restarted broker listening`,
    'broker | cold connect all | connected p50 | p99 | all | heartbeat p50 | p99 | all | missing | broker CPU s | fleet CPU s',
    ...rows,
    ratios ? `aware / mosquitto (goal <= 2): connected half ${ratios.connectedHalf}, all ${ratios.connectedAll}; heartbeat half ${ratios.heartbeatHalf}, all ${ratios.heartbeatAll}` : '',
    '',
  ].join('\n'),
);
const file = await writeResults({ at: new Date().toISOString(), code: codeVersion(), pendants: n, legacyHashes: values['legacy-hashes'], results, ratios }, 'reconnect');
process.stdout.write(`results: ${file}\n`);
