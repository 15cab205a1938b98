/**
 * Failover benchmark: the active dispatch node is killed (-9) again and again under a steady stream of
 * presses, in the production topology (Redis, two brokers clustered on it, two dispatch nodes), and
 * restarted as the standby each time, as docker-compose's `restart: unless-stopped` would.
 *
 *   npx tsx bench/failover/run.ts [--kills 20] [--rate 10] [--settle 2000]
 *
 * Every press is a new pendant's first press (a new alarm), resent by its pendant (firmware-sim, real
 * MQTT) until `alarm_received` names it. Per kill: the takeover time (kill -> the surviving node's
 * "active: taking presses", both on this machine's clock) and the slowest confirmation of a press made
 * during that cycle. At the end: every press confirmed and stored exactly once (one alarm, one press row,
 * one `opened` event). Prints a table and writes bench/results/failover-<timestamp>.json.
 * Goal (issue 13): takeover under 5 s, 0 lost, 0 duplicated. Never part of `npm test`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pendant } from '@aware/firmware-sim';
import { TestRedis } from '../../e2e/helpers/redis.js';
import { ServiceProcess } from '../../e2e/helpers/service-process.js';
import { assignToClients, benchDatabase, createPendants, type Credential } from '../dispatch/database.js';
import { summarise } from '../dispatch/stats.js';
import { codeVersion } from '../code-version.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10' },
    settle: { type: 'string', default: '2000' },
  },
});
const kills = Number(values.kills);
const rate = Number(values.rate);
const settleMs = Number(values.settle);
/** Presses needed: every cycle lasts about takeover + restart + settle (~7 s). */
const pendantCount = Math.ceil(kills * 10 * rate) + 200;
const started = new Date();
const loadAtStart = loadavg();
const work = await mkdtemp(join(tmpdir(), 'aware-bench-failover-'));
const secrets = { dispatch: randomBytes(24).toString('base64url') };

console.error(`provisioning ${pendantCount} pendants with clients...`);
const { db, stopServer } = await benchDatabase('private');
const credentials = await createPendants(db, 'fo', pendantCount, 'utrecht');
await assignToClients(db, credentials.map((c) => c.id), 'utrecht');

