import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connectPendant, connectService, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { alarm, heartbeat } from './helpers/payloads.js';

let db: TestDatabase;
let broker: TestBroker;
let flooders: Pendant[];
let presser: Pendant;

const FLOODERS = 24;
const PER_FLOODER = 10_000;

beforeAll(async () => {
  db = await createTestDatabase();
  const ids = Array.from({ length: FLOODERS }, (_, i) => `p-flood-${i + 1}`);
  flooders = await provision(db, ids);
  [presser] = await provision(db, ['p-flood-presser']);
  // the flooders stand for a fleet reconnecting at once: their own rate limits are lifted
  broker = await startTestBroker(db, { BROKER_DEVICE_RATE_PER_S: '10000', BROKER_DEVICE_RATE_BURST: '100000', BROKER_RATE_MAX_DELAY_MS: '60000' });
});
afterAll(async () => {
  await closeAllClients();
  await broker?.stop();
  await db?.close();
});

describe('a broker offered more messages than it can route at once', () => {
  // With aedes' default delivery queue (100 in flight) this flood ended the broker with
  // "RangeError: Maximum call stack size exceeded": queued messages without subscribers are released recursively.
  it('stays up, routes every heartbeat to ingest and a press to dispatch, and keeps every flooder connected', async () => {
    const ingest = await connectService(broker.url, 'ingest');
    let heartbeats = 0;
    ingest.on('message', () => heartbeats++);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const dispatch = await connectService(broker.url, 'dispatch');
    const alarms = inbox(dispatch);
    await subscribe(dispatch, allDevicesFilter('alarm'), 1);

    const clients = await Promise.all(flooders.map((p) => connectPendant(broker.url, p)));
    // a quarter of the flood has a subscriber (heartbeats), the rest has none (location updates, dispatch is not listening for them here)
    const hb = heartbeat();
    const loc = JSON.stringify({ alarmId: '01JD5Q3K7M9X2B4C', ts: Date.now(), fix: { lat: 52.0907, lon: 5.1214, acc: 12 } });
    await Promise.all(
      clients.map((client, i) => {
        const pendant = flooders[i]!;
        const topic = i < FLOODERS / 4 ? deviceTopic(pendant.id, 'hb') : deviceTopic(pendant.id, 'loc');
        const payload = i < FLOODERS / 4 ? hb : loc;
        // in runs of 500: mqtt.js waits for 'drain' once per publish while its socket is full
        return (async () => {
          for (let sent = 0; sent < PER_FLOODER; sent += 500) await Promise.all(Array.from({ length: 500 }, () => publish(client, topic, payload, 0)));
        })();
      }),
    );
    const press = alarm();
    const pressing = await connectPendant(broker.url, presser);
    await publish(pressing, deviceTopic(presser.id, 'alarm'), press, 1);
    await alarms.next((m) => m.payload.toString() === press, 10_000);
    const expected = (FLOODERS / 4) * PER_FLOODER;
    const deadline = Date.now() + 20_000;
    while (heartbeats < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(heartbeats).toBe(expected);
    expect(clients.every((c) => c.connected)).toBe(true);
  }, 90_000);
});
