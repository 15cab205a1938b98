import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const ENTRY = `INSERT INTO access_log (user_id, username, organisation, role, action, subject_type, subject_id, reason)
  VALUES (gen_random_uuid(), 'case.worker', 'veilig_thuis', 'case_worker', 'read', 'client', 'c-1', 'follow-up call') RETURNING id`;

describe('the access log', () => {
  let db: TestDatabase;
  let app: pg.Pool;
  let id: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = db.newPool({ role: 'aware_app', max: 1 });
    id = (await app.query<{ id: string }>(ENTRY)).rows[0]?.id ?? '';
  });
  afterAll(() => db.close());

  it('takes new entries from the application role and lets it read them', async () => {
    const { rows } = await app.query('SELECT username, reason FROM access_log WHERE id = $1', [id]);
    expect(rows).toEqual([{ username: 'case.worker', reason: 'follow-up call' }]);
  });

  it.each([
    ['UPDATE', `UPDATE access_log SET reason = 'nothing to see'`],
    ['DELETE', 'DELETE FROM access_log'],
    ['TRUNCATE', 'TRUNCATE access_log'],
  ])('refuses %s from the application role (pool with role=aware_app)', async (_op, sql) => {
    await expect(app.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('permission denied') });
  });

  it.each([
    ['UPDATE', `UPDATE access_log SET reason = 'nothing to see'`],
    ['DELETE', 'DELETE FROM access_log'],
    ['TRUNCATE', 'TRUNCATE access_log'],
  ])('refuses %s after SET ROLE aware_app', async (_op, sql) => {
    const client = await db.pool.connect();
    try {
      await client.query('SET ROLE aware_app');
      await expect(client.query(sql)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('RESET ROLE');
      client.release();
    }
  });

  it.each([
    ['UPDATE', `UPDATE access_log SET reason = 'nothing to see'`],
    ['DELETE', 'DELETE FROM access_log'],
    ['TRUNCATE', 'TRUNCATE access_log'],
  ])('refuses %s even from the table owner, through its trigger', async (_op, sql) => {
    await expect(db.pool.query(sql)).rejects.toMatchObject({ message: expect.stringContaining('access_log is append-only') });
  });

  it('still holds the entry exactly as written', async () => {
    const { rows } = await db.pool.query('SELECT reason FROM access_log');
    expect(rows).toEqual([{ reason: 'follow-up call' }]);
  });
});
