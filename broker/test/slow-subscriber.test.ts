import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connectPendant, connectService, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { alarm, heartbeat } from './helpers/payloads.js';
import { metricValue } from './helpers/metrics.js';

let db: TestDatabase;
let broker: TestBroker;
let pendant: Pendant;

beforeAll(async () => {
  db = await createTestDatabase();
  [pendant] = await provision(db, ['p-storm-1']);
  // the pendant here stands for a whole fleet's heartbeats: its own rate limit is lifted
  broker = await startTestBroker(db, {
    BROKER_DEVICE_RATE_PER_S: '10000',
    BROKER_DEVICE_RATE_BURST: '100000',
    BROKER_RATE_MAX_DELAY_MS: '60000',
    BROKER_QOS0_BACKLOG_MAX_BYTES: String(64 * 1024),
  });
});
afterAll(async () => {
  await closeAllClients();
  await broker?.stop();
  await db?.close();
});

const shed = () => metricValue(broker.metricsUrl, 'aware_broker_qos0_shed_total', { channel: 'hb' });

describe('a service subscriber that stops reading', () => {
  it('does not hold up a press behind heartbeats: heartbeats to it are shed, and it gets fresh ones once it reads again', async () => {
    const ingest = await connectService(broker.url, 'ingest');
    const heartbeats = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const dispatch = await connectService(broker.url, 'dispatch');
    const alarms = inbox(dispatch);
    await subscribe(dispatch, allDevicesFilter('alarm'), 1);

    // ingest freezes: it stops reading its socket, the kernel buffers fill, then the broker's
    ingest.stream.pause();
    const client = await connectPendant(broker.url, pendant);
    const hbTopic = deviceTopic(pendant.id, 'hb');
    let sent = 0;
    while ((await shed()) === 0) {
      expect(sent, 'heartbeats published without any being shed').toBeLessThan(1_000_000);
      // in runs of 500: mqtt.js waits for 'drain' once per publish while its socket is full
      const batch = (async () => {
        for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 500 }, () => publish(client, hbTopic, heartbeat(), 0)));
      })();
      const stalled = new Promise((_, reject) => setTimeout(reject, 10_000, new Error('the broker stopped reading the pendant (held up by the frozen subscriber)')).unref());
      await Promise.race([batch, stalled]);
      sent += 5000;
    }

    // the same pendant presses: its press is read, acknowledged and delivered while ingest is still frozen
    const press = alarm();
    await publish(client, deviceTopic(pendant.id, 'alarm'), press, 1);
    const got = await alarms.next((m) => m.payload.toString() === press, 5000);
    expect(got.topic).toBe(deviceTopic(pendant.id, 'alarm'));

    // ingest was not disconnected: reading again, it works through its backlog and then receives fresh
    // heartbeats (one sent while the backlog is still over the limit is shed, so one goes every 200 ms)
    ingest.stream.resume();
    const fresh = new Set<string>();
    const sender = setInterval(() => {
      const hb = heartbeat();
      fresh.add(hb);
      client.publish(hbTopic, hb, { qos: 0 });
    }, 200);
    try {
      await heartbeats.next((m) => fresh.has(m.payload.toString()), 30_000);
    } finally {
      clearInterval(sender);
    }
    expect(ingest.connected).toBe(true);
    expect(await shed()).toBeGreaterThan(0);
    expect(broker.logs.some((l) => l['code'] === 'BRK_ERR_SUBSCRIBER_BACKLOG' && l['service'] === 'ingest')).toBe(true);
  }, 90_000);
});
