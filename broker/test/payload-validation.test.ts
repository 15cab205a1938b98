import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allDevicesFilter, deviceTopic, encodeCommand, parseUplink } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connectPendant, connectService, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { alarm, heartbeat } from './helpers/payloads.js';
import { metricValue } from './helpers/metrics.js';

let db: TestDatabase;
let broker: TestBroker;
let pendant: Pendant;

beforeAll(async () => {
  db = await createTestDatabase();
  [pendant] = await provision(db, ['p-payload-1']);
  broker = await startTestBroker(db);
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await broker?.stop();
  await db?.close();
});

const alarmTopic = () => deviceTopic(pendant.id, 'alarm');

async function dispatchInbox() {
  const dispatch = await connectService(broker.url, 'dispatch');
  const box = inbox(dispatch);
  await subscribe(dispatch, allDevicesFilter('alarm'), 1);
  return box;
}

describe('alarms are never dropped at the edge', () => {
  it('forwards a valid press to dispatch', async () => {
    const box = await dispatchInbox();
    const client = await connectPendant(broker.url, pendant);
    const press = alarm();
    await publish(client, alarmTopic(), press, 1);
    const got = await box.next((m) => m.topic === alarmTopic());
    expect(got.payload.toString()).toBe(press);
  });

  it.each([
    ['not JSON', Buffer.from('PRESS!!')],
    ['invalid UTF-8', Buffer.from([0xc3, 0x28, 0xff])],
    ['JSON failing the schema', Buffer.from(JSON.stringify({ alarmId: 'x', ts: 0 }))],
    ['an empty payload', Buffer.alloc(0)],
    ['over 1 KiB', Buffer.from(JSON.stringify({ alarmId: 'big-alarm-1', pad: 'x'.repeat(2000) }))],
  ])('forwards a press whose payload is %s unchanged, acknowledged and counted', async (_name, payload) => {
    const before = await metricValue(broker.metricsUrl, 'aware_broker_alarm_invalid_forwarded_total');
    const box = await dispatchInbox();
    const client = await connectPendant(broker.url, pendant);
    await publish(client, alarmTopic(), payload, 1); // resolves on PUBACK
    const got = await box.next((m) => m.topic === alarmTopic());
    expect(got.payload.equals(payload)).toBe(true);
    // dispatch sees the same failure with the same schema, and raises the alarm flagged invalidPayload
    expect(parseUplink('alarm', got.payload).ok).toBe(false);
    expect(await metricValue(broker.metricsUrl, 'aware_broker_alarm_invalid_forwarded_total')).toBe(before + 1);
    expect(client.connected).toBe(true);
  });

  it('passes a retained press on without the retain flag, so it is never replayed', async () => {
    const client = await connectPendant(broker.url, pendant);
    await publish(client, alarmTopic(), alarm(), 1, true);
    const box = await dispatchInbox();
    await new Promise((r) => setTimeout(r, 200));
    expect(box.messages).toHaveLength(0);
  });
});

describe('other invalid payloads', () => {
  it('drops and counts an invalid heartbeat, and the pendant stays connected', async () => {
    const ingest = await connectService(broker.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const client = await connectPendant(broker.url, pendant);
    const before = await metricValue(broker.metricsUrl, 'aware_broker_refusals_total', { reason: 'payload_invalid' });
    await publish(client, deviceTopic(pendant.id, 'hb'), JSON.stringify({ seq: 1, ts: 0 }), 1);
    await publish(client, deviceTopic(pendant.id, 'hb'), JSON.stringify({ pad: 'x'.repeat(1500) }), 1);
    const valid = heartbeat();
    await publish(client, deviceTopic(pendant.id, 'hb'), valid, 1);
    const got = await box.next((m) => m.topic === deviceTopic(pendant.id, 'hb'));
    expect(got.payload.toString()).toBe(valid);
    expect(box.messages).toHaveLength(0);
    expect(client.connected).toBe(true);
    expect(await metricValue(broker.metricsUrl, 'aware_broker_refusals_total', { reason: 'payload_invalid' })).toBe(before + 2);
    expect(broker.logs.some((l) => l.event === 'payload_invalid' && l.deviceId === pendant.id)).toBe(true);
  });

  it('drops a command from a service that fails the command schema', async () => {
    const client = await connectPendant(broker.url, pendant);
    const box = inbox(client);
    await subscribe(client, deviceTopic(pendant.id, 'cmd'), 1);
    const dispatch = await connectService(broker.url, 'dispatch');
    await publish(dispatch, deviceTopic(pendant.id, 'cmd'), JSON.stringify({ type: 'self_destruct' }), 1);
    const valid = encodeCommand({ type: 'test', cmdId: 'cmd-valid-1', ts: Date.now() });
    await publish(dispatch, deviceTopic(pendant.id, 'cmd'), valid, 1);
    const got = await box.next(() => true);
    expect(got.payload.toString()).toBe(valid);
    expect(box.messages).toHaveLength(0);
  });

  it('does not publish a will that is set on the alarm topic', async () => {
    const box = await dispatchInbox();
    const client = await connectPendant(broker.url, pendant, { will: { topic: alarmTopic(), payload: Buffer.from(alarm()), qos: 1, retain: false } });
    (client.stream as unknown as { destroy(): void }).destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(box.messages).toHaveLength(0);
    expect(broker.logs.some((l) => l.event === 'security.will_refused' && l.deviceId === pendant.id)).toBe(true);
  });
});
