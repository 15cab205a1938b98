import { hashPassword, passwordNeedsRehash, verifyPassword } from '@aware/db';
import type { LoginBody } from '../../contract/auth.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import type { AuthDeps, RequestMeta } from './auth-deps.js';
import { recordFailure, recordSuccess } from './lockout.js';
import { needsMfa } from './mfa-policy.js';
import { createSession, type NewSession } from './sessions.js';
import { userByName } from './user-credentials.js';

export interface PasswordStepResult {
  readonly session: NewSession;
  readonly mfaPending: boolean;
}

/** Verified against for unknown users, so that an unknown name takes as long as a wrong password. */
let decoyHash: Promise<string> | null = null;

/**
 * First step of sign-in: user name and password. A locked account is refused before the password is
 * looked at; a wrong password counts towards the lock-out. Roles that need a second factor get a session
 * that is `mfa_pending` (useless until `totpStep`); others a signed-in session at once.
 */
export async function passwordStep(deps: AuthDeps, body: LoginBody, meta: RequestMeta): Promise<PasswordStepResult> {
  const log = deps.log.child({ username: body.username, ip: meta.ip });
  const user = await userByName(deps.db, body.username);
  if (!user || user.disabled) {
    await verifyPassword(await (decoyHash ??= hashPassword('decoy password, never valid')), body.password);
    log.warn({ reason: user ? 'disabled' : 'unknown user' }, 'sign-in refused');
    throw new DashboardError(DashboardErrorCode.CREDENTIALS_INVALID);
  }
  if (user.lockedUntil) {
    log.warn({ reason: 'locked' }, 'sign-in refused');
    throw new DashboardError(DashboardErrorCode.ACCOUNT_LOCKED, `until ${user.lockedUntil.toISOString()}`);
  }
  if (!(await verifyPassword(user.passwordHash, body.password))) {
    const lockedUntil = await recordFailure(deps.db, user.id, deps.lockout);
    log.warn({ reason: 'wrong password', locked: lockedUntil !== null }, 'sign-in refused');
    if (lockedUntil) throw new DashboardError(DashboardErrorCode.ACCOUNT_LOCKED, `until ${lockedUntil.toISOString()}`);
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
    await recordSuccess(deps.db, user.id);
    log.info('signed in (password only)');
  }
  return { session, mfaPending: mfa };
}
