import { hashPassword, withTransaction, type Queryable } from '@aware/db';
import { createHash, randomBytes } from 'node:crypto';
import type { Activation, ActivationInfo } from '../../contract/auth.js';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import type { AuthDeps, RequestMeta } from './auth-deps.js';
import { createSession, revokeUserSessions, type NewSession } from './sessions.js';
import { forgiveAccount } from './sign-in-throttle.js';
import { newTotp, totpStep, totpUri } from './totp.js';
import { forgetDevices } from './trusted-device.js';

/**
 * First sign-in by activation. An administrator never sees anyone's password or second factor: creating
 * an account, or resetting its credentials, issues a one-time activation code (192 random bits, stored as
 * its SHA-256, valid `ttlMs`) that the administrator hands to the person over a separate channel (the link
 * `/activate#<code>`). With it the person chooses their own password and enrols their own authenticator
 * app (confirmed by a code from it); the activation is then used up, and they are signed in.
 * Until then the account has no usable password: a reset also ends every session and forgets every
 * trusted browser, so an administrator who reset someone to take the account over is noticed by its owner
 * (who can no longer sign in) and stands in the log.
 */
const hashOf = (code: string) => createHash('sha256').update(code).digest();
const CODE = /^[A-Za-z0-9_-]{32}$/;

/** Takes the account's credentials away and issues a new activation code (the old ones stop working). */
export async function issueActivation(tx: Queryable, o: { userId: string; createdBy: string | null; ttlMs: number }): Promise<Activation> {
  const code = randomBytes(24).toString('base64url');
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  await tx.query(
    `UPDATE users SET password_hash = $2, password_changed_at = now(), totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`,
    [o.userId, unusable],
  );
  await tx.query('DELETE FROM user_activations WHERE user_id = $1 AND used_at IS NULL', [o.userId]);
  const { rows } = await tx.query<{ expires_at: Date; username: string }>(
    `INSERT INTO user_activations (token_hash, user_id, created_by, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
     RETURNING expires_at, (SELECT username FROM users WHERE id = $2) AS username`,
    [hashOf(code), o.userId, o.createdBy, o.ttlMs],
  );
  await revokeUserSessions(tx, o.userId);
  await forgetDevices(tx, o.userId);
  await forgiveAccount(tx, rows[0]!.username);
  return { code, expiresAt: rows[0]!.expires_at.toISOString() };
}

interface OpenActivation {
  readonly tokenHash: Buffer;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly expiresAt: Date;
  readonly pendingTotpSecret: string | null;
}

async function openActivation(db: Queryable, code: string, lock: boolean): Promise<OpenActivation> {
  if (!CODE.test(code)) throw new DashboardError(DashboardErrorCode.ACTIVATION_INVALID);
  const { rows } = await db.query<{ user_id: string; username: string; display_name: string; expires_at: Date; pending_totp_secret: string | null }>(
    `SELECT a.user_id, u.username, u.display_name, a.expires_at, a.pending_totp_secret
     FROM user_activations a JOIN users u ON u.id = a.user_id
     WHERE a.token_hash = $1 AND a.used_at IS NULL AND a.expires_at > now() AND u.disabled_at IS NULL${lock ? ' FOR UPDATE OF a' : ''}`,
    [hashOf(code)],
  );
  const r = rows[0];
  if (!r) throw new DashboardError(DashboardErrorCode.ACTIVATION_INVALID);
  return { tokenHash: hashOf(code), userId: r.user_id, username: r.username, displayName: r.display_name, expiresAt: r.expires_at, pendingTotpSecret: r.pending_totp_secret };
}

/**
 * Opening the link: who the account is, and the authenticator secret to enrol (made on the first call and
 * kept with the activation, so a reload shows the same one).
 */
export async function beginActivation(deps: AuthDeps, code: string): Promise<ActivationInfo> {
  return withTransaction(deps.db, async (tx) => {
    const a = await openActivation(tx, code, true);
    let secret = a.pendingTotpSecret === null ? null : deps.cipher.decrypt(a.userId, a.pendingTotpSecret);
    if (secret === null) {
      secret = newTotp(deps.totpIssuer, a.username).secret;
      await tx.query('UPDATE user_activations SET pending_totp_secret = $2 WHERE token_hash = $1', [a.tokenHash, deps.cipher.encrypt(a.userId, secret)]);
    }
    return { username: a.username, displayName: a.displayName, expiresAt: a.expiresAt.toISOString(), totpUri: totpUri(deps.totpIssuer, a.username, secret) };
  });
}

/** The chosen password and a code from the newly enrolled app: the account is theirs, and they are signed in. */
export async function completeActivation(
  deps: AuthDeps,
  body: { code: string; password: string; totpCode: string },
  meta: RequestMeta,
): Promise<NewSession & { userId: string }> {
  const passwordHash = await hashPassword(body.password);
  const outcome = await withTransaction(deps.db, async (tx) => {
    const a = await openActivation(tx, body.code, true);
    if (a.pendingTotpSecret === null) throw new DashboardError(DashboardErrorCode.ACTIVATION_INVALID, 'open the activation link first');
    const step = totpStep(deps.cipher.decrypt(a.userId, a.pendingTotpSecret), body.totpCode, deps.now());
    if (step === null) return { refused: true as const, username: a.username };
    await tx.query(
      `UPDATE users SET password_hash = $2, password_changed_at = now(), totp_secret = $3, totp_enabled_at = now(), totp_last_step = $4 WHERE id = $1`,
      [a.userId, passwordHash, a.pendingTotpSecret, step],
    );
    await tx.query('UPDATE user_activations SET used_at = now(), used_from = $2::inet, pending_totp_secret = NULL WHERE token_hash = $1', [a.tokenHash, meta.ip]);
    await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [a.userId]);
    const session = await createSession(tx, { userId: a.userId, mfaPending: false, times: deps.times, ...meta });
    return { refused: false as const, username: a.username, userId: a.userId, session };
  });
  if (outcome.refused) {
    deps.log.warn({ username: outcome.username, ip: meta.ip }, 'activation refused: wrong code from the authenticator app');
    throw new DashboardError(DashboardErrorCode.MFA_INVALID);
  }
  deps.log.info({ username: outcome.username, ip: meta.ip }, 'account activated: own password and second factor set');
  return { ...outcome.session, userId: outcome.userId };
}

/** Whether an account waits for its activation, and until when (the users page shows it). */
export const PENDING_ACTIVATION_SQL = `(SELECT max(a.expires_at) FROM user_activations a WHERE a.user_id = u.id AND a.used_at IS NULL AND a.expires_at > now())`;

