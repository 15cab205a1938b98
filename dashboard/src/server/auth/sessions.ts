import { hashSessionToken, newSessionToken, type Queryable } from '@aware/db';

export interface NewSession {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface SessionTimes {
  /** A signed-in session ends after this much inactivity ... */
  readonly idleMs: number;
  /** ... and after this long in any case. */
  readonly maxMs: number;
  /** A session waiting for its second factor ends after this long. */
  readonly mfaWindowMs: number;
}

/**
 * Creates a session row. `mfaPending` sessions are refused by every route (dispatch's included) until
 * the second factor replaces them with a new session (a new token: the one seen before the second
 * factor is never promoted).
 */
export async function createSession(
  db: Queryable,
  o: { userId: string; mfaPending: boolean; times: SessionTimes; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = newSessionToken();
  const lifetimeMs = o.mfaPending ? o.times.mfaWindowMs : Math.min(o.times.idleMs, o.times.maxMs);
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO sessions (token_hash, user_id, expires_at, mfa_pending, ip, user_agent)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4, $5, $6) RETURNING expires_at`,
    [hashSessionToken(token), o.userId, lifetimeMs, o.mfaPending, o.ip, o.userAgent?.slice(0, 500) ?? null],
  );
  return { token, expiresAt: rows[0]!.expires_at };
}

/**
 * Activity: the idle timeout starts again, never past the session's maximum age. Returns the new end,
 * or null when the session is no longer current.
 */
export async function touchSession(db: Queryable, tokenHash: string, times: SessionTimes): Promise<Date | null> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `UPDATE sessions SET last_seen_at = now(),
            expires_at = least(created_at + $2 * interval '1 millisecond', now() + $3 * interval '1 millisecond')
     WHERE token_hash = $1 AND revoked_at IS NULL AND NOT mfa_pending AND expires_at > now()
     RETURNING expires_at`,
    [tokenHash, times.maxMs, times.idleMs],
  );
  return rows[0]?.expires_at ?? null;
}

export async function revokeSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
}

/** Ends every session of a user (disabled account, new credentials), but the one of `keepTokenHash`. */
export async function revokeUserSessions(db: Queryable, userId: string, keepTokenHash: string | null = null): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $2', [userId, keepTokenHash]);
}
