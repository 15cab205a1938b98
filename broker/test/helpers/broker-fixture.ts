import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createDevice, setDeviceStatus, type DeviceStatus, type Queryable } from '@aware/db';
import { createTestDatabase, legacyArgon2DeviceSecretHash, type TestDatabase } from '@aware/db/testing';
import { loadConfig, start, type RunningBroker } from '../../src/index.js';
import { dbDeviceDirectory } from '../../src/auth/db-directory.js';

export interface Pendant {
  readonly id: string;
  readonly secret: string;
}


export const SERVICE_SECRETS = Object.freeze({
  ingest: randomBytes(24).toString('base64url'),
  dispatch: randomBytes(24).toString('base64url'),
  'sim-admin': randomBytes(24).toString('base64url'),
});

/** Registers pendants in the test database (status active unless told otherwise). */
export async function provision<const T extends readonly string[]>(
  db: TestDatabase,
  ids: T,
  options: { status?: DeviceStatus; isTest?: boolean } = {},
): Promise<{ -readonly [K in keyof T]: Pendant }> {
  const pendants = await Promise.all(
    ids.map(async (id) => {
      const device = await createDevice(db.pool, { id, isTest: options.isTest ?? false });
      if ((options.status ?? 'active') !== 'stock') await setDeviceStatus(db.pool, id, options.status ?? 'active');
      return device;
    }),
  );
  return pendants as { -readonly [K in keyof T]: Pendant };
}

/**
 * Pendants registered before keyed secret hashes: their secret stored as an argon2id hash (cheap
 * parameters), as in a database migrated from an earlier release.
 */
export async function provisionLegacy<const T extends readonly string[]>(db: TestDatabase, ids: T): Promise<{ -readonly [K in keyof T]: Pendant }> {
  const pendants = await provision(db, ids);
  for (const p of pendants) {
    const hash = await legacyArgon2DeviceSecretHash(p.secret, { memoryCost: 1024, timeCost: 1 });
    await db.pool.query(`UPDATE devices SET secret_hash = $2 WHERE id = $1`, [p.id, hash]);
    await db.pool.query(`UPDATE device_credentials SET secret_hash = $2 WHERE device_id = $1 AND revoked_at IS NULL`, [p.id, hash]);
  }
  return pendants;
}

/** Broker environment for tests: every port 0 on loopback, services' secrets set, TLS off. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    BROKER_HOST: '127.0.0.1',
    BROKER_TCP_PORT: '0',
    BROKER_TLS_PORT: 'off',
    BROKER_WS_PORT: '0',
    BROKER_METRICS_PORT: '0',
    BROKER_INGEST_SECRET: SERVICE_SECRETS.ingest,
    BROKER_DISPATCH_SECRET: SERVICE_SECRETS.dispatch,
    BROKER_SIM_ADMIN_SECRET: SERVICE_SECRETS['sim-admin'],
    BROKER_REVOCATION_POLL_MS: '500',
    // keep failure delays short (the tests of the throttle set their own)
    BROKER_AUTH_FAILURE_DELAY_MAX_MS: '200',
    ...overrides,
  };
}

export interface LogLine {
  level: number;
  msg: string;
  event?: string;
  deviceId?: string;
  [key: string]: unknown;
}

export interface TestBroker {
  readonly broker: RunningBroker;
  readonly logs: LogLine[];
  /** mqtt://127.0.0.1:{tcp port} */
  readonly url: string;
  readonly wsUrl: string;
  readonly metricsUrl: string;
  stop(): Promise<void>;
}

/** Starts a broker on the test database; its log lines are collected in `logs`. */
export async function startTestBroker(db: TestDatabase, env: Record<string, string> = {}, pool: Queryable = db.pool): Promise<TestBroker> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const broker = await start(loadConfig(testEnv(env)), { devices: dbDeviceDirectory(pool), logger });
  const { tcp, ws, metrics } = broker.addresses;
  return {
    broker,
    logs,
    url: tcp ? `mqtt://127.0.0.1:${tcp.port}` : '',
    wsUrl: ws ? `ws://127.0.0.1:${ws.port}${ws.path}` : '',
    metricsUrl: metrics ? `http://127.0.0.1:${metrics.port}/metrics` : '',
    stop: () => broker.stop(),
  };
}

export { createTestDatabase, type TestDatabase };
