import { randomUUID } from 'node:crypto';
import { hashPassword, type Queryable } from '@aware/db';
import { randomBytes } from 'node:crypto';
import type { CreateUserBody } from '../../contract/users.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';

/**
 * A new account with its roles, and no usable credentials yet: the caller issues its activation
 * (auth/activation.ts) or, for the first administrator from the command line, its credentials.
 * Call inside a transaction. Returns the new user's id.
 */
export async function insertUser(tx: Queryable, body: CreateUserBody, createdBy: string | null): Promise<string> {
  const id = randomUUID();
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    await tx.query(
      `INSERT INTO users (id, username, display_name, email, organisation, region, password_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, body.username, body.displayName, body.email ?? null, body.organisation, body.region, unusable, createdBy],
    );
    for (const role of new Set(body.roles)) {
      await tx.query('INSERT INTO user_roles (user_id, role, granted_by) VALUES ($1, $2, $3)', [id, role, createdBy]);
    }
  } catch (error) {
    const pg = error as { code?: string; constraint?: string };
    if (pg.code === '23505') throw new DashboardError(DashboardErrorCode.USER_EXISTS, body.username);
    if (pg.code === '23503') {
      const field = pg.constraint?.includes('region') ? 'region' : 'reference';
      throw new DashboardError(DashboardErrorCode.BODY_INVALID, `${field}: unknown ${field}`, { problems: [{ path: field, issue: 'custom', message: `unknown ${field}` }] });
    }
    throw error;
  }
  return id;
}
