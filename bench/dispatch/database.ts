import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevice, startEmbeddedPostgres } from '@aware/db';
import { ADMIN_URL_ENV, createTestDatabase, findOrStartTestServer, type TestDatabase } from '@aware/db/testing';

export interface Credential {
  readonly id: string;
  readonly secret: string;
}

/**
 * Cheap argon2id parameters for the bench pendants: every pendant has its own secret and its own real
 * hash, but verifying 10,000 of them at the production cost is the broker benchmark's subject, not ours.
 */

/**
 * A fresh migrated database. `private` (the default): a PostgreSQL cluster of the bench's own, fsync on,
 * so other work on the machine's shared server (other benchmarks, test suites) does not sit in our commit
 * path; `shared`: the test server (local PostgreSQL, or an embedded one). Returns a stop for the cluster.
 */
export async function benchDatabase(where: 'private' | 'shared'): Promise<{ db: TestDatabase; stopServer: () => Promise<void> }> {
  const logger = pino({ level: 'warn' });
  let stopServer: () => Promise<void> = async () => undefined;
  if (where === 'private') {
    const dataDir = join(tmpdir(), `aware-bench-dispatch-pg-${randomBytes(4).toString('hex')}`);
    const server = await startEmbeddedPostgres({ dataDir, persistent: false, durable: true, logger, maxConnections: 200 });
    process.env[ADMIN_URL_ENV] = server.url;
    stopServer = () => server.stop();
  } else if (!process.env[ADMIN_URL_ENV]) {
    process.env[ADMIN_URL_ENV] = (await findOrStartTestServer(process.env, logger)).url;
  }
  return { db: await createTestDatabase({ poolMax: 16, logger }), stopServer };
}

/** `count` active pendants `{prefix}-00001`.. in `region`, registered through @aware/db. */
export async function createPendants(db: TestDatabase, prefix: string, count: number, region: string): Promise<Credential[]> {
  const out: Credential[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      out[i] = await createDevice(db.pool, { id: `${prefix}-${String(i + 1).padStart(5, '0')}`, region });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await db.pool.query(`UPDATE devices SET status = 'active', status_changed_at = now() WHERE id LIKE $1`, [`${prefix}-%`]);
  return out;
}

/** Gives each of `deviceIds` to a client of `region` with a perpetrator (so consoles get full dossier cards). */
export async function assignToClients(db: TestDatabase, deviceIds: readonly string[], region: string): Promise<void> {
  await db.pool.query(
    `WITH c AS (
       INSERT INTO clients (region, name, address, phone, risk_notes, status)
       SELECT $2, 'Bench client ' || d, 'Benchstraat ' || ord || ', Utrecht', '06-00000000', 'Bench: ex-partner, restraining order', 'active'
       FROM unnest($1::text[]) WITH ORDINALITY AS t(d, ord)
       RETURNING id, name
     ), p AS (
       INSERT INTO perpetrators (client_id, name, relation, description, vehicle)
       SELECT id, 'Bench perpetrator', 'ex-partner', 'tall, dark jacket', 'grey Opel Astra' FROM c
     )
     INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at, handed_over_at)
     SELECT substring(c.name FROM 14), c.id, now() - interval '1 day', now() + interval '1 year', now() - interval '1 day' FROM c`,
    [deviceIds, region],
  );
}

/** A signed-in control-room user (user, role, session past its second factor); returns the session token. */
export async function createOperator(db: TestDatabase, organisation: 'police' | 'veilig_thuis', region: string): Promise<string> {
  const role = organisation === 'police' ? 'police_operator' : 'vt_operator';
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO users (username, display_name, organisation, region, password_hash)
     VALUES ($1, $1, $2, $3, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA') RETURNING id`,
    [`bench-${role}-${randomBytes(3).toString('hex')}`, organisation, region],
  );
  const userId = rows[0]!.id;
  await db.pool.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [userId, role]);
  const token = randomBytes(32).toString('base64url');
  await db.pool.query(`INSERT INTO sessions (token_hash, user_id, expires_at, mfa_pending) VALUES ($1, $2, now() + interval '1 day', false)`, [
    createHash('sha256').update(token).digest('hex'),
    userId,
  ]);
  return token;
}
