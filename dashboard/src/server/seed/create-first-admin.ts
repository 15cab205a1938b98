import { withTransaction, type Pool } from '@aware/db';
import type { Organisation } from '@aware/protocol';
import type { UserView } from '../../contract/users.js';
import type { TotpCipher } from '../auth/totp-cipher.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { freshCredentials } from '../users/credentials.js';
import { insertUser } from '../users/create-user.js';
import { getUser } from '../users/find-users.js';

export interface FirstAdmin {
  readonly user: UserView;
  /** Shown once, to the person running the command: the administrator themself. */
  readonly initialPassword: string;
  readonly totpUri: string;
}

/**
 * The first administrator of an installation (who then creates every other account in the dashboard,
 * each with an activation link). Whoever runs the command is that administrator, so the initial password
 * and second factor are theirs to see. Refused when an enabled administrator exists, unless `force` (a
 * second one, e.g. after losing access).
 */
export async function createFirstAdmin(
  db: Pool,
  cipher: TotpCipher,
  issuer: string,
  o: { username: string; displayName: string; organisation: Organisation; region: string | null; force?: boolean },
): Promise<FirstAdmin> {
  if (!o.force) {
    const { rowCount } = await db.query(
      `SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin' WHERE u.disabled_at IS NULL LIMIT 1`,
    );
    if (rowCount) throw new DashboardError(DashboardErrorCode.USER_EXISTS, 'an administrator exists already (use --force for another)');
  }
  const { id, password, totpUri } = await withTransaction(db, async (tx) => {
    const userId = await insertUser(tx, { username: o.username, displayName: o.displayName, organisation: o.organisation, region: o.region, roles: ['admin'] }, null);
    const fresh = await freshCredentials(cipher, issuer, userId, o.username);
    await tx.query('UPDATE users SET password_hash = $2, totp_secret = $3, totp_enabled_at = now() WHERE id = $1', [userId, fresh.passwordHash, fresh.totpSecret]);
    return { id: userId, password: fresh.password, totpUri: fresh.totpUri };
  });
  return { user: (await getUser(db, id))!, initialPassword: password, totpUri };
}
