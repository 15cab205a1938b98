import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('createTestDatabase', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('hands the server admin URL and the migrated template to workers through inject and the environment alike', () => {
    expect(inject('awareDbAdminUrl')).toMatch(/^postgres(ql)?:\/\//);
    expect(process.env['AWARE_TEST_DB_ADMIN_URL']).toBe(inject('awareDbAdminUrl'));
    expect(inject('awareDbTemplate')).toMatch(/^aware_tpl_/);
    expect(process.env['AWARE_TEST_DB_TEMPLATE']).toBe(inject('awareDbTemplate'));
  });

  it('gives a database with every migration recorded, and an empty one on request', async () => {
    const { rows } = await a.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBeGreaterThanOrEqual(8);
    const empty = await createTestDatabase({ migrate: false });
    try {
      const tables = await empty.pool.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rowCount).toBe(0);
    } finally {
      await empty.close();
    }
  });

  it('gives every caller its own migrated database', async () => {
    expect(a.name).not.toBe(b.name);
    await a.pool.query(`INSERT INTO devices (id, secret_hash) VALUES ('only-in-a', '$argon2id$x')`);
    const inA = await a.pool.query('SELECT count(*)::int AS n FROM devices');
    const inB = await b.pool.query('SELECT count(*)::int AS n FROM devices');
    expect(inA.rows[0].n).toBe(1);
    expect(inB.rows[0].n).toBe(0);
  });

  it('clones twenty databases from the template at once (the template refuses connections: a TimescaleDB scheduler cannot hold it)', async () => {
    const tpl = inject('awareDbTemplate');
    const { rows } = await a.pool.query<{ allowed: boolean }>('SELECT datallowconn AS allowed FROM pg_database WHERE datname = $1', [tpl]);
    expect(rows).toEqual([{ allowed: false }]);
    const many = await Promise.all(Array.from({ length: 20 }, () => createTestDatabase({ poolMax: 1 })));
    try {
      const counts = await Promise.all(many.map(async (d) => (await d.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]?.n));
      expect(new Set(counts).size).toBe(1);
    } finally {
      await Promise.all(many.map((d) => d.close()));
    }
  });

  it('drops the database on close, even with a client still checked out, and tolerates a second close', async () => {
    const c = await createTestDatabase({ migrate: false });
    await c.pool.connect(); // leaked on purpose
    await c.close();
    await c.close();
    const admin = new pg.Client({ connectionString: inject('awareDbAdminUrl') });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [c.name]);
    await admin.end();
    expect(rowCount).toBe(0);
  });
});
