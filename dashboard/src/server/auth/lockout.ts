import type { Queryable } from '@aware/db';

export interface LockoutPolicy {
  /** Failures in a row (password or second factor) that lock the account ... */
  readonly after: number;
  /** ... for this long. */
  readonly forMs: number;
}

/**
 * Counts a failed password or code. The count starts again once an earlier lock has run out; reaching
 * `after` locks the account until `now + forMs`. Returns the lock's end when the account is locked now.
 * Only a complete sign-in (both factors) resets the count, so the right password does not buy more
 * guesses at the code.
 */
export async function recordFailure(db: Queryable, userId: string, policy: LockoutPolicy): Promise<Date | null> {
  const { rows } = await db.query<{ locked_until: Date | null; locked: boolean }>(
    `WITH prev AS (
       SELECT CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 0 ELSE failed_logins END AS failed
       FROM users WHERE id = $1 FOR UPDATE)
     UPDATE users u SET failed_logins = prev.failed + 1, last_failed_login_at = now(),
            locked_until = CASE WHEN prev.failed + 1 >= $2 THEN now() + $3 * interval '1 millisecond'
                                WHEN u.locked_until <= now() THEN NULL ELSE u.locked_until END
     FROM prev WHERE u.id = $1
     RETURNING u.locked_until, coalesce(u.locked_until > now(), false) AS locked`,
    [userId, policy.after, policy.forMs],
  );
  const row = rows[0];
  return row?.locked ? row.locked_until : null;
}

/** A complete sign-in: the count starts again. */
export async function recordSuccess(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1', [userId]);
}
