import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIngest } from '../src/start.js';
import { counter, heartbeat, publishHeartbeat, startStack, waitFor, type Stack } from './helpers/fixture.js';

interface TelemetryRow {
  time: Date;
  device_id: string;
  seq: string;
  battery: number;
  charging: boolean;
  rssi: number;
  firmware: string;
  lat: number | null;
  lon: number | null;
  acc: number | null;
  received_at: Date;
}

describe('heartbeats through the real broker into PostgreSQL', () => {
  let stack: Stack;
  let ingest: RunningIngest;

  beforeAll(async () => {
    stack = await startStack();
    ingest = await stack.startIngest();
  });
  afterAll(() => stack?.stop());

  const rowsOf = async (deviceId: string) =>
    (await stack.db.pool.query<TelemetryRow>('SELECT * FROM telemetry WHERE device_id = $1 ORDER BY time, seq', [deviceId])).rows;
  const stateOf = async (deviceId: string) =>
    (await stack.db.pool.query('SELECT * FROM device_state WHERE device_id = $1', [deviceId])).rows[0];

  it('a heartbeat lands in telemetry and device state with the values it carried', async () => {
    const [p] = await stack.provision(['hb-values-1']);
    const client = await stack.connectPendant(p!);
    const ts = Date.now() - 1500;
    const hb = heartbeat({ seq: 41, ts, battery: 67, charging: true, rssi: -88, firmware: 'fw-2.0.1', fix: { lat: 52.0907, lon: 5.1214, acc: 8.5, ts: ts - 500 } });
    const before = Date.now();
    await publishHeartbeat(client, p!.id, hb);
    const [row] = await waitFor(async () => ((await rowsOf(p!.id)).length === 1 ? rowsOf(p!.id) : undefined), 5000, 'telemetry row');
    expect(row).toMatchObject({ device_id: p!.id, seq: '41', battery: 67, charging: true, rssi: -88, firmware: 'fw-2.0.1', lat: 52.0907, lon: 5.1214, acc: 8.5 });
    expect(row!.time.getTime()).toBe(ts);
    expect(row!.received_at.getTime()).toBeGreaterThanOrEqual(before - 5);
    const state = await waitFor(() => stateOf(p!.id), 5000, 'device state');
    expect(state).toMatchObject({ hb_seq: '41', battery: 67, charging: true, rssi: -88, firmware: 'fw-2.0.1', online: true });
    expect(state.hb_time.getTime()).toBe(ts);
    // the position stays in raw telemetry only (dropped with it after retention), never in device state
    expect(Object.keys(state).filter((k) => /lat|lon|acc|fix/.test(k))).toEqual([]);
  });

  it('an out-of-order heartbeat is stored but does not move device state back in time', async () => {
    const [p] = await stack.provision(['hb-order-1']);
    const client = await stack.connectPendant(p!);
    const t0 = Date.now() - 60_000;
    await publishHeartbeat(client, p!.id, heartbeat({ seq: 10, ts: t0 + 20_000, battery: 70 }));
    await waitFor(async () => (await stateOf(p!.id))?.hb_seq === '10', 5000, 'newest heartbeat applied');
    await publishHeartbeat(client, p!.id, heartbeat({ seq: 9, ts: t0 + 10_000, battery: 71 }));
    await waitFor(async () => (await rowsOf(p!.id)).length === 2, 5000, 'both rows');
    const state = await stateOf(p!.id);
    expect(state.hb_seq).toBe('10');
    expect(state.battery).toBe(70);
    expect(state.hb_time.getTime()).toBe(t0 + 20_000);
    expect(await counter(ingest.metrics.outOfOrder)).toBeGreaterThanOrEqual(1);
  });

  it('a duplicate heartbeat is written once, also when it arrives after newer ones', async () => {
    const [p] = await stack.provision(['hb-dup-1']);
    const client = await stack.connectPendant(p!);
    const t0 = Date.now() - 30_000;
    const first = heartbeat({ seq: 1, ts: t0 });
    const second = heartbeat({ seq: 2, ts: t0 + 5_000 });
    const dupsBefore = await counter(ingest.metrics.duplicates);
    for (const hb of [first, first, second, first, second]) await publishHeartbeat(client, p!.id, hb);
    await publishHeartbeat(client, p!.id, heartbeat({ seq: 3, ts: t0 + 10_000 }));
    await waitFor(async () => (await stateOf(p!.id))?.hb_seq === '3', 5000, 'last heartbeat applied');
    // device state and telemetry are committed by separate writers: wait for the rows too
    await waitFor(async () => (await rowsOf(p!.id)).length >= 3, 5000, 'three telemetry rows');
    const rows = await rowsOf(p!.id);
    expect(rows.map((r) => r.seq)).toEqual(['1', '2', '3']);
    expect((await counter(ingest.metrics.duplicates)) - dupsBefore).toBe(3);
  });

  it('invalid heartbeats are rejected and counted while valid ones around them land', async () => {
    const [p] = await stack.provision(['hb-invalid-1']);
    const client = await stack.connectPendant(p!);
    const t0 = Date.now() - 10_000;
    const refusedBefore = await stack.brokerMetric('aware_broker_refusals_total', 'payload_invalid');
    await publishHeartbeat(client, p!.id, heartbeat({ seq: 1, ts: t0 }));
    await publishHeartbeat(client, p!.id, 'not json at all');
    await publishHeartbeat(client, p!.id, JSON.stringify({ ...heartbeat({ seq: 2, ts: t0 + 1 }), battery: 140 }));
    await publishHeartbeat(client, p!.id, JSON.stringify({ ...heartbeat({ seq: 3, ts: t0 + 2 }), extra: 'field' }));
    await publishHeartbeat(client, p!.id, Buffer.from([0xff, 0xfe, 0x00]));
    await publishHeartbeat(client, p!.id, heartbeat({ seq: 4, ts: t0 + 3 }));
    await waitFor(async () => (await rowsOf(p!.id)).length === 2, 5000, 'the two valid rows');
    expect((await rowsOf(p!.id)).map((r) => r.seq)).toEqual(['1', '4']);
    // The broker validates with the same protocol schema and drops them at the edge, counted there;
    // ingest validates again (its own counter, by reason: see heartbeat-receiver.test.ts).
    expect((await stack.brokerMetric('aware_broker_refusals_total', 'payload_invalid')) - refusedBefore).toBe(4);
    expect(client.connected).toBe(true);
  });

  it('presence events from the broker set a pendant online and offline', async () => {
    const [p] = await stack.provision(['hb-presence-1']);
    const client = await stack.connectPendant(p!);
    await waitFor(async () => (await stateOf(p!.id))?.online === true, 5000, 'online');
    await client.endAsync();
    await waitFor(async () => (await stateOf(p!.id))?.online === false, 5000, 'offline');
  });
});

