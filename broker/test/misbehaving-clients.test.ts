import { connect as tcpConnect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, closed, connect, connectPendant, connectService, end, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { subscribeAll } from './helpers/subscribe-all.js';
import { heartbeat } from './helpers/payloads.js';
import { metricValue } from './helpers/metrics.js';

let db: TestDatabase;
let broker: TestBroker;
let good: Pendant;
let bad: Pendant;

/** The well-behaved pendant: heartbeats every 50 ms for the whole file, watched by ingest. */
let goodClient: MqttClient;
let goodDisconnects = 0;
let heartbeatTimer: NodeJS.Timeout;
let received: ReturnType<typeof inbox>;

beforeAll(async () => {
  db = await createTestDatabase();
  [good, bad] = await provision(db, ['p-good-1', 'p-bad-1']);
  broker = await startTestBroker(db, { BROKER_DEVICE_RATE_PER_S: '20', BROKER_DEVICE_RATE_BURST: '20', BROKER_RATE_MAX_DELAY_MS: '1000' });
  const ingest = await connectService(broker.url, 'ingest');
  received = inbox(ingest);
  await subscribe(ingest, allDevicesFilter('hb'), 0);
  goodClient = await connectPendant(broker.url, good);
  goodClient.on('close', () => goodDisconnects++);
  heartbeatTimer = setInterval(() => goodClient.publish(deviceTopic(good.id, 'hb'), heartbeat(), { qos: 0 }), 50);
});
afterAll(async () => {
  clearInterval(heartbeatTimer);
  await closeAllClients();
  await broker?.stop();
  await db?.close();
});

/** Before and after every attack: the good pendant is connected and its heartbeats still arrive. */
async function goodPendantStillWorks(): Promise<void> {
  received.messages.length = 0;
  await received.next((m) => m.topic === deviceTopic(good.id, 'hb'), 2000);
  expect(goodDisconnects).toBe(0);
}
afterEach(goodPendantStillWorks);

function rawSocket(bytes: Buffer, connectFirst = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = tcpConnect(broker.broker.addresses.tcp!.port, '127.0.0.1', () => {
      if (connectFirst) socket.write(connectPacket(bad));
      socket.write(bytes);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Date.now() - started));
    setTimeout(() => {
      socket.destroy();
      reject(new Error('broker kept the connection open'));
    }, 3000);
  });
}

/** A hand-made MQTT 3.1.1 CONNECT with username and password (clean session, keep-alive 30 s). */
function connectPacket(p: Pendant): Buffer {
  const str = (s: string) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0b11000010, 0, 30]), str(p.id), str(p.id), str(p.secret)]);
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

describe('a misbehaving pendant', () => {
  it("is disconnected for publishing on another pendant's topic, and the message goes nowhere", async () => {
    const client = await connectPendant(broker.url, bad);
    const forged = JSON.stringify({ forged: true });
    client.publish(deviceTopic(good.id, 'hb'), forged, { qos: 1 });
    await closed(client);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.messages.some((m) => m.payload.toString() === forged)).toBe(false);
    expect(broker.logs.some((l) => l.event === 'security.publish_forbidden' && l.deviceId === bad.id)).toBe(true);
  });

  it.each([
    ['a command topic', (id: string) => deviceTopic(id, 'cmd')],
    ['$SYS', () => '$SYS/fake/heartbeat'],
    ['a foreign root', () => 'anything/else'],
    ['a wildcard topic', () => 'aware/v1/d/+/hb'],
  ])('is disconnected for publishing on %s', async (_name, topic) => {
    const client = await connectPendant(broker.url, bad);
    client.publish(topic(bad.id), heartbeat(), { qos: 0 });
    await closed(client);
  });

  it.each([['#'], ['aware/v1/d/+/cmd'], ['aware/v1/d/p-good-1/cmd'], ['$SYS/#'], ['aware/v1/d/p-bad-1/hb']])(
    'is refused a subscription to %s and stays connected',
    async (filter) => {
      const client = await connectPendant(broker.url, bad);
      expect(await subscribe(client, filter, 1)).toBe(128);
      expect(await subscribe(client, deviceTopic(bad.id, 'cmd'), 1)).toBe(1);
      expect(client.connected).toBe(true);
      client.end(true);
    },
  );

  it('is disconnected for sending a 64 KiB payload, before the broker buffers it', async () => {
    const client = await connectPendant(broker.url, bad);
    client.publish(deviceTopic(bad.id, 'hb'), Buffer.alloc(64 * 1024, 0x41), { qos: 1 });
    await closed(client);
    expect(await metricValue(broker.metricsUrl, 'aware_broker_refusals_total', { reason: 'packet_too_large' })).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['random bytes', Buffer.from([0xff, 0x13, 0x37, 0x00, 0xde, 0xad, 0xbe, 0xef])],
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: broker\r\n\r\n')],
    ['a CONNECT announcing 200 MiB', Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f])],
    ['a bad remaining length', Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01])],
  ])('has its raw socket closed at once for sending %s', async (_name, bytes) => {
    expect(await rawSocket(bytes)).toBeLessThan(1000);
  });

  it('has its raw socket closed for garbage after a valid CONNECT', async () => {
    expect(await rawSocket(Buffer.from([0x00, 0x00, 0xff, 0xff]), true)).toBeLessThan(1000);
  });

  it('is slowed to its rate, then disconnected when flooding far past it', async () => {
    const client = await connectPendant(broker.url, bad);
    const started = Date.now();
    // 40 messages at 20/s with a burst of 20: the last 20 wait up to a second for their turn
    await Promise.all(Array.from({ length: 40 }, () => publish(client, deviceTopic(bad.id, 'hb'), heartbeat(), 1)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(client.connected).toBe(true);
    for (let i = 0; i < 200; i++) client.publish(deviceTopic(bad.id, 'hb'), heartbeat(), { qos: 0 });
    await closed(client, 5000);
    expect(await metricValue(broker.metricsUrl, 'aware_broker_refusals_total', { reason: 'rate_limited' })).toBeGreaterThanOrEqual(1);
  });

  it("gets no command meant for another pendant through its persistent session after asking for both in one SUBSCRIBE", async () => {
    const own = deviceTopic(bad.id, 'cmd');
    const foreign = deviceTopic(good.id, 'cmd');
    const first = await connectPendant(broker.url, bad, { clean: false });
    expect(await subscribeAll(first, [own, foreign], 3_000)).toEqual([1, 128]);
    await end(first);
    const dispatch = await connectService(broker.url, 'dispatch');
    await publish(dispatch, foreign, JSON.stringify({ type: 'locate', cmdId: 'cmd-foreign-2', ts: Date.now() }), 1);
    await publish(dispatch, own, JSON.stringify({ type: 'locate', cmdId: 'cmd-own-2', ts: Date.now() }), 1);
    const topics: string[] = [];
    await connect(broker.url, { clientId: bad.id, username: bad.id, password: bad.secret, clean: false }, (topic) => topics.push(topic));
    await expect.poll(() => topics, { timeout: 5_000 }).toContain(own);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(topics).not.toContain(foreign);
    await goodPendantStillWorks();
  });

  it('is refused for a CONNECT whose client id is not its device id', async () => {
    await expect(connectPendant(broker.url, bad, { clientId: 'svc:dispatch' })).rejects.toMatchObject({ code: 2 });
  });
});