let redis: TestRedis | null = null;
const brokers: ServiceProcess[] = [];
const nodes: ServiceProcess[] = [];
const online: Pendant[] = [];
let measured!: { lost: number; duplicated: number; resent: number; presses: number; takeovers: number[]; confirm: ReturnType<typeof summarise> };
try {
  redis = await TestRedis.start();
  const redisUrl = redis.url;

  brokers.push(...['broker-1', 'broker-2'].map(
    (name) =>
      new ServiceProcess(name, 'broker/src/main.ts', {
        DATABASE_URL: db.url,
        BROKER_NODE_ID: name,
        BROKER_HOST: '127.0.0.1',
        BROKER_TCP_PORT: '0',
        BROKER_TLS_PORT: 'off',
        BROKER_WS_PORT: 'off',
        BROKER_METRICS_PORT: 'off',
        BROKER_DISPATCH_SECRET: secrets.dispatch,
        BROKER_REDIS_URL: redisUrl,
        BROKER_LOG_LEVEL: 'info',
      }),
    ),
  );
  const brokerUrls: string[] = [];
  for (const b of brokers) {
    const line = await b.start((l) => l.msg === 'broker listening');
    brokerUrls.push(`mqtt://127.0.0.1:${(line['addresses'] as { tcp: { port: number } }).tcp.port}`);
  }
  nodes.push(...['dispatch-1', 'dispatch-2'].map(
    (instance, i) =>
      new ServiceProcess(instance, 'dispatch/src/main.ts', {
        DATABASE_URL: db.url,
        DB_ROLE: 'aware_app',
        DISPATCH_INSTANCE: instance,
        DISPATCH_HTTP_HOST: '127.0.0.1',
        DISPATCH_HTTP_PORT: '0',
        DISPATCH_MQTT_URL: (i === 0 ? brokerUrls : [...brokerUrls].reverse()).join(','),
        DISPATCH_MQTT_PASSWORD: secrets.dispatch,
        DISPATCH_JOURNAL_DIR: join(work, instance),
        LOG_LEVEL: 'info',
      }),
    ),
  );
  for (const node of nodes) await node.start((l) => l.msg === 'dispatch started', 60_000);

  interface Press {
    readonly cycle: number;
    readonly pendant: Pendant;
    readonly alarmId: string;
    confirmedMs?: number;
    attempts?: number;
  }
  const presses: Press[] = [];
  let next = 0;
  async function connectPendant(c: Credential, i: number): Promise<Pendant> {
    const pendant = new Pendant({ id: c.id, secret: c.secret, url: (i % 2 === 0 ? brokerUrls : [...brokerUrls].reverse()).join(','), seed: i, hbIntervalS: 300, reconnect: { initialMs: 200, maxMs: 2_000, factor: 2 } });
    const up = new Promise<void>((resolve) => pendant.once('connected', () => resolve()));
    pendant.start();
    await up;
    return pendant;
  }
  console.error('connecting pendants...');
  for (let i = 0; i < credentials.length; i += 100) online.push(...(await Promise.all(credentials.slice(i, i + 100).map((c, j) => connectPendant(c, i + j)))));

  let cycle = 0;
  let pressing = true;
  const presser = (async () => {
    const gap = 1000 / rate;
    const t0 = performance.now();
    for (let i = 0; pressing; i++) {
      const pendant = online[next++];
      if (!pendant) throw new Error('out of pendants: raise the count');
      const record: Press = { cycle, pendant, alarmId: '' };
      pendant.once('confirmed', (c) => {
        record.confirmedMs = c.latencyMs;
        record.attempts = c.attempts;
      });
      (record as { alarmId: string }).alarmId = pendant.press();
      presses.push(record);
      const due = t0 + (i + 1) * gap;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  })();

  const activeNode = async (): Promise<ServiceProcess> => {
    for (;;) {
      for (const node of nodes) {
        if (!node.running) continue;
        const address = [...node.logs].reverse().find((l) => l.msg === 'dispatch started')?.['address'];
        const health = (await fetch(`${String(address)}/healthz`).then((r) => r.json()).catch(() => null)) as { role?: string; broker?: boolean } | null;
        if (health?.role === 'active' && health.broker) return node;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const takeovers: number[] = [];
  try {
    for (cycle = 1; cycle <= kills; cycle++) {
      const victim = await activeNode();
      const survivor = nodes.find((n) => n !== victim)!;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const from = survivor.logs.length;
      const killedAt = Date.now();
      await victim.kill9();
      const line = await survivor.waitForLog((l) => l.msg === 'active: taking presses', 30_000, from);
      const takeoverMs = Number(line['time']) - killedAt;
      takeovers.push(takeoverMs);
      console.error(`kill ${cycle}/${kills}: ${victim.name} killed, ${survivor.name} active after ${takeoverMs} ms`);
      await victim.start((l) => l.msg === 'dispatch started', 60_000);
    }
  } finally {
    pressing = false;
    await presser;
  }

  // every press confirmed (the pendants resend until then), then the database
  const deadline = Date.now() + 120_000;
  while (presses.some((p) => p.confirmedMs === undefined) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const unconfirmed = presses.filter((p) => p.confirmedMs === undefined).length;
  const { rows } = await db.pool.query<{ device_id: string; device_alarm_id: string; presses: number; opened: number }>(
    `SELECT a.device_id, a.device_alarm_id,
            (SELECT count(*)::int FROM alarm_presses p WHERE p.alarm_id = a.id) AS presses,
            (SELECT count(*)::int FROM alarm_events e WHERE e.alarm_id = a.id AND e.change = 'opened') AS opened
       FROM alarms a`,
  );
  const stored = new Map(rows.map((r) => [`${r.device_id}/${r.device_alarm_id}`, r]));
  const lost = presses.filter((p) => !stored.has(`${p.pendant.id}/${p.alarmId}`)).length + unconfirmed;
  const duplicated = rows.length - (presses.length - lost) + rows.filter((r) => r.presses !== 1 || r.opened !== 1).length;
  measured = {
    lost,
    duplicated,
    resent: presses.filter((p) => (p.attempts ?? 1) > 1).length,
    presses: presses.length,
    takeovers,
    confirm: summarise(presses.filter((p) => p.confirmedMs !== undefined).map((p) => p.confirmedMs!)),
  };
} finally {
  await Promise.all(online.map((p) => p.stop()));
  for (const node of nodes) await node.stop().catch(() => undefined);
  for (const b of brokers) await b.stop().catch(() => undefined);
  await redis?.destroy();
  await db.close();
  await stopServer();
  await rm(work, { recursive: true, force: true });
}

const { lost, duplicated, resent, presses, takeovers, confirm } = measured;
const takeover = summarise(takeovers);
const result = {
  kind: 'aware-bench-failover',
  version: 1,
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  code: codeVersion(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg() },
  config: { kills, rate, settleMs, lease: 'DISPATCH_LEASE_* defaults (ttl 2000, renew 500, grace 1000, poll 250 ms)' },
  notes: [
    'takeover = kill -9 of the active node until the other node logs "active: taking presses" (lease taken, memory warm, press session subscribed)',
    'confirmation = press until the pendant hears alarm_received for it (resends included), per press, ms',
    'lost = a press never confirmed or not stored; duplicated = an extra alarm, a second press row or a second opened event for one press',
  ],
  takeoverMs: { ...takeover, all: takeovers },
  presses,
  lost,
  duplicated,
  resent,
  confirmationMs: confirm,
};
const dir = fileURLToPath(new URL('../results/', import.meta.url));
await mkdir(dir, { recursive: true });
const file = join(dir, `failover-${started.toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);

console.log(`\n${kills} kills of the active dispatch node, ${presses} presses at ${rate}/s`);
console.log(`  takeover ms      p50 ${takeover.p50.toFixed(0)}   p99 ${takeover.p99.toFixed(0)}   max ${takeover.max.toFixed(0)}   (goal < 5000)`);
console.log(`  confirmation ms  p50 ${confirm.p50.toFixed(0)}   p99 ${confirm.p99.toFixed(0)}   max ${confirm.max.toFixed(0)}`);
console.log(`  lost ${lost}, duplicated ${duplicated} (goal 0, 0); resent by the pendant ${result.resent}`);
console.log(`results: ${file}`);
process.exit(0);
