import type { Pool } from '@aware/db';
import type { Organisation } from '@aware/protocol';
import type { IssuedCredentials } from '../../contract/users.js';
import type { TotpCipher } from '../auth/totp-cipher.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { createUser } from '../users/create-user.js';

/**
 * The first administrator of an installation (who then creates every other account in the dashboard).
 * Refused when an enabled administrator exists, unless `force` (a second one, e.g. after losing access).
 */
export async function createFirstAdmin(
  db: Pool,
  cipher: TotpCipher,
  issuer: string,
  o: { username: string; displayName: string; organisation: Organisation; region: string | null; force?: boolean },
): Promise<IssuedCredentials> {
  if (!o.force) {
    const { rowCount } = await db.query(
      `SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.disabled_at IS NULL LIMIT 1`,
    );
    if (rowCount) throw new DashboardError(DashboardErrorCode.USER_EXISTS, 'an administrator exists already (use --force for another)');
  }
  return createUser(db, cipher, issuer, { username: o.username, displayName: o.displayName, organisation: o.organisation, region: o.region, roles: ['admin'] }, null);
}
