/**
 * Dispatch benchmark: press -> both consoles and press -> pendant confirmation, with 10,000 pendants
 * connected and heartbeating (firmware-sim `load`, its own processes), our broker and dispatch each in
 * their own process, on a fresh PostgreSQL database. The broker-only latency of the very same presses
 * (publish -> a plain subscriber) is measured in the same run as the floor.
 *
 *   npx tsx bench/dispatch/run.ts [--pendants 10000] [--presses 10000] [--rate 100] [--pressers 500]
 *                                 [--hb 30] [--hb2 1|none] [--warmup 300] [--topology single,cluster]
 *
 * For each heartbeat interval (--hb, then --hb2, as after a mass reconnect) and each topology: `single`
 * (one broker, one dispatch node) and `cluster` (the production topology: two brokers on Redis, the
 * pendants on one and the active dispatch node on the other, a second dispatch node relaying the Veilig
 * Thuis console; bench/dispatch/topology.ts), measured one after the other in the same run. Every press is a new
 * alarm: an operator resolves it once both consoles showed it, so the pendant's next press opens another.
 * Prints a summary and writes bench/results/dispatch-<timestamp>.json. Never part of `npm test`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';
import { assignToClients, benchDatabase, createOperator, createPendants } from './database.js';
import { runOnce, type RunResult } from './run-once.js';
import type { Topology } from './topology.js';
import { codeVersion } from '../code-version.js';

const { values } = parseArgs({
  options: {
    pendants: { type: 'string', default: '10000' },
    presses: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '100' },
    pressers: { type: 'string', default: '500' },
    hb: { type: 'string', default: '30' },
    hb2: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '300' },
    database: { type: 'string', default: 'private' },
    ramp: { type: 'string', default: '250' },
    topology: { type: 'string', default: 'single,cluster' },
  },
});
const n = Number(values.pendants);
const work = await mkdtemp(join(tmpdir(), 'aware-bench-dispatch-'));
const secrets = { dispatch: randomBytes(24).toString('base64url'), simAdmin: randomBytes(24).toString('base64url') };
const started = new Date();
const loadAtStart = loadavg();

console.error(`provisioning ${n} heartbeating pendants and ${values.pressers} pressing pendants with clients...`);
const where = values.database === 'shared' ? 'shared' : 'private';
const { db, stopServer } = await benchDatabase(where);
const t = performance.now();
const fleet = await createPendants(db, 'fleet', n, 'utrecht');
const pressers = await createPendants(db, 'press', Number(values.pressers), 'utrecht');
await assignToClients(db, pressers.map((p) => p.id), 'utrecht');
const tokens = { police: await createOperator(db, 'police', 'utrecht'), vt: await createOperator(db, 'veilig_thuis', 'utrecht') };
console.error(`provisioned in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const fleetFile = join(work, 'fleet.json');
await writeFile(fleetFile, JSON.stringify(fleet), { mode: 0o600 });

const runs: RunResult[] = [];
const dir = fileURLToPath(new URL('../results/', import.meta.url));
const file = join(dir, `dispatch-${started.toISOString().replace(/[:.]/g, '-')}.json`);

async function writeResults(): Promise<void> {
  const result = {
    kind: 'aware-bench-dispatch',
    version: 1,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    code: codeVersion(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg() },
    config: { topologies: values.topology, pendants: n, presses: Number(values.presses), rate: Number(values.rate), pressers: Number(values.pressers), warmup: Number(values.warmup), rampPerS: Number(values.ramp), database: where, serviceNodeFlags: SERVICE_NODE_FLAGS, brokerNodeArgs: process.env['BENCH_BROKER_NODE_ARGS'] ?? null, fleetNice: Number(process.env['BENCH_FLEET_NICE'] ?? 10) },
    notes: [
      'all latencies in ms, measured in the bench process on one monotonic clock',
      'floor = the same press publish reaching a plain QoS 1 subscriber on the same broker (broker-only latency)',
      'pressToBothConsoles = until the later of the two consoles (police, Veilig Thuis) received the opened event',
      'pressToConfirmation = until the pressing pendant received alarm_received (after the alarm was durable in PostgreSQL)',
      'pendant secrets use cheap argon2id parameters (the broker benchmark measures authentication at production cost)',
      'database private: a PostgreSQL cluster of the bench own (fsync on), so other work on the shared server is not in the commit path',
      'the machine is shared: see loadAverage; the floor in the same run is the reference',
    ],
    runs,
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
}

try {
  // `--hb2 none` runs the first interval only
  const topologies = values.topology.split(',').map((t) => t.trim()) as Topology[];
  for (const hb of [Number(values.hb), Number(values.hb2)].filter((s) => Number.isFinite(s) && s > 0)) for (const topology of topologies) {
    console.error(`\nrun: ${topology}, heartbeat every ${hb} s`);
    runs.push(
      await runOnce({
        topology,
        db,
        work,
        secrets,
        tokens,
        fleetFile,
        pendants: n,
        pressers,
        hbIntervalS: hb,
        presses: Number(values.presses),
        warmup: Number(values.warmup),
        rate: Number(values.rate),
        rampPerS: Number(values.ramp),
      }),
    );
    await writeResults();
  }
} finally {
  await db.close();
  await stopServer();
  await rm(work, { recursive: true, force: true });
}

for (const r of runs) {
  console.log(`\n${r.topology}, heartbeat every ${r.hbIntervalS} s${r.hbNote ? ` (${r.hbNote})` : ''}: ${r.pendantsConnected} pendants connected, ${r.heartbeats} heartbeats, ${r.measuredPresses} presses at ${r.rate}/s`);
  console.log('                          p50      p99    p99.9      max   (ms)');
  for (const [name, s] of Object.entries(r.latencyMs)) {
    console.log(`  ${name.padEnd(22)} ${[s.p50, s.p99, s.p999, s.max].map((v) => v.toFixed(2).padStart(8)).join(' ')}`);
  }
  console.log(`  lost ${r.lost}, duplicated ${r.duplicated}; database: ${JSON.stringify(r.database)}; bench loop p99 ${r.benchLoopDelayP99Ms} ms`);
}
// the production topology against the single node measured in the same run (goal: p99 within 1.5x, under 10 ms)
for (const cluster of runs.filter((r) => r.topology === 'cluster')) {
  const single = runs.find((r) => r.topology === 'single' && r.hbIntervalS === cluster.hbIntervalS);
  if (!single) continue;
  const [c, s] = [cluster.latencyMs.pressToBothConsoles, single.latencyMs.pressToBothConsoles];
  console.log(`\nheartbeat every ${cluster.hbIntervalS} s: press -> both consoles p99 cluster ${c.p99.toFixed(2)} ms vs single ${s.p99.toFixed(2)} ms (${(c.p99 / s.p99).toFixed(2)}x; goal <= 1.5x and < 10 ms); p50 ${c.p50.toFixed(2)} vs ${s.p50.toFixed(2)} ms`);
}
console.log(`\nresults: ${file}`);
