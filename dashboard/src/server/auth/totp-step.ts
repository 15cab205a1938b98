import { findSession, hashSessionToken, withTransaction } from '@aware/db';
import type { TotpBody } from '../../contract/auth.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import type { AuthDeps, RequestMeta } from './auth-deps.js';
import { signedInNow } from './password-step.js';
import { createSession, revokeSession, type NewSession } from './sessions.js';
import { assertMayAttempt, heldUntil, recordFailure, tooManyAttempts, type Attempt } from './sign-in-throttle.js';
import { totpStep as stepOf } from './totp.js';
import { userById } from './user-credentials.js';

/**
 * Second step of sign-in: the code from the authenticator app, for the `mfa_pending` session of the
 * cookie. A code is accepted once (its time step must be later than the last one accepted); a wrong one
 * counts as a failure like a wrong password (sign-in-throttle.ts). When the failures make the next attempt
 * wait, the pending session ends too: guessing codes needs the password again. Sessions already signed in
 * elsewhere stay. On success the pending session is revoked and a new one (new token) issued.
 */
export async function totpStep(
  deps: AuthDeps,
  pendingToken: string | null,
  body: TotpBody,
  meta: RequestMeta,
  trusted: (username: string) => Promise<boolean>,
): Promise<NewSession & { userId: string }> {
  const pending = pendingToken ? await findSession(deps.db, hashSessionToken(pendingToken)) : null;
  if (!pending?.mfaPending) throw new DashboardError(DashboardErrorCode.UNAUTHENTICATED, 'no sign-in waiting for a code: start again');
  const user = await userById(deps.db, pending.principal.userId);
  if (!user?.totpSecret) throw new DashboardError(DashboardErrorCode.MFA_NOT_ENROLLED);
  const log = deps.log.child({ username: user.username, ip: meta.ip });
  const attempt: Attempt = { username: user.username, address: meta.ip, trusted: await trusted(user.username) };
  await assertMayAttempt(deps.db, deps.throttle, attempt, 'code', deps.now(), log);
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
        return createSession(tx, { userId: user.id, mfaPending: false, times: deps.times, ...meta });
      })
    : null;
  if (session) {
    await signedInNow(deps, user.id, attempt);
    log.info('signed in (password and code)');
    return { ...session, userId: user.id };
  }
  await recordFailure(deps.db, attempt, 'code');
  log.warn({ reason: step === null ? 'wrong code' : 'code already used', trusted: attempt.trusted }, 'second factor refused');
  const until = await heldUntil(deps.db, deps.throttle, attempt);
  if (until !== null) {
    await revokeSession(deps.db, pending.tokenHash);
    throw tooManyAttempts(until, deps.now());
  }
  throw new DashboardError(DashboardErrorCode.MFA_INVALID);
}
