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
});
