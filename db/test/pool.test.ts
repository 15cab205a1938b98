import { connect, createServer, type Socket } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDbConfig } from '../src/config.js';
import { createPool } from '../src/pool.js';
import { withTransaction } from '../src/transaction.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('createPool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('names its connections and runs as the configured role', async () => {
    const config = loadDbConfig({ DATABASE_URL: db.url, DB_ROLE: 'aware_app', DB_APPLICATION_NAME: 'aware-test-pool' });
    const pool = createPool(config, { logger: pino({ level: 'silent' }) });
    try {
      const { rows } = await pool.query(`SELECT current_user AS role, current_setting('application_name') AS app`);
      expect(rows).toEqual([{ role: 'aware_app', app: 'aware-test-pool' }]);
    } finally {
      await pool.end();
    }
  });

  it('withTransaction commits on success and rolls back on error', async () => {
    await withTransaction(db.pool, (c) => c.query(`INSERT INTO regions (code, name) VALUES ('tx-kept', 'kept')`));
    await expect(
      withTransaction(db.pool, async (c) => {
        await c.query(`INSERT INTO regions (code, name) VALUES ('tx-gone', 'gone')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.pool.query(`SELECT code FROM regions WHERE code LIKE 'tx-%'`);
    expect(rows).toEqual([{ code: 'tx-kept' }]);
  });

  it('survives a connection reset while a client is checked out: the process goes on, the pool serves again', async () => {
    // a relay whose connections the test resets, as a firewall or a broken link does (ECONNRESET)
    const sockets = new Set<Socket>();
    const target = new URL(db.url);
    const relay = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const through = new URL(db.url);
    through.hostname = '127.0.0.1';
    through.port = String((relay.address() as { port: number }).port);
    const pool = createPool(loadDbConfig({ DATABASE_URL: through.toString() }), { logger: pino({ level: 'silent' }) });
    const uncaught: unknown[] = [];
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (e) => uncaught.push(e));
    try {
      const client = await pool.connect();
      await client.query('SELECT 1');
      for (const s of sockets) s.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      client.release(true);
      expect(uncaught).toEqual([]);
      expect((await pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const l of listeners) process.on('uncaughtException', l);
      await pool.end();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});
