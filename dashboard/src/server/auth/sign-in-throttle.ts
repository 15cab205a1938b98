import type { Queryable } from '@aware/db';
import type { Logger } from 'pino';
import { DashboardError, DashboardErrorCode } from '../errors.js';

/**
 * Sign-in throttling without lock-out. A lock-out is a weapon: whoever knows an operator's user name can
 * keep that operator out of the control room at shift change. Instead, failed attempts (password, code,
 * current password on a change) are kept for a day, and an attempt waits when one of three counts, over
 * the last `windowMs`, has reached its free allowance; each failure beyond it doubles the wait, up to
 * `maxDelayMs`:
 * - **pair**: this address, this user name. Stops guessing one account from one place, including a user
 *   who keeps mistyping; nobody else is held back by it.
 * - **address**: this address, any user name (unknown names too). Stops one place spraying many accounts,
 *   and bounds the password hashing a single address can make the server do.
 * - **account**: this user name, from browsers it never signed in on. Stops a guess spread over many
 *   addresses.
 * A browser on which the user completed a sign-in (both factors) holds a device cookie (see
 * trusted-device.ts); for that user it is held back only by its own pair count. So an attacker can slow
 * himself and strangers' browsers, never the operator at her own workstation with the right password and
 * code. Refused attempts are checked before any password hashing (429 with Retry-After), so they cost a
 * query, not an argon2 verification. The state is in PostgreSQL: every console node applies the same counts.
 */
export interface ThrottlePolicy {
  readonly pairFree: number;
  readonly addressFree: number;
  readonly accountFree: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

export type AttemptStep = 'password' | 'code' | 'password_change';

export interface Attempt {
  /** As typed; compared in lower case. */
  readonly username: string;
  readonly address: string | null;
  /** The browser completed a sign-in as this user before (device cookie). */
  readonly trusted: boolean;
}

interface Counts {
  pair_n: number;
  pair_last: Date | null;
  address_n: number;
  address_last: Date | null;
  account_n: number;
  account_last: Date | null;
  now: Date;
}

const COUNTS = `
SELECT count(*) FILTER (WHERE address IS NOT DISTINCT FROM $1::inet AND username = $2)::int AS pair_n,
       max(at) FILTER (WHERE address IS NOT DISTINCT FROM $1::inet AND username = $2) AS pair_last,
       count(*) FILTER (WHERE address IS NOT DISTINCT FROM $1::inet)::int AS address_n,
       max(at) FILTER (WHERE address IS NOT DISTINCT FROM $1::inet) AS address_last,
       count(*) FILTER (WHERE username = $2 AND NOT trusted)::int AS account_n,
       max(at) FILTER (WHERE username = $2 AND NOT trusted) AS account_last,
       now() AS now
FROM sign_in_failures
WHERE at > now() - $3 * interval '1 millisecond' AND (address IS NOT DISTINCT FROM $1::inet OR username = $2)`;

/** When the next attempt of `a` may be made (epoch ms); `null` when it may be made now. */
export async function heldUntil(db: Queryable, policy: ThrottlePolicy, a: Attempt): Promise<number | null> {
  const { rows } = await db.query<Counts>(COUNTS, [a.address, a.username.toLowerCase(), policy.windowMs]);
  const c = rows[0]!;
  const until = (n: number, last: Date | null, free: number) => (last && n >= free ? last.getTime() + Math.min(policy.baseDelayMs * 2 ** (n - free), policy.maxDelayMs) : 0);
  const latest = Math.max(
    until(c.pair_n, c.pair_last, policy.pairFree),
    a.trusted ? 0 : until(c.address_n, c.address_last, policy.addressFree),
    a.trusted ? 0 : until(c.account_n, c.account_last, policy.accountFree),
  );
  return latest > c.now.getTime() ? latest : null;
}

/** Refuses the attempt (DSH_ERR_TOO_MANY_ATTEMPTS, 429, with the wait) when it must wait, and logs it. */
export async function assertMayAttempt(db: Queryable, policy: ThrottlePolicy, a: Attempt, step: AttemptStep, now: number, log: Logger): Promise<void> {
  const until = await heldUntil(db, policy, a);
  if (until === null) return;
  log.warn({ event: 'security.sign_in_throttled', trusted: a.trusted, step }, 'sign-in attempt held back');
  throw tooManyAttempts(until, now);
}

export function tooManyAttempts(until: number, now: number): DashboardError {
  const retryAfterS = Math.max(1, Math.ceil((until - now) / 1000));
  return new DashboardError(DashboardErrorCode.TOO_MANY_ATTEMPTS, `try again in ${retryAfterS} s`, { retryAfterS });
}

/** Counts a failed attempt; failures older than a day go (a few at a time, so the table stays small). */
export async function recordFailure(db: Queryable, a: Attempt, step: AttemptStep): Promise<void> {
  await db.query(
    `WITH old AS (DELETE FROM sign_in_failures WHERE id IN (SELECT id FROM sign_in_failures WHERE at < now() - interval '1 day' ORDER BY at LIMIT 100))
     INSERT INTO sign_in_failures (address, username, trusted, step) VALUES ($1::inet, $2, $3, $4)`,
    [a.address, a.username.toLowerCase().slice(0, 200), a.trusted, step],
  );
}

/** A complete sign-in: this address's failures for this name are forgiven (the others stand). */
export async function forgivePair(db: Queryable, a: Attempt): Promise<void> {
  await db.query(`DELETE FROM sign_in_failures WHERE address IS NOT DISTINCT FROM $1::inet AND username = $2`, [a.address, a.username.toLowerCase()]);
}

/** An administrator releases a user name from every count (the `unlock` user action). */
export async function forgiveAccount(db: Queryable, username: string): Promise<void> {
  await db.query(`DELETE FROM sign_in_failures WHERE username = $1`, [username.toLowerCase()]);
}
