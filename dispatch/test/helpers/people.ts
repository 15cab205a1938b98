import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '@aware/db';
import type { Organisation, Role } from '@aware/protocol';
import { Authenticator } from '../../src/auth/authenticator.js';

export interface TestUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  /** The session token a browser would hold in its cookie. */
  readonly token: string;
}

/** A signed-in user: a row in users, its roles, and a current session past its second factor. */
export async function createUser(
  db: Queryable,
  o: { organisation: Organisation; region: string | null; roles: Role[]; displayName?: string; mfaPending?: boolean },
): Promise<TestUser> {
  const userId = randomUUID();
  const username = `u-${userId.slice(0, 8)}`;
  const displayName = o.displayName ?? username;
  // sign-in is the dashboard's: a well-formed PHC string is all the users table asks for here
  await db.query(
    `INSERT INTO users (id, username, display_name, organisation, region, password_hash) VALUES ($1, $2, $3, $4, $5, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA')`,
    [userId, username, displayName, o.organisation, o.region],
  );
  for (const role of o.roles) await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [userId, role]);
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at, mfa_pending) VALUES ($1, $2, now() + interval '1 hour', $3)`,
    [Authenticator.hash(token), userId, o.mfaPending ?? false],
  );
  return { userId, username, displayName, token };
}
