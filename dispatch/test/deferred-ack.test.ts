import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { RunningBroker } from '@aware/broker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDeferredAcks, type Delivery } from '../src/mqtt/deferred-ack.js';
import { createPendant } from './helpers/dossiers.js';
import { DISPATCH_SECRET, collectingLogger, startTestBroker } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

/** Pins what dispatch's ack ordering relies on: mqtt.js 5 with `handleMessage` deferring PUBACK, against our broker. */
describe('PUBACK deferred until the handler says so', () => {
  let db: TestDatabase;
  let broker: RunningBroker;
  let url: string;
  let device: MqttClient;
  const clientId = 'svc:dispatch:acktest';

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ broker, url } = await startTestBroker(db.pool, collectingLogger('warn').logger));
    const pendant = await createPendant(db.pool, 'pendant-ack-1');
    device = await mqtt.connectAsync(url, { clientId: pendant.id, username: pendant.id, password: pendant.secret, reconnectPeriod: 0 });
  });

  afterAll(async () => {
    await device?.endAsync(true);
    await broker?.stop();
    await db?.close();
  });

  const connectService = async (onDelivery: (d: Delivery) => Promise<void> | undefined) => {
    const client = mqtt.connect(url, { clientId, username: 'svc:dispatch', password: DISPATCH_SECRET, clean: false, reconnectPeriod: 0, manualConnect: true });
    installDeferredAcks(client, onDelivery, () => undefined);
    client.connect();
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync(allDevicesFilter('alarm'), { qos: 1 });
    return client;
  };

  it('lets the next message through while one waits, and redelivers the unacknowledged one on the next session', async () => {
    const seen: Delivery[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = await connectService((d) => {
      seen.push(d);
      return d.payload.toString() === 'one' ? held : Promise.resolve();
    });
    await device.publishAsync(deviceTopic('pendant-ack-1', 'alarm'), 'one', { qos: 1 });
    await device.publishAsync(deviceTopic('pendant-ack-1', 'alarm'), 'two', { qos: 1 });
    await waitFor(() => seen.length === 2, 3_000, 'both messages while the first is held');
    await first.endAsync(true); // "crash" before 'one' is durable: no PUBACK was sent for it
    release();

    const again: Delivery[] = [];
    const second = await connectService((d) => (again.push(d), Promise.resolve()));
    await waitFor(() => again.length >= 1, 3_000, 'the redelivery');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(again.map((d) => d.payload.toString())).toEqual(['one']);
    // [MQTT-3.3.1-1] asks for DUP on a redelivery; aedes 1.2 does not set it on session resumption,
    // so dispatch never relies on it for readable presses (their alarmId is the key).
    await second.endAsync(true);

    const third: Delivery[] = [];
    const last = await connectService((d) => (third.push(d), Promise.resolve()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(third).toEqual([]);
    await last.endAsync();
  });
});
