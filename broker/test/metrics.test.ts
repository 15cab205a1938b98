import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allDevicesFilter, deviceTopic } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connectPendant, connectService, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { metricValue } from './helpers/metrics.js';
import { heartbeat } from './helpers/payloads.js';

let db: TestDatabase;
let broker: TestBroker;
let pendant: Pendant;

beforeAll(async () => {
  db = await createTestDatabase();
  [pendant] = await provision(db, ['p-metrics-1']);
  broker = await startTestBroker(db);
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await broker?.stop();
  await db?.close();
});

describe('the metrics endpoint', () => {
  it('answers /healthz and 404 elsewhere', async () => {
    const base = broker.metricsUrl.replace('/metrics', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it('counts connections by kind, messages in and out by channel, and login time by outcome', async () => {
    const ingest = await connectService(broker.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const client = await connectPendant(broker.url, pendant);
    await publish(client, deviceTopic(pendant.id, 'hb'), heartbeat(), 0);
    await box.next(() => true);
    const url = broker.metricsUrl;
    expect(await metricValue(url, 'aware_broker_connections', { kind: 'device' })).toBe(1);
    expect(await metricValue(url, 'aware_broker_connections', { kind: 'service' })).toBe(1);
    expect(await metricValue(url, 'aware_broker_messages_in_total', { channel: 'hb' })).toBe(1);
    expect(await metricValue(url, 'aware_broker_messages_out_total', { channel: 'hb' })).toBe(1);
    expect(await metricValue(url, 'aware_broker_auth_duration_seconds_count', { outcome: 'verified' })).toBe(1);
    expect(await metricValue(url, 'aware_broker_auth_duration_seconds_count', { outcome: 'service' })).toBe(1);
    expect(await metricValue(url, 'aware_broker_process_resident_memory_bytes')).toBeGreaterThan(0);
    const text = await (await fetch(url)).text();
    expect(text).toContain('aware_broker_refusals_total');
    expect(text).not.toContain(pendant.secret);
  });
});
