import { hashSessionToken, sessionTokenFrom, type Principal, type Queryable } from '@aware/db';
import type { Clock } from '../clock.js';
import { DispatchError, DispatchErrorCode } from '../errors.js';
import { isRejectedByDatabase } from '../durable/db-errors.js';
import { findSessionPrincipal } from './find-session.js';


/** While the database is down, a session seen this recently is still trusted (consoles must keep working). */
const OUTAGE_GRACE_MS = 15 * 60_000;

/**
 * Session tokens -> principals. The token comes from the httpOnly cookie `aware_session` (browsers) or
 * `Authorization: Bearer` (tools, tests); only its SHA-256 is looked up (`sessions.token_hash`). Results
 * are cached for `cacheMs`, and forgotten at once when the database announces a change of that user
 * (`forgetUser`: signed out, disabled, roles changed; migration 0019) or when the announcements may have
 * been missed (`forgetAll`, after the listener reconnects).
 *
 * During a database outage a session looked up within the last 15 minutes is still accepted, and one
 * never seen is refused with DSP_ERR_DATABASE_UNAVAILABLE (503). Why: the control rooms must not go blind
 * while PostgreSQL is away (alarms still flow from the journal), and nobody can sign out, be disabled or
 * lose a role during the outage either (those are database writes); whatever changed before it was
 * announced and forgotten.
 */
export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly cacheMs: number,
    private readonly clock: Clock,
  ) {}

  /** The session token of a request (cookie or Bearer); see @aware/db's session-token.ts. */
  static tokenFrom(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
    return sessionTokenFrom(headers);
  }

  static hash(token: string): string {
    return hashSessionToken(token);
  }

  /** The principal of `token`; throws DSP_ERR_UNAUTHENTICATED when there is none. */
  async principal(token: string | null): Promise<Principal> {
    if (!token) throw new DispatchError(DispatchErrorCode.UNAUTHENTICATED);
    const hash = Authenticator.hash(token);
    const now = this.clock.now();
    const cached = this.cache.get(hash);
    if (cached && now - cached.at < this.cacheMs) return orUnauthenticated(cached.principal);
    let principal: Principal | null;
    try {
      principal = await findSessionPrincipal(this.db, hash);
    } catch (error) {
      if (!isRejectedByDatabase(error) && cached && now - cached.at < OUTAGE_GRACE_MS) return orUnauthenticated(cached.principal);
      throw new DispatchError(DispatchErrorCode.DATABASE_UNAVAILABLE, 'session lookup failed', { cause: error });
    }
    this.remember(hash, principal, now);
    return orUnauthenticated(principal);
  }

  /** The database announced a change of this user: her sessions are read afresh on their next use. */
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.cache) if (entry.principal?.userId === userId) this.cache.delete(hash);
  }

  /** Announcements may have been missed (the listener was away): everything is read afresh. */
  forgetAll(): void {
    this.cache.clear();
  }

  private remember(hash: string, principal: Principal | null, at: number): void {
    this.cache.delete(hash);
    this.cache.set(hash, { principal, at });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
  }
}

function orUnauthenticated(principal: Principal | null): Principal {
  if (!principal) throw new DispatchError(DispatchErrorCode.UNAUTHENTICATED);
  return principal;
}
