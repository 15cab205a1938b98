import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestDatabase } from '@aware/db/testing';
import type { Credential } from './database.js';
import { Measurement } from './measure.js';
import { spawnTs, type Child } from './processes.js';
import { startTopology, type Topology } from './topology.js';
import { summarise, type Summary } from './stats.js';

export interface RunOptions {
  readonly db: TestDatabase;
  readonly work: string;
  readonly secrets: { dispatch: string; simAdmin: string };
  readonly tokens: { police: string; vt: string };
  readonly fleetFile: string;
  readonly pendants: number;
  readonly pressers: Credential[];
  readonly hbIntervalS: number;
  readonly presses: number;
  readonly warmup: number;
  readonly rate: number;
  /** Fleet connections per second while it ramps up. */
  readonly rampPerS: number;
  readonly topology: Topology;
}

export interface RunResult {
  topology: Topology;
  hbIntervalS: number;
  hbNote: string | null;
  rate: number;
  measuredPresses: number;
  pendantsConnected: number;
  heartbeats: number;
  latencyMs: Record<'floor' | 'pressToConsolePolice' | 'pressToConsoleVt' | 'pressToBothConsoles' | 'pressToConfirmation' | 'bothConsolesOverFloor', Summary>;
  lost: number;
  duplicated: number;
  unexpectedEvents: number;
  starvedTicks: number;
  resolveErrors: number;
  database: { presses: number; alarms: number; distinctAlarms: number; openedEvents: number };
  benchLoopDelayP99Ms: number;
  /** Dispatch's own histograms (seconds, cumulative buckets): press -> first console send, press -> durable. */
  dispatchMetrics: Record<string, Record<string, number>>;
  sim: unknown;
}

