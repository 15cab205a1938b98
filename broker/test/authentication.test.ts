import { connect as tcpConnect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createPool, rotateDeviceSecret } from '@aware/db';
import { DISPATCH_NODES_FILTER, allDevicesFilter, deviceTopic, dispatchNodeTopic, encodeDispatchNodeBeacon } from '@aware/protocol';
import { createTestDatabase, provision, startTestBroker, type Pendant, type TestBroker, type TestDatabase } from './helpers/broker-fixture.js';
import { closeAllClients, closed, connackCode, connectPendant, connectService, end, inbox, publish, subscribe } from './helpers/mqtt-clients.js';
import { metricValue } from './helpers/metrics.js';

let db: TestDatabase;
let broker: TestBroker;
let active: Pendant;

beforeAll(async () => {
  db = await createTestDatabase();
  [active] = await provision(db, ['p-auth-1']);
  broker = await startTestBroker(db);
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await broker?.stop();
  await db?.close();
});

const login = (p: Pendant, secret = p.secret) => ({ clientId: p.id, username: p.id, password: secret });
const authCount = (outcome: string) => metricValue(broker.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome });

describe('device authentication', () => {
  it('refuses an unknown device with "not authorized"', async () => {
    expect(await connackCode(broker.url, login({ id: 'p-nobody-1', secret: active.secret }))).toBe(5);
  });

  it.each([['disabled'], ['revoked']] as const)('refuses a %s device with "not authorized"', async (status) => {
    const [p] = await provision(db, [`p-auth-${status}`], { status });
    expect(await connackCode(broker.url, login(p!))).toBe(5);
  });

  it('lets a stock pendant in only when it is a test device', async () => {
    const [stock] = await provision(db, ['p-auth-stock'], { status: 'stock' });
    const [testStock] = await provision(db, ['p-auth-stock-test'], { status: 'stock', isTest: true });
    expect(await connackCode(broker.url, login(stock!))).toBe(5);
    await end(await connectPendant(broker.url, testStock!));
  });

  it('refuses a missing password and a username that is no device id', async () => {
    expect(await connackCode(broker.url, { clientId: active.id, username: active.id })).toBe(5);
    expect(await connackCode(broker.url, { clientId: 'Not A Device', username: 'Not A Device', password: 'x' })).toBe(5);
  });

  it('serves a reconnecting pendant from the credential cache instead of the slow hash', async () => {
    const verified = await authCount('verified');
    const cached = await authCount('cache');
    await end(await connectPendant(broker.url, active));
    await end(await connectPendant(broker.url, active));
    await end(await connectPendant(broker.url, active));
    expect(await authCount('verified')).toBeLessThanOrEqual(verified + 1);
    expect(await authCount('cache')).toBeGreaterThanOrEqual(cached + 2);
  });

  it('refuses a cached secret once the secret is rotated, and accepts the new one', async () => {
    const [p] = await provision(db, ['p-auth-rotate']);
    await end(await connectPendant(broker.url, p!));
    const secret = await rotateDeviceSecret(db.pool, p!.id);
    expect(await connackCode(broker.url, login(p!))).toBe(5);
    await end(await connectPendant(broker.url, { id: p!.id, secret }));
  });

  it('lets a reconnect storm of 300 pendants back in from the cache', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `p-storm-${String(i).padStart(3, '0')}`);
    const pendants = await provision(db, ids);
    const first = await Promise.all(pendants.map((p) => connectPendant(broker.url, p)));
    await Promise.all(first.map((c) => new Promise<void>((resolve) => c.end(true, {}, () => resolve()))));
    const cached = await authCount('cache');
    const started = Date.now();
    const second = await Promise.all(pendants.map((p) => connectPendant(broker.url, p)));
    const elapsed = Date.now() - started;
    expect(second.every((c) => c.connected)).toBe(true);
    expect(await authCount('cache')).toBeGreaterThanOrEqual(cached + 300);
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('service clients', () => {
  it('get the subscriptions of their role and no others', async () => {
    const dispatch = await connectService(broker.url, 'dispatch');
    expect(await subscribe(dispatch, allDevicesFilter('alarm'), 1)).toBe(1);
    expect(await subscribe(dispatch, allDevicesFilter('hb'), 0)).toBe(128);
    expect(await subscribe(dispatch, '#', 0)).toBe(128);
    expect(await subscribe(dispatch, '$SYS/#', 0)).toBe(128);
    const ingest = await connectService(broker.url, 'ingest');
    expect(await subscribe(ingest, allDevicesFilter('hb'), 0)).toBe(0);
    expect(await subscribe(ingest, allDevicesFilter('alarm'), 1)).toBe(128);
    const admin = await connectService(broker.url, 'sim-admin');
    expect(await subscribe(admin, '$SYS/#', 0)).toBe(0);
    expect(await subscribe(admin, 'aware/v1/#', 0)).toBe(0);
  });

  it('are disconnected for publishing where their role does not allow', async () => {
    const dispatch = await connectService(broker.url, 'dispatch');
    dispatch.publish(deviceTopic(active.id, 'alarm'), '{}');
    await closed(dispatch);
  });

  it('let dispatch nodes, and only them, tell each other whether they reach the database; a malformed beacon goes nowhere', async () => {
    const standby = await connectService(broker.url, 'dispatch');
    const active = await connectService(broker.url, 'dispatch');
    const box = inbox(active);
    expect(await subscribe(active, DISPATCH_NODES_FILTER, 0)).toBe(0);
    const ingest = await connectService(broker.url, 'ingest');
    expect(await subscribe(ingest, DISPATCH_NODES_FILTER, 0)).toBe(128);
    await publish(standby, dispatchNodeTopic('console-2'), '{"instance":"console-2","role":"standby","dbReachable":"yes"}', 0);
    const beacon = encodeDispatchNodeBeacon({ instance: 'console-2', role: 'standby', dbReachable: true, ts: Date.now() });
    await publish(standby, dispatchNodeTopic('console-2'), beacon, 0);
    const got = await box.next((m) => m.topic === dispatchNodeTopic('console-2'));
    expect(got.payload.toString()).toBe(beacon);
    expect(box.messages).toHaveLength(0);
    ingest.publish(dispatchNodeTopic('x'), beacon);
    await closed(ingest);
  });

  it('must use a client id that starts with their username', async () => {
    await expect(connectService(broker.url, 'ingest', { clientId: active.id })).rejects.toMatchObject({ code: 2 });
  });
});

describe('connection limits', () => {
  it('refuses a client announcing no keep-alive, or a longer one than allowed', async () => {
    await expect(connectPendant(broker.url, active, { keepalive: 0 })).rejects.toThrow();
    await expect(connectPendant(broker.url, active, { keepalive: 3600 })).rejects.toThrow();
  });

  it('closes sockets beyond the connection limit at once', async () => {
    const small = await startTestBroker(db, { BROKER_MAX_CONNECTIONS: '2' });
    try {
      await connectPendant(small.url, active);
      await connectService(small.url, 'ingest');
      await expect(connectService(small.url, 'dispatch')).rejects.toThrow();
      expect(await metricValue(small.metricsUrl, 'aware_broker_refusals_total', { reason: 'max_connections' })).toBe(1);
    } finally {
      await closeAllClients();
      await small.stop();
    }
  });

  it('closes a socket that never sends CONNECT after the connect timeout', async () => {
    const quick = await startTestBroker(db, { BROKER_CONNECT_TIMEOUT_MS: '300' });
    try {
      const elapsed = await new Promise<number>((resolve) => {
        const started = Date.now();
        const socket = tcpConnect(quick.broker.addresses.tcp!.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(Date.now() - started));
      });
      expect(elapsed).toBeLessThan(2000);
    } finally {
      await quick.stop();
    }
  });
});

describe('a database outage', () => {
  it('lets in a pendant whose secret was verified before, and answers others "server unavailable"', async () => {
    const [known, unknown] = await provision(db, ['p-outage-1', 'p-outage-2']);
    // its own pool (not db.newPool, which db.close() ends again), ended below to play the outage
    const pool = createPool({ connection: { connectionString: db.url }, poolMax: 2, applicationName: 'broker-outage-test', role: undefined }, { logger: pino({ level: 'silent' }) });
    const isolated = await startTestBroker(db, {}, pool);
    try {
      await end(await connectPendant(isolated.url, known));
      await pool.end(); // the database is gone for this broker
      await end(await connectPendant(isolated.url, known));
      expect(await connackCode(isolated.url, login(unknown))).toBe(3);
      expect(await connackCode(isolated.url, login(known, 'z'.repeat(43)))).toBe(3);
      expect(await metricValue(isolated.metricsUrl, 'aware_broker_auth_duration_seconds_count', { outcome: 'cache_fallback' })).toBe(1);
    } finally {
      await closeAllClients();
      await isolated.stop();
    }
  });
});

describe('repeated failures', () => {
  it('are slowed down per device id and logged, while a pendant with a cached secret is not delayed', async () => {
    const strict = await startTestBroker(db, { BROKER_AUTH_FAILURE_DELAY_MAX_MS: '1600' });
    try {
      await end(await connectPendant(strict.url, active)); // now cached
      const timed = async (fn: () => Promise<unknown>) => {
        const started = Date.now();
        await fn();
        return Date.now() - started;
      };
      const wrong = () => connackCode(strict.url, login(active, 'y'.repeat(43)));
      const first = await timed(wrong);
      for (let i = 0; i < 4; i++) await wrong();
      const sixth = await timed(wrong);
      expect(sixth).toBeGreaterThanOrEqual(1000);
      expect(sixth).toBeGreaterThan(first);
      const good = await timed(async () => end(await connectPendant(strict.url, active)));
      expect(good).toBeLessThan(500);
      const refusals = strict.logs.filter((l) => l.event === 'security.login_refused' && l['username'] === active.id);
      expect(refusals.length).toBe(6);
      expect(refusals.at(-1)).toMatchObject({ idFailures: 6, reason: 'auth_failed' });
      expect(JSON.stringify(strict.logs)).not.toContain(active.secret);
    } finally {
      await strict.stop();
    }
  });
});
