import { randomUUID } from 'node:crypto';
import { withTransaction, type Pool } from '@aware/db';
import type { CreateUserBody, IssuedCredentials } from '../../contract/users.js';
import type { TotpCipher } from '../auth/totp-cipher.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { freshCredentials } from './credentials.js';
import { getUser } from './find-users.js';

/** A new account with its roles, an initial password and an enrolled second factor (both shown once). */
export async function createUser(
  db: Pool,
  cipher: TotpCipher,
  issuer: string,
  body: CreateUserBody,
  createdBy: string | null,
): Promise<IssuedCredentials> {
  const id = randomUUID();
  const fresh = await freshCredentials(cipher, issuer, id, body.username);
  try {
    await withTransaction(db, async (tx) => {
      await tx.query(
        `INSERT INTO users (id, username, display_name, email, organisation, region, password_hash, totp_secret, totp_enabled_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)`,
        [id, body.username, body.displayName, body.email ?? null, body.organisation, body.region, fresh.passwordHash, fresh.totpSecret, createdBy],
      );
      for (const role of new Set(body.roles)) {
        await tx.query('INSERT INTO user_roles (user_id, role, granted_by) VALUES ($1, $2, $3)', [id, role, createdBy]);
      }
    });
  } catch (error) {
    const pg = error as { code?: string; constraint?: string };
    if (pg.code === '23505') throw new DashboardError(DashboardErrorCode.USER_EXISTS, body.username);
    if (pg.code === '23503') throw new DashboardError(DashboardErrorCode.BODY_INVALID, `unknown ${pg.constraint?.includes('region') ? 'region' : 'reference'}`);
    throw error;
  }
  return { user: (await getUser(db, id))!, initialPassword: fresh.password, totpUri: fresh.totpUri };
}
