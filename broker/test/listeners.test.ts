import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allDevicesFilter, deviceTopic, encodeCommand, serviceUsername } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, connackCode, connectPendant, connectService, end, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { credentials, killMosquittoTools, mosquittoPub, mosquittoSub } from './helpers/mosquitto-clients.js';
import { makeTlsFiles, type TlsFiles } from './helpers/tls-files.js';
import { heartbeat } from './helpers/payloads.js';

let db: TestDatabase;
let tls: TlsFiles;
let broker: TestBroker;
let pendant: Pendant;
let other: Pendant;

beforeAll(async () => {
  db = await createTestDatabase();
  [pendant, other] = await provision(db, ['p-listen-1', 'p-listen-2']);
  tls = await makeTlsFiles(['p-listen-2']);
  broker = await startTestBroker(db, {
    BROKER_TLS_PORT: '0',
    BROKER_TLS_CERT_FILE: tls.cert,
    BROKER_TLS_KEY_FILE: tls.key,
  });
});
afterEach(async () => {
  killMosquittoTools();
  await closeAllClients();
});
afterAll(async () => {
  await broker?.stop();
  await db?.close();
  await tls?.remove();
});

const tlsPort = () => broker.broker.addresses.tls!.port;
const tlsUrl = () => `mqtts://127.0.0.1:${tlsPort()}`;
const tlsOptions = () => ({ ca: readFileSync(tls.ca), rejectUnauthorized: true, servername: 'localhost' });
const command = () => encodeCommand({ type: 'locate', cmdId: `cmd-${Date.now()}`, ts: Date.now() });

