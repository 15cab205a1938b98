import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRESENCE_FILTER, PresenceEvent, Status, allDevicesFilter, deviceTopic, presenceTopic, type PresenceReason } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, closed, connectPendant, connectService, end, inbox, subscribe, type Received } from './helpers/mqtt-clients.js';
import { metricValue } from './helpers/metrics.js';

let db: TestDatabase;
let broker: TestBroker;
let pendant: Pendant;
let watcher: ReturnType<typeof inbox>;

beforeAll(async () => {
  db = await createTestDatabase();
  [pendant] = await provision(db, ['p-presence-1']);
  broker = await startTestBroker(db);
});
beforeEach(async () => {
  const ingest = await connectService(broker.url, 'ingest');
  watcher = inbox(ingest);
  await subscribe(ingest, PRESENCE_FILTER, 1);
  await subscribe(ingest, allDevicesFilter('status'), 1);
  watcher.messages.length = 0; // retained status of earlier tests
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await broker?.stop();
  await db?.close();
});

const isPresence = (state: 'online' | 'offline', reason?: PresenceReason) => (m: Received) => {
  if (m.topic !== presenceTopic(pendant.id)) return false;
  const event = PresenceEvent.parse(JSON.parse(m.payload.toString()));
  return event.state === state && (reason === undefined || event.reason === reason);
};
const isStatus = (state: 'online' | 'offline', reason?: string) => (m: Received) => {
  if (m.topic !== deviceTopic(pendant.id, 'status')) return false;
  const status = Status.parse(JSON.parse(m.payload.toString()));
  return status.state === state && (reason === undefined || status.reason === reason);
};

/** A raw MQTT 3.1.1 CONNECT with a chosen keep-alive, for a client that then falls silent. */
function silentClient(p: Pendant, keepaliveS: number): Promise<Socket> {
  const str = (s: string) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, 0b11000010, 0, keepaliveS]), str(p.id), str(p.id), str(p.secret)]);
  return new Promise((resolve) => {
    const socket = tcpConnect(broker.broker.addresses.tcp!.port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from([0x10, body.length]), body]));
      resolve(socket);
    });
    socket.on('error', () => undefined);
  });
}

describe('presence', () => {
  it('publishes online with reason connect, and a retained online status', async () => {
    await connectPendant(broker.url, pendant);
    await watcher.next(isPresence('online', 'connect'));
    const status = await watcher.next(isStatus('online', 'connect'));
    expect(status.retain).toBe(false); // live delivery; the retained copy is checked below
    const late = await connectService(broker.url, 'dispatch');
    const lateBox = inbox(late);
    await subscribe(late, deviceTopic(pendant.id, 'status'), 1);
    const retained = await lateBox.next(() => true);
    expect(retained.retain).toBe(true);
    expect(isStatus('online')(retained)).toBe(true);
  });

  it('publishes offline with reason clean_disconnect after DISCONNECT', async () => {
    const client = await connectPendant(broker.url, pendant);
    await watcher.next(isPresence('online'));
    await end(client);
    await watcher.next(isPresence('offline', 'clean_disconnect'));
    await watcher.next(isStatus('offline', 'clean_disconnect'));
  });

  it('publishes offline with reason connection_error, and the pendant will, when the socket drops', async () => {
    const client = await connectPendant(broker.url, pendant, {
      will: { topic: deviceTopic(pendant.id, 'status'), payload: Buffer.from(JSON.stringify({ state: 'offline' })), qos: 1, retain: true },
    });
    await watcher.next(isPresence('online'));
    (client.stream as unknown as { destroy(): void }).destroy();
    await watcher.next(isPresence('offline', 'connection_error'));
    await watcher.next((m) => m.topic === deviceTopic(pendant.id, 'status') && m.payload.toString() === JSON.stringify({ state: 'offline' }));
    await watcher.next(isStatus('offline', 'connection_error'));
  });

  it('publishes offline with reason keepalive_timeout for a pendant that falls silent', async () => {
    const socket = await silentClient(pendant, 1);
    await watcher.next(isPresence('online'));
    const started = Date.now();
    await watcher.next(isPresence('offline', 'keepalive_timeout'), 4000);
    expect(Date.now() - started).toBeLessThan(3000); // 1.5 x keep-alive [MQTT-3.1.2-24]
    socket.destroy();
  });

  it('publishes offline with reason protocol_violation for a pendant breaking the rules', async () => {
    const client = await connectPendant(broker.url, pendant);
    await watcher.next(isPresence('online'));
    client.publish('aware/v1/d/someone-else/hb', '{}');
    await watcher.next(isPresence('offline', 'protocol_violation'));
  });

  it('lets a second connection with the same id take over, and logs it as a security event', async () => {
    const before = await metricValue(broker.metricsUrl, 'aware_broker_takeovers_total');
    const started = Date.now();
    const will = { topic: deviceTopic(pendant.id, 'status'), payload: Buffer.from(JSON.stringify({ state: 'offline', ts: Date.now() })), qos: 1 as const, retain: true };
    const first = await connectPendant(broker.url, pendant, { will });
    await watcher.next(isPresence('online'));
    const second = await connectPendant(broker.url, pendant);
    await closed(first);
    await watcher.next(isPresence('offline', 'takeover'));
    await watcher.next(isPresence('online', 'connect'));
    expect(second.connected).toBe(true);
    expect(broker.logs.some((l) => l.event === 'security.takeover' && l.deviceId === pendant.id)).toBe(true);
    expect(await metricValue(broker.metricsUrl, 'aware_broker_takeovers_total')).toBe(before + 1);
    // the replaced connection's will and offline status do not claim the pendant is offline
    await new Promise((r) => setTimeout(r, 200));
    const offlineSince = watcher.messages.filter((m) => isStatus('offline')(m) && (Status.parse(JSON.parse(m.payload.toString())).ts ?? 0) >= started);
    expect(offlineSince).toEqual([]);
  });

  it('publishes offline with reason broker_shutdown when the broker stops', async () => {
    const other = await startTestBroker(db);
    const client = await connectPendant(other.url, pendant);
    await other.stop();
    await closed(client);
    expect(other.logs.some((l) => l.msg === 'presence' && l.deviceId === pendant.id && l['state'] === 'offline' && l['reason'] === 'broker_shutdown')).toBe(true);
  });
});
