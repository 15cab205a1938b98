import pg from 'pg';
import type { Queryable } from './pool.js';
import { DbError, DbErrorCode } from './errors.js';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The role the services log in as: LOGIN, a member of `aware_app` (so it has exactly the application's
 * grants), and nothing else: not a superuser, owns nothing, creates no roles or databases. So no SQL
 * that reaches a service's connection can `SET ROLE` to the owner, switch the access log's trigger off
 * or rewrite a migration; the owner (who runs the migrations) never serves a request. Run by the owner
 * after migrating (`db/src/main.ts service-login NAME`, docker-compose's `migrate`). `password` null:
 * no password (trust or peer authentication). Idempotent, and serialised across concurrent callers
 * (roles are cluster-wide).
 */
export async function ensureServiceLogin(admin: pg.Pool | pg.Client, name: string, password: string | null): Promise<void> {
  if (!ROLE_NAME.test(name) || name === 'aware_app') throw new DbError(DbErrorCode.CLI_USAGE, `service role name "${name}" must be a lower-case SQL identifier other than aware_app`);
  const client = admin instanceof pg.Pool ? await admin.connect() : admin;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('aware.service_login'))`);
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
    const id = pg.escapeIdentifier(name);
    if (!exists) await client.query(`CREATE ROLE ${id} LOGIN`);
    await client.query(
      `ALTER ROLE ${id} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${password === null ? 'NULL' : pg.escapeLiteral(password)}`,
    );
    await client.query(`GRANT aware_app TO ${id}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (admin instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}

/** Whether `name` may act as the owner of the schema (for checks; a service login must not). */
export async function canBecomeOwner(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT pg_has_role($1, (SELECT nspowner FROM pg_namespace WHERE nspname = 'public'), 'MEMBER') AS ok`,
    [name],
  );
  return rows[0]?.ok ?? false;
}