describe('overload and database hiccups', () => {
  let stack: Stack;

  beforeAll(async () => {
    // one pendant sends hundreds of heartbeats a second here: lift the broker's per-device rate
    stack = await startStack({ BROKER_DEVICE_RATE_PER_S: '10000', BROKER_DEVICE_RATE_BURST: '10000' });
  });
  afterAll(() => stack?.stop());

  const stateOf = async (deviceId: string) =>
    (await stack.db.pool.query('SELECT * FROM device_state WHERE device_id = $1', [deviceId])).rows[0];

  it('heartbeats whose database connections are cut mid-stream are retried and land exactly once', async () => {
    const pool = stack.db.newPool({ applicationName: 'ingest-under-test', max: 6 });
    const ingest = await stack.startIngest({ batchMaxRows: 20, flushIntervalMs: 20 }, { pool });
    const [p] = await stack.provision(['cut-1']);
    const client = await stack.connectPendant(p!);
    const t0 = Date.now() - 60_000;
    const cut = () =>
      stack.db.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ingest-under-test'");
    for (let i = 0; i < 100; i++) {
      await publishHeartbeat(client, p!.id, heartbeat({ seq: i, ts: t0 + i * 10 }));
      if (i % 25 === 10) await cut();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(async () => (await counter(ingest.metrics.rowsWritten)) === 100, 15_000, 'all 100 written');
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct FROM telemetry WHERE device_id = $1', [p!.id]);
    expect(rows[0]).toEqual({ n: 100, distinct: 100 });
    expect(await counter(ingest.metrics.rowsLost)).toBe(0);
    await waitFor(async () => (await stateOf(p!.id))?.hb_seq === '99', 5000, 'device state caught up');
    await ingest.stop();
  });

  it('when the write queue is full further heartbeats are shed and counted, and the queued ones still land', async () => {
    // A queue of 100 that is only flushed after 2 s: the burst of 300 overflows it.
    const ingest = await stack.startIngest({ queueMaxRows: 100, batchMaxRows: 10_000, flushIntervalMs: 2000 });
    const [p] = await stack.provision(['shed-1']);
    const client = await stack.connectPendant(p!);
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < 300; i++) await publishHeartbeat(client, p!.id, heartbeat({ seq: i, ts: t0 + i }));
    await waitFor(async () => (await counter(ingest.metrics.received)) === 300, 5000, 'all 300 received');
    expect(await counter(ingest.metrics.shed)).toBe(200);
    await waitFor(async () => (await counter(ingest.metrics.rowsWritten)) === 100, 5000, 'the 100 queued written');
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n, max(seq)::int AS last FROM telemetry WHERE device_id = $1', [p!.id]);
    expect(rows[0]).toEqual({ n: 100, last: 99 });
    await ingest.stop();
  });
});
