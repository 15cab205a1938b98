import { findSession, type Queryable } from '@aware/db';
import type { Principal } from './principal.js';

/** The user behind a session that is current and past its second factor; anything else is nobody. */
export async function findSessionPrincipal(db: Queryable, tokenHash: string): Promise<Principal | null> {
  const session = await findSession(db, tokenHash);
  return session && !session.mfaPending ? session.principal : null;
}