/** Broker, dispatch and the heartbeating fleet as processes; presses from here; everything stopped after. */
export async function runOnce(o: RunOptions): Promise<RunResult> {
  const children: Child[] = [];
  // alarms a previous run left open would take this run's first presses (they attach to an open alarm)
  await o.db.pool.query(`UPDATE alarms SET state = 'resolved', resolved_at = now(), outcome = 'test' WHERE state <> 'resolved'`);
  const topology = await startTopology(o.topology, {
    dbUrl: o.db.url,
    work: o.work,
    tag: `${o.topology}-${o.hbIntervalS}`,
    secrets: o.secrets,
    maxConnections: o.pendants + o.pressers.length + 100,
  });
  try {
    const mqttUrl = topology.fleetUrl;
    const httpUrl = topology.urls.http;
    const simReport = join(o.work, `sim-${o.topology}-${o.hbIntervalS}.json`);
    const { sim, hbNote, effectiveHb } = await startFleet(o, mqttUrl, simReport);
    children.push(sim);

    const m = new Measurement(topology.urls, o.tokens.police);
    await m.connect(o.pressers, [o.tokens.police, o.tokens.vt], o.secrets.simAdmin);
    console.error(`  measuring ${o.warmup} warm-up + ${o.presses} presses at ${o.rate}/s`);
    await pressAtRate(m, o.warmup, o.rate, false);
    await pressAtRate(m, o.presses, o.rate, true);
    await m.drain(60_000);
    const loopP99 = Math.round((m.loop.percentile(99) / 1e6) * 100) / 100;

    const serverSide = await scrapeDispatch(httpUrl);
    await sim.stop('SIGINT');
    const simResult = JSON.parse(await readFile(simReport, 'utf8').catch(() => 'null')) as { counts?: { connectedPeak?: number; heartbeats?: number } } | null;
    await m.close();

    const records = [...m.records.values()];
    const keys = records.map((r) => r.key);
    const db = await o.db.pool.query<{ presses: number; alarms: number; distinct_alarms: number; opened: number }>(
      `SELECT (SELECT count(*) FROM alarm_presses WHERE device_alarm_id = ANY ($1))::int AS presses,
              (SELECT count(*) FROM alarms WHERE device_alarm_id = ANY ($1))::int AS alarms,
              (SELECT count(DISTINCT device_alarm_id) FROM alarms WHERE device_alarm_id = ANY ($1))::int AS distinct_alarms,
              (SELECT count(*) FROM alarm_events e JOIN alarms a ON a.id = e.alarm_id WHERE e.change = 'opened' AND a.device_alarm_id = ANY ($1))::int AS opened`,
      [keys],
    );
    const d = db.rows[0]!;
    const measured = records.filter((r) => r.measured);
    const complete = measured.filter((r) => r.floor !== undefined && r.confirm !== undefined && r.consoles[0] !== undefined && r.consoles[1] !== undefined);
    const lost = records.filter((r) => r.confirm === undefined || r.consoles[0] === undefined || r.consoles[1] === undefined).length + (keys.length - d.presses);
    const duplicated = records.reduce((n, r) => n + Math.max(0, r.openedCount[0] - 1) + Math.max(0, r.openedCount[1] - 1), 0) + (d.alarms - d.distinct_alarms) + Math.max(0, d.opened - d.alarms);
    const lat = (f: (r: (typeof complete)[number]) => number) => summarise(complete.map(f));
    return {
      topology: o.topology,
      hbIntervalS: effectiveHb,
      hbNote,
      rate: o.rate,
      measuredPresses: measured.length,
      pendantsConnected: simResult?.counts?.connectedPeak ?? -1,
      heartbeats: simResult?.counts?.heartbeats ?? -1,
      latencyMs: {
        floor: lat((r) => r.floor! - r.t0),
        pressToConsolePolice: lat((r) => r.consoles[0]! - r.t0),
        pressToConsoleVt: lat((r) => r.consoles[1]! - r.t0),
        pressToBothConsoles: lat((r) => Math.max(r.consoles[0]!, r.consoles[1]!) - r.t0),
        pressToConfirmation: lat((r) => r.confirm! - r.t0),
        bothConsolesOverFloor: lat((r) => Math.max(r.consoles[0]!, r.consoles[1]!) - r.floor!),
      },
      lost,
      duplicated,
      unexpectedEvents: m.unexpected,
      starvedTicks: m.starved,
      resolveErrors: m.resolveErrors,
      database: { presses: d.presses, alarms: d.alarms, distinctAlarms: d.distinct_alarms, openedEvents: d.opened },
      benchLoopDelayP99Ms: loopP99,
      dispatchMetrics: serverSide,
      sim: simResult,
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await topology.stop();
  }
}

/** Niceness of the heartbeating fleet's processes (0 = same priority as the platform's). */
const FLEET_NICE = Number(process.env['BENCH_FLEET_NICE'] ?? 10);

/** firmware-sim `load` with the fleet; resolves once every pendant is connected. Falls back to the simulator's minimum interval. */
async function startFleet(o: RunOptions, mqttUrl: string, out: string): Promise<{ sim: Child; hbNote: string | null; effectiveHb: number }> {
  for (const hb of [o.hbIntervalS, 5]) {
    let connected = 0;
    const sim = spawnTs(
      'firmware-sim/src/main.ts',
      ['load', '--devices', String(o.pendants), '--credentials', o.fleetFile, '--hb-interval', String(hb), '--press-rate', '0', '--duration', '30m', '--url', mqttUrl, '--ramp', String(o.rampPerS), '--settle', '1s', '--drain', '1s', '--out', out],
      {},
      {
        onStderr: (line) => {
          const match = /connected (\d+)\//.exec(line);
          if (match) connected = Number(match[1]);
        },
        // the fleet stands for pendants out in the country: on this shared machine the platform gets the
        // CPU first; the heartbeats it did send are counted and reported
        nice: FLEET_NICE,
      },
    );
    const deadline = Date.now() + Math.max(120_000, (o.pendants / o.rampPerS) * 1000 * 3);
    while (connected < o.pendants && Date.now() < deadline && sim.process.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    if (sim.process.exitCode === 2 && hb !== 5) {
      console.error(`  firmware-sim refused --hb-interval ${hb} (${sim.stderr.at(-1)}); using its minimum, 5 s`);
      continue;
    }
    if (sim.process.exitCode !== null) throw new Error(`fleet: firmware-sim exited: ${sim.stderr.slice(-5).join('\n')}`);
    // A fleet the broker could not let in completely (it refuses logins it cannot look up in time) is
    // measured as it is; the report says how many were connected.
    console.error(`  fleet: ${connected}/${o.pendants} pendants connected, heartbeat every ${hb} s`);
    return { sim, hbNote: hb === o.hbIntervalS ? null : `firmware-sim accepts at least 5 s; ${o.hbIntervalS} s asked`, effectiveHb: hb };
  }
  throw new Error('fleet did not start');
}

async function pressAtRate(m: Measurement, count: number, rate: number, measured: boolean): Promise<void> {
  const start = performance.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (sent < due && m.press(measured)) sent++;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The cumulative buckets of dispatch's latency histograms, from its /metrics. */
async function scrapeDispatch(httpUrl: string): Promise<Record<string, Record<string, number>>> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  const out: Record<string, Record<string, number>> = {};
  for (const m of text.matchAll(/^(dispatch_press_to_(?:console|durable)_seconds)_bucket\{le="([^"]+)"\} (\d+)/gm)) {
    (out[m[1]!] ??= {})[m[2]!] = Number(m[3]);
  }
  return out;
}
