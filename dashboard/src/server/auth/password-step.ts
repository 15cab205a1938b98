import { hashPassword, passwordNeedsRehash, verifyPassword } from '@aware/db';
import type { LoginBody } from '../../contract/auth.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import type { AuthDeps, RequestMeta } from './auth-deps.js';
import { needsMfa } from './mfa-policy.js';
import { createSession, type NewSession } from './sessions.js';
import { assertMayAttempt, forgivePair, recordFailure, type Attempt } from './sign-in-throttle.js';
import { userByName } from './user-credentials.js';

export interface PasswordStepResult {
  readonly session: NewSession;
  readonly mfaPending: boolean;
  /** Signed in with this step alone (no second factor needed): the browser may be trusted now. */
  readonly userId: string;
}

/** Verified against for unknown users, so that an unknown name takes as long as a wrong password. */
let decoyHash: Promise<string> | null = null;

/**
 * First step of sign-in: user name and password. An attempt that must wait (sign-in-throttle.ts) is
 * refused before the password is looked at; a wrong password or an unknown or disabled name counts as a
 * failure, alike. Roles that need a second factor get a session that is `mfa_pending` (useless until
 * `totpStep`); others a signed-in session at once.
 */
export async function passwordStep(deps: AuthDeps, body: LoginBody, meta: RequestMeta, trusted: boolean): Promise<PasswordStepResult> {
  const log = deps.log.child({ username: body.username, ip: meta.ip });
  const attempt: Attempt = { username: body.username, address: meta.ip, trusted };
  await assertMayAttempt(deps.db, deps.throttle, attempt, 'password', deps.now(), log);
  const user = await userByName(deps.db, body.username);
  if (!user || user.disabled) {
    await verifyPassword(await (decoyHash ??= hashPassword('decoy password, never valid')), body.password);
    await recordFailure(deps.db, attempt, 'password');
    log.warn({ reason: user ? 'disabled' : 'unknown user' }, 'sign-in refused');
    throw new DashboardError(DashboardErrorCode.CREDENTIALS_INVALID);
  }
  if (!(await verifyPassword(user.passwordHash, body.password))) {
    await recordFailure(deps.db, attempt, 'password');
    log.warn({ reason: 'wrong password', trusted }, 'sign-in refused');
    throw new DashboardError(DashboardErrorCode.CREDENTIALS_INVALID);
  }
  if (passwordNeedsRehash(user.passwordHash)) {
    await deps.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, await hashPassword(body.password)]);
  }
  const mfa = needsMfa(user.roles, user.totpSecret !== null);
  if (mfa && user.totpSecret === null) {
    log.warn({ reason: 'second factor not enrolled' }, 'sign-in refused');
    throw new DashboardError(DashboardErrorCode.MFA_NOT_ENROLLED);
  }
  const session = await createSession(deps.db, { userId: user.id, mfaPending: mfa, times: deps.times, ...meta });
  if (!mfa) {
    await signedInNow(deps, user.id, attempt);
    log.info('signed in (password only)');
  }
  return { session, mfaPending: mfa, userId: user.id };
}

/** A complete sign-in: its failures from this address are forgiven; the last sign-in is recorded. */
export async function signedInNow(deps: AuthDeps, userId: string, attempt: Attempt): Promise<void> {
  await forgivePair(deps.db, attempt);
  await deps.db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
}
