import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { canBecomeOwner, ensureServiceLogin } from '../src/service-login.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('the application role aware_app', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('exists, cannot log in, and is not a superuser', async () => {
    const { rows } = await db.pool.query(`SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = 'aware_app'`);
    expect(rows).toEqual([{ rolcanlogin: false, rolsuper: false }]);
  });

  it('may read and write every application table but truncate none; access_log, schema_migrations and dispatch_lease are exceptions', async () => {
    const { rows } = await db.pool.query<{ name: string; s: boolean; i: boolean; u: boolean; d: boolean; t: boolean }>(`
      SELECT c.relname AS name,
             has_table_privilege('aware_app', c.oid, 'SELECT') AS s, has_table_privilege('aware_app', c.oid, 'INSERT') AS i,
             has_table_privilege('aware_app', c.oid, 'UPDATE') AS u, has_table_privilege('aware_app', c.oid, 'DELETE') AS d,
             has_table_privilege('aware_app', c.oid, 'TRUNCATE') AS t
      FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const expected =
        r.name === 'access_log'
          ? { s: true, i: true, u: false, d: false, t: false }
          : r.name === 'schema_migrations'
            ? { s: false, i: false, u: false, d: false, t: false }
            : r.name === 'dispatch_lease'
              ? // one row, renewed and taken, never added or removed
                { s: true, i: false, u: true, d: false, t: false }
              : { s: true, i: true, u: true, d: true, t: false };
      expect({ name: r.name, s: r.s, i: r.i, u: r.u, d: r.d, t: r.t }).toEqual({ name: r.name, ...expected });
    }
  });
});

describe("the services' login role", () => {
  let db: TestDatabase;
  let service: pg.Client;
  const name = 'aware_service';
  beforeAll(async () => {
    db = await createTestDatabase();
    await ensureServiceLogin(db.pool, name, null);
    await ensureServiceLogin(db.pool, name, null); // idempotent
    const url = new URL(db.url);
    url.username = name;
    url.password = '';
    service = new pg.Client({ connectionString: url.toString() });
    await service.connect();
  });
  afterAll(async () => {
    await service?.end();
    await db?.close();
  });

  it('logs in with the application grants and nothing more', async () => {
    const { rows } = await service.query(`SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user`);
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false }]);
    expect(await canBecomeOwner(db.pool, name)).toBe(false);
    await service.query(`SELECT count(*) FROM alarms`);
    await service.query(`INSERT INTO access_log (username, role, action, subject_type, subject_id, reason) VALUES ('t', 't', 'read', 'test', 'x', 'grants test')`);
  });

  it('cannot become the owner, switch the access log off, or remove entries', async () => {
    await expect(service.query(`SET ROLE postgres`)).rejects.toMatchObject({ code: '42501' });
    await expect(service.query(`ALTER TABLE access_log DISABLE TRIGGER USER`)).rejects.toMatchObject({ code: '42501' });
    await expect(service.query(`DELETE FROM access_log`)).rejects.toMatchObject({ code: '42501' });
    await expect(service.query(`DROP TABLE access_log`)).rejects.toMatchObject({ code: '42501' });
  });
});
