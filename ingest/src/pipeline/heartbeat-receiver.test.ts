import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createDevice } from '@aware/db';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { DeviceRegistry } from '../devices/device-registry.js';
import { createMetrics } from '../metrics.js';
import { TechnicalAlarms } from '../technical/technical-alarms.js';
import { Watchdog } from '../watchdog/watchdog.js';
import { BoundedQueue } from './bounded-queue.js';
import { DeviceStateWriter } from './device-state-writer.js';
import { Flusher } from './flusher.js';
import { HeartbeatReceiver } from './heartbeat-receiver.js';
import { OverloadGuard } from './overload-guard.js';
import type { QueuedHeartbeat } from './queued-heartbeat.js';

const logger = pino({ level: 'silent' });

describe('HeartbeatReceiver fed in-process', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createDevice(db.pool, { id: 'recv-1' });
  });
  afterAll(() => db?.close());

  it('counts each invalid heartbeat by its protocol error code and writes the valid ones around it', async () => {
    const queue = new BoundedQueue<QueuedHeartbeat>(1000);
    const metrics = createMetrics({ queueDepth: () => queue.size, watched: () => 0, brokerConnected: () => true });
    const state = new DeviceStateWriter(db.pool, metrics, logger);
    const flusher = new Flusher(queue, db.pool, state, { batchMaxRows: 1000, flushIntervalMs: 10 }, metrics, logger);
    const watchdog = new Watchdog({ multiplier: 3, onSilent: () => {}, onReturned: () => {} });
    const receiver = new HeartbeatReceiver({
      queue,
      flusher,
      devices: new DeviceRegistry(),
      watchdog,
      technical: new TechnicalAlarms(db.pool, metrics, logger),
      metrics,
      thresholds: { batteryLowPct: 20, batteryCriticalPct: 5, batteryClearPct: 25 },
      overload: new OverloadGuard(1),
    });
    const ts = Date.now() - 5000;
    const hb = (seq: number) => Buffer.from(JSON.stringify({ seq, ts: ts + seq, battery: 50, charging: false, rssi: -60, firmware: 'x1' }));
    receiver.receive('recv-1', hb(1));
    receiver.receive('recv-1', Buffer.from('{"seq":'));
    receiver.receive('recv-1', Buffer.from(JSON.stringify({ seq: 2, ts, battery: 50, charging: false, rssi: 5, firmware: 'x1' })));
    receiver.receive('recv-1', Buffer.from([0xc3, 0x28]));
    receiver.receive('recv-1', Buffer.alloc(2000, 0x20));
    receiver.receive('recv-1', hb(3));
    await flusher.drain();
    const invalid = await metrics.invalid.get();
    const byReason = Object.fromEntries(invalid.values.map((v) => [v.labels.reason, v.value]));
    expect(byReason).toEqual({
      PROTO_ERR_PAYLOAD_NOT_JSON: 1,
      PROTO_ERR_PAYLOAD_INVALID: 1,
      PROTO_ERR_PAYLOAD_NOT_UTF8: 1,
      PROTO_ERR_PAYLOAD_TOO_LARGE: 1,
    });
    const { rows } = await db.pool.query<{ seq: string }>("SELECT seq FROM telemetry WHERE device_id = 'recv-1' ORDER BY seq");
    expect(rows.map((r) => r.seq)).toEqual(['1', '3']);
    watchdog.stop();
  });

  it('sheds heartbeats unparsed while the event loop is saturated, and still counts the pendant as heard', async () => {
    const queue = new BoundedQueue<QueuedHeartbeat>(1000);
    const metrics = createMetrics({ queueDepth: () => queue.size, watched: () => 0, brokerConnected: () => true });
    const state = new DeviceStateWriter(db.pool, metrics, logger);
    const flusher = new Flusher(queue, db.pool, state, { batchMaxRows: 1000, flushIntervalMs: 10 }, metrics, logger);
    const watchdog = new Watchdog({ multiplier: 3, onSilent: () => {}, onReturned: () => {} });
    const overload = new OverloadGuard(1);
    const devices = new DeviceRegistry();
    const receiver = new HeartbeatReceiver({
      queue,
      flusher,
      devices,
      watchdog,
      technical: new TechnicalAlarms(db.pool, metrics, logger),
      metrics,
      thresholds: { batteryLowPct: 20, batteryCriticalPct: 5, batteryClearPct: 25 },
      overload,
    });
    overload.shedding = true;
    receiver.receive('recv-1', Buffer.from('not even json'), 1_000);
    expect(queue.size).toBe(0);
    expect((await metrics.shed.get()).values).toEqual([expect.objectContaining({ labels: { reason: 'busy' }, value: 1 })]);
    expect((await metrics.invalid.get()).values).toEqual([]);
    expect(devices.get('recv-1')?.heardAt).toBeGreaterThan(0);
    await flusher.drain();
    watchdog.stop();
  });
});