describe('mqtt.js clients', () => {
  it.each([
    ['TCP', () => broker.url, () => ({})],
    ['WebSocket', () => broker.wsUrl, () => ({})],
    ['TLS', tlsUrl, tlsOptions],
  ])('connect over %s with a pendant secret and have their heartbeat delivered', async (_name, url, options) => {
    const ingest = await connectService(broker.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const client = await connectPendant(url(), pendant, options());
    await publish(client, deviceTopic(pendant.id, 'hb'), heartbeat(), 0);
    await box.next((m) => m.topic === deviceTopic(pendant.id, 'hb'));
    await end(client);
  });

  it.each([
    ['TCP', () => broker.url, () => ({})],
    ['WebSocket', () => broker.wsUrl, () => ({})],
    ['TLS', tlsUrl, tlsOptions],
  ])('are refused with "not authorized" over %s with a wrong secret', async (_name, url, options) => {
    const code = await connackCode(url(), { clientId: pendant.id, username: pendant.id, password: 'x'.repeat(43), ...options() });
    expect(code).toBe(5);
  });

  it('are refused with "unacceptable protocol version" when speaking MQTT 5 (the broker speaks 3.1.1)', async () => {
    const code = await connackCode(broker.url, { clientId: pendant.id, username: pendant.id, password: pendant.secret, protocolVersion: 5 });
    expect(code).toBe(1);
  });

  it('are refused with "not authorized" for a service with a wrong secret', async () => {
    const code = await connackCode(broker.url, { clientId: 'svc:dispatch', username: serviceUsername('dispatch'), password: 'wrong-secret-wrong' });
    expect(code).toBe(5);
  });
});

describe('mosquitto_pub and mosquitto_sub', () => {
  it('publish a heartbeat over TCP with a pendant secret', async () => {
    const ingest = await connectService(broker.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const result = await mosquittoPub([
      ...credentials(broker.broker.addresses.tcp!.port, pendant.id, pendant.id, pendant.secret),
      '-t', deviceTopic(pendant.id, 'hb'), '-m', heartbeat(),
    ]);
    expect(result.code, result.stderr).toBe(0);
    await box.next((m) => m.topic === deviceTopic(pendant.id, 'hb'));
  });

  it('publish over TLS, verifying the broker certificate', async () => {
    const ingest = await connectService(broker.url, 'ingest');
    const box = inbox(ingest);
    await subscribe(ingest, allDevicesFilter('hb'), 0);
    const result = await mosquittoPub([
      ...credentials(tlsPort(), pendant.id, pendant.id, pendant.secret),
      '--cafile', tls.ca, '-t', deviceTopic(pendant.id, 'hb'), '-m', heartbeat(),
    ]);
    expect(result.code, result.stderr).toBe(0);
    await box.next((m) => m.topic === deviceTopic(pendant.id, 'hb'));
  });

  it.each([
    ['TCP', false],
    ['TLS', true],
  ])('subscribe a pendant to its own commands over %s', async (_name, useTls) => {
    const port = useTls ? tlsPort() : broker.broker.addresses.tcp!.port;
    const sub = mosquittoSub([
      ...credentials(port, other.id, other.id, other.secret),
      ...(useTls ? ['--cafile', tls.ca] : []),
      '-t', deviceTopic(other.id, 'cmd'), '-q', '1', '-C', '1', '-W', '8',
    ]);
    await sub.subscribed;
    const dispatch = await connectService(broker.url, 'dispatch');
    const cmd = command();
    await publish(dispatch, deviceTopic(other.id, 'cmd'), cmd, 1);
    const result = await sub.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(cmd);
  });

  it.each([
    ['TCP', false],
    ['TLS', true],
  ])('are refused over %s with a wrong secret', async (_name, useTls) => {
    const port = useTls ? tlsPort() : broker.broker.addresses.tcp!.port;
    const pub = await mosquittoPub([
      ...credentials(port, pendant.id, pendant.id, 'x'.repeat(43)),
      ...(useTls ? ['--cafile', tls.ca] : []),
      '-t', deviceTopic(pendant.id, 'hb'), '-m', heartbeat(),
    ]);
    expect(pub.code).not.toBe(0);
    expect(pub.stderr).toMatch(/not authori[sz]ed/i);
    const sub = await mosquittoSub([...credentials(port, pendant.id, pendant.id, 'x'.repeat(43)), ...(useTls ? ['--cafile', tls.ca] : []), '-t', deviceTopic(pendant.id, 'cmd'), '-C', '1', '-W', '3']).done;
    expect(sub.code).not.toBe(0);
    expect(sub.stdout + sub.stderr).toMatch(/not authori[sz]ed/i);
  });
});

describe('TLS with client certificates required', () => {
  let strict: TestBroker;
  beforeAll(async () => {
    strict = await startTestBroker(db, {
      BROKER_TCP_PORT: 'off',
      BROKER_WS_PORT: 'off',
      BROKER_METRICS_PORT: 'off',
      BROKER_TLS_PORT: '0',
      BROKER_TLS_CERT_FILE: tls.cert,
      BROKER_TLS_KEY_FILE: tls.key,
      BROKER_TLS_CA_FILE: tls.ca,
      BROKER_TLS_REQUIRE_CLIENT_CERT: 'true',
    });
  });
  afterAll(() => strict?.stop());
  const strictUrl = () => `mqtts://127.0.0.1:${strict.broker.addresses.tls!.port}`;

  it('lets a pendant in with a certificate whose common name is its id', async () => {
    const files = tls.clients[other.id]!;
    const client = await connectPendant(strictUrl(), other, { ...tlsOptions(), cert: readFileSync(files.cert), key: readFileSync(files.key) });
    await end(client);
  });

  it('refuses a pendant without a certificate in the TLS handshake', async () => {
    await expect(connectPendant(strictUrl(), other, tlsOptions())).rejects.toThrow();
  });

  it("refuses a pendant presenting another pendant's certificate", async () => {
    const files = tls.clients[other.id]!;
    const code = await connackCode(strictUrl(), {
      clientId: pendant.id, username: pendant.id, password: pendant.secret,
      ...tlsOptions(), cert: readFileSync(files.cert), key: readFileSync(files.key),
    });
    expect(code).toBe(5);
  });

  it('refuses mosquitto_pub without a certificate and lets it in with one', async () => {
    const port = String(strict.broker.addresses.tls!.port);
    const args = ['-h', '127.0.0.1', '-p', port, '-i', other.id, '-u', other.id, '-P', other.secret, '--cafile', tls.ca, '-t', deviceTopic(other.id, 'hb'), '-m', heartbeat()];
    expect((await mosquittoPub(args)).code).not.toBe(0);
    const files = tls.clients[other.id]!;
    const ok = await mosquittoPub([...args, '--cert', files.cert, '--key', files.key]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});

