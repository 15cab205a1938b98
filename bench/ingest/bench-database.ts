import pg from 'pg';
import type { Logger } from 'pino';
import { generateDeviceSecret, migrate, processDeviceSecretKeys } from '@aware/db';
import { findOrStartTestServer, withDatabase } from '@aware/db/testing';

export interface BenchDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
  /**
   * Empties telemetry, technical alarms and device state between phases, so every phase starts from
   * the same tables; with `withState`, every pendant then has a device-state row (as in production,
   * where only a pendant's very first heartbeat inserts one).
   */
  reset(withState?: boolean): Promise<void>;
  drop(): Promise<void>;
}

/** The bench pendants' shared secret, new every run (hashed once with cheap argon2id parameters, like test pendants). */
export const BENCH_SECRET = generateDeviceSecret();

export function benchDeviceId(i: number): string {
  return `bench-${String(i).padStart(7, '0')}`;
}

/**
 * A fresh migrated database on the same server the tests use (DATABASE_URL / PG*, else local 5432,
 * else embedded), seeded with `devices` active pendants, the first `assigned` of them with a client
 * (so the watchdog guards them, as in production).
 */
export async function createBenchDatabase(devices: number, assigned: number, logger: Logger): Promise<BenchDatabase> {
  const server = await findOrStartTestServer(process.env, logger);
  const name = `aware_bench_ingest_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(server.url, name);
  await migrate(url, { logger });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const hash = processDeviceSecretKeys().hash(BENCH_SECRET);
  await pool.query(
    `INSERT INTO devices (id, secret_hash, status, hb_interval_s, region)
     SELECT 'bench-' || lpad(i::text, 7, '0'), $1, 'active', 30, 'utrecht' FROM generate_series(1, $2) i`,
    [hash, devices],
  );
  await pool.query(`INSERT INTO device_credentials (device_id, secret_hash) SELECT id, secret_hash FROM devices`);
  await pool.query(
    `WITH c AS (
       INSERT INTO clients (region, name, status) SELECT 'utrecht', 'Bench client ' || i, 'active' FROM generate_series(1, $1) i
       RETURNING id),
     n AS (SELECT id, row_number() OVER () AS i FROM c)
     INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at)
     SELECT 'bench-' || lpad(n.i::text, 7, '0'), n.id, now() - interval '1 day', now() + interval '1 year' FROM n`,
    [assigned],
  );
  return {
    url,
    pool,
    async reset(withState = false) {
      await pool.query('TRUNCATE telemetry, device_state, technical_alarms');
      if (withState) {
        await pool.query(
          `INSERT INTO device_state (device_id, last_seen_at, hb_time, hb_seq, battery, charging, rssi, firmware)
           SELECT id, now() - interval '1 day', now() - interval '1 day', 0, 80, false, -70, 'bench-0.9.0' FROM devices`,
        );
      }
      await pool.query('VACUUM ANALYZE device_state');
    },
    async drop() {
      await pool.end();
      const a = new pg.Client({ connectionString: server.url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      await server.stop();
    },
  };
}
