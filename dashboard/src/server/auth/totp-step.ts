import { findSession, withTransaction } from '@aware/db';
import type { TotpBody } from '../../contract/auth.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import type { AuthDeps, RequestMeta } from './auth-deps.js';
import { recordFailure, recordSuccess } from './lockout.js';
import { hashSessionToken } from './session-token.js';
import { createSession, revokeSession, type NewSession } from './sessions.js';
import { totpStep as stepOf } from './totp.js';
import { userById } from './user-credentials.js';

/**
 * Second step of sign-in: the code from the authenticator app, for the `mfa_pending` session of the
 * cookie. A code is accepted once (its time step must be later than the last one accepted); a wrong one
 * counts towards the lock-out, which also ends the pending session (sessions already signed in elsewhere
 * stay: a lock-out stops guessing, it must not take a control room's board down). On success the pending session is
 * revoked and a new one (new token) issued.
 */
export async function totpStep(deps: AuthDeps, pendingToken: string | null, body: TotpBody, meta: RequestMeta): Promise<NewSession> {
  const pending = pendingToken ? await findSession(deps.db, hashSessionToken(pendingToken)) : null;
  if (!pending?.mfaPending) throw new DashboardError(DashboardErrorCode.UNAUTHENTICATED, 'no sign-in waiting for a code: start again');
  const user = await userById(deps.db, pending.principal.userId);
  if (!user?.totpSecret) throw new DashboardError(DashboardErrorCode.MFA_NOT_ENROLLED);
  const log = deps.log.child({ username: user.username, ip: meta.ip });
  const step = stepOf(deps.cipher.decrypt(user.id, user.totpSecret), body.code, deps.now());
  const fresh = step !== null && (user.totpLastStep === null || step > user.totpLastStep);
  const session = fresh
    ? await withTransaction(deps.db, async (tx) => {
        // the guard in WHERE makes two concurrent uses of one code accept only one
        const { rowCount } = await tx.query(
          'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
          [user.id, step],
        );
        if (!rowCount) return null;
        await revokeSession(tx, pending.tokenHash);
        await recordSuccess(tx, user.id);
        return createSession(tx, { userId: user.id, mfaPending: false, times: deps.times, ...meta });
      })
    : null;
  if (session) {
    log.info('signed in (password and code)');
    return session;
  }
  const lockedUntil = await recordFailure(deps.db, user.id, deps.lockout);
  log.warn({ reason: step === null ? 'wrong code' : 'code already used', locked: lockedUntil !== null }, 'second factor refused');
  if (lockedUntil) {
    await revokeSession(deps.db, pending.tokenHash);
    throw new DashboardError(DashboardErrorCode.ACCOUNT_LOCKED, `until ${lockedUntil.toISOString()}`);
  }
  throw new DashboardError(DashboardErrorCode.MFA_INVALID);
}
