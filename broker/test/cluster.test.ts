import mqtt from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRESENCE_FILTER, PresenceEvent, allDevicesFilter, deviceTopic, presenceTopic, serviceUsername } from '@aware/protocol';
import { SERVICE_SECRETS, createTestDatabase, provision, type Pendant, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, closed, connect, connectPendant, connectService, end, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { spawnBroker, type BrokerProcess } from './helpers/broker-process.js';
import { REDIS_URL, uniqueRedisPrefix } from './helpers/redis-prefix.js';
import { alarm, heartbeat } from './helpers/payloads.js';
import { subscribeAll } from './helpers/subscribe-all.js';
import { eventually } from './helpers/eventually.js';

let db: TestDatabase;
let redis: ReturnType<typeof uniqueRedisPrefix>;
let nodeA: BrokerProcess;
let nodeB: BrokerProcess;
let pendant: Pendant;
let roaming: Pendant;
let nosy: Pendant;
let victim: Pendant;

beforeAll(async () => {
  db = await createTestDatabase();
  [pendant, roaming, nosy, victim] = await provision(db, ['p-cluster-1', 'p-cluster-2', 'p-cluster-3', 'p-cluster-4']);
  redis = uniqueRedisPrefix();
  const env = { DATABASE_URL: db.url, BROKER_REDIS_URL: REDIS_URL, BROKER_REDIS_PREFIX: redis.prefix };
  [nodeA, nodeB] = await Promise.all([
    spawnBroker({ ...env, BROKER_NODE_ID: 'node-a' }),
    spawnBroker({ ...env, BROKER_NODE_ID: 'node-b' }),
  ]);
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await redis?.cleanup();
  await db?.close();
});

describe('two broker processes sharing Redis', () => {
  it('deliver a heartbeat published on one node to a subscriber on the other', async () => {
    const ingest = await connectService(nodeB.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const client = await connectPendant(nodeA.url, pendant);
    const hb = heartbeat();
    await publish(client, deviceTopic(pendant.id, 'hb'), hb, 0);
    const got = await box.next((m) => m.topic === deviceTopic(pendant.id, 'hb'));
    expect(got.payload.toString()).toBe(hb);
  });

  it('deliver a QoS 1 alarm queued for an offline persistent session when it reconnects to the other node', async () => {
    const session = { clientId: `${serviceUsername('dispatch')}:cluster`, username: serviceUsername('dispatch'), password: SERVICE_SECRETS.dispatch, clean: false };
    const first = await connect(nodeA.url, session);
    await subscribe(first, allDevicesFilter('alarm'), 1);
    await end(first);

    const client = await connectPendant(nodeA.url, pendant);
    const press = alarm();
    await publish(client, deviceTopic(pendant.id, 'alarm'), press, 1);

    // resumed the way dispatch's own link does: a connection attempt without CONNACK in time is retried.
    // (Under the full suite's load an attempt was twice seen without CONNACK for 10 s; the retry got in.)
    const box = { messages: [] as string[] };
    const resumed = mqtt.connect(nodeB.url, { ...session, protocolVersion: 4, keepalive: 30, connectTimeout: 10_000, reconnectPeriod: 500 });
    resumed.on('message', (_topic, payload) => box.messages.push(payload.toString()));
    try {
      expect(await eventually(() => box.messages.includes(press), 30_000)).toBe(true);
      // queued messages can be handled in the same turn as the CONNACK, before mqtt.js marks itself connected
      expect(await eventually(() => resumed.connected, 5_000)).toBe(true);
    } finally {
      await new Promise<void>((resolve) => resumed.end(true, {}, () => resolve()));
    }
  }, 45_000);

  it('acknowledge the SUBSCRIBE of several filters of a persistent session and deliver on each of them live, as dispatch subscribes', async () => {
    // aedes 1.2 stored the whole packet's filters once per filter, and aedes-persistence's broadcast then
    // waited on one key for all of those calls: one never completed, no SUBACK, presses piled up in Redis
    const session = { clientId: `${serviceUsername('dispatch')}:multi`, username: serviceUsername('dispatch'), password: SERVICE_SECRETS.dispatch, clean: false };
    const box = { messages: [] as string[] };
    const service = await connect(nodeB.url, session, (_topic, payload) => box.messages.push(payload.toString()));
    expect(await subscribeAll(service, [allDevicesFilter('alarm'), allDevicesFilter('loc')], 3_000)).toEqual([1, 1]);

    const client = await connectPendant(nodeA.url, pendant);
    const press = alarm();
    await publish(client, deviceTopic(pendant.id, 'alarm'), press, 1);
    expect(await eventually(() => box.messages.includes(press), 5_000)).toBe(true);
  });

  it('never store a filter it refused in a persistent session: nothing meant for another pendant reaches it after a reconnect', async () => {
    const own = deviceTopic(nosy.id, 'cmd');
    const foreign = deviceTopic(victim.id, 'cmd');
    const first = await connectPendant(nodeA.url, nosy, { clean: false });
    expect(await subscribeAll(first, [own, foreign], 3_000)).toEqual([1, 128]);
    await end(first);

    const dispatch = await connectService(nodeB.url, 'dispatch');
    await publish(dispatch, foreign, JSON.stringify({ type: 'locate', cmdId: 'cmd-foreign-1', ts: Date.now() }), 1);
    await publish(dispatch, own, JSON.stringify({ type: 'locate', cmdId: 'cmd-own-1', ts: Date.now() }), 1);

    const topics: string[] = [];
    await connect(nodeA.url, { clientId: nosy.id, username: nosy.id, password: nosy.secret, clean: false }, (topic) => topics.push(topic));
    expect(await eventually(() => topics.includes(own), 5_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(topics).not.toContain(foreign);
  });

  it('let a pendant connecting to the other node take over its connection, as a logged takeover', async () => {
    const ingest = await connectService(nodeA.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, PRESENCE_FILTER, 1);
    const onA = await connectPendant(nodeA.url, roaming);
    const onB = await connectPendant(nodeB.url, roaming);
    await closed(onA);
    const offline = await box.next((m) => m.topic === presenceTopic(roaming.id) && PresenceEvent.parse(JSON.parse(m.payload.toString())).state === 'offline');
    expect(PresenceEvent.parse(JSON.parse(offline.payload.toString()))).toMatchObject({ reason: 'takeover', node: 'node-a' });
    expect(onB.connected).toBe(true);
    expect(await eventually(() => nodeA.logs.some((l) => l['event'] === 'security.takeover' && l['deviceId'] === roaming.id))).toBe(true);
  });
});
