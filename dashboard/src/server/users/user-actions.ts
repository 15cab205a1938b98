import { withTransaction, type Pool } from '@aware/db';
import type { IssuedCredentials, UserAction } from '../../contract/users.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { forgiveAccount } from '../auth/sign-in-throttle.js';
import { forgetDevices } from '../auth/trusted-device.js';
import type { TotpCipher } from '../auth/totp-cipher.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { freshCredentials } from './credentials.js';
import { getUser } from './find-users.js';

/**
 * What an administrator does to an account: disable (every session ends at once) and enable, release it
 * from sign-in throttling (`unlock`), or reset the credentials (new password and new second factor, shown once; sessions end).
 */
export async function applyUserAction(
  db: Pool,
  cipher: TotpCipher,
  issuer: string,
  o: { userId: string; action: UserAction; by: string },
): Promise<IssuedCredentials> {
  const user = await getUser(db, o.userId);
  if (!user) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such user');
  if (o.userId === o.by && (o.action === 'disable' || o.action === 'reset-credentials')) {
    throw new DashboardError(DashboardErrorCode.FORBIDDEN, 'not on your own account');
  }
  let issued: { password: string; totpUri: string } | null = null;
  await withTransaction(db, async (tx) => {
    switch (o.action) {
      case 'disable':
        await tx.query('UPDATE users SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL', [o.userId]);
        await revokeUserSessions(tx, o.userId);
        break;
      case 'enable':
        await tx.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [o.userId]);
        break;
      case 'unlock':
        // releases the user name from sign-in throttling (every address), e.g. after an attack is dealt with
        await forgiveAccount(tx, user.username);
        break;
      case 'reset-credentials': {
        const fresh = await freshCredentials(cipher, issuer, o.userId, user.username);
        await tx.query(
          `UPDATE users SET password_hash = $2, password_changed_at = now(), totp_secret = $3, totp_enabled_at = now(),
                  totp_last_step = NULL WHERE id = $1`,
          [o.userId, fresh.passwordHash, fresh.totpSecret],
        );
        await revokeUserSessions(tx, o.userId);
        await forgetDevices(tx, o.userId);
        await forgiveAccount(tx, user.username);
        issued = { password: fresh.password, totpUri: fresh.totpUri };
        break;
      }
    }
  });
  const after = (await getUser(db, o.userId))!;
  const creds = issued as { password: string; totpUri: string } | null;
  return { user: after, initialPassword: creds?.password ?? null, totpUri: creds?.totpUri ?? null };
}
