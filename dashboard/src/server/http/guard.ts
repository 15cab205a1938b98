import type { Principal } from '@aware/db';
import type { Role } from '@aware/protocol';
import type { FastifyRequest } from 'fastify';
import { findSession, hashSessionToken, type Queryable, type SessionRecord } from '@aware/db';
import { DashboardError, DashboardErrorCode } from '../errors.js';
import { sessionTokenOf } from './session-cookie.js';

/** The signed-in session of a request (second factor done); DSH_ERR_UNAUTHENTICATED otherwise. */
export async function signedIn(db: Queryable, request: FastifyRequest): Promise<SessionRecord & { token: string }> {
  const token = sessionTokenOf(request);
  const session = token ? await findSession(db, hashSessionToken(token)) : null;
  if (!token || !session || session.mfaPending) throw new DashboardError(DashboardErrorCode.UNAUTHENTICATED);
  return { ...session, token };
}

/** The principal of a request that holds one of `roles`; DSH_ERR_UNAUTHENTICATED / _FORBIDDEN otherwise. */
export async function requireRole(db: Queryable, request: FastifyRequest, roles: readonly Role[]): Promise<Principal> {
  const { principal } = await signedIn(db, request);
  if (!principal.roles.some((r) => roles.includes(r))) throw new DashboardError(DashboardErrorCode.FORBIDDEN, `needs one of: ${roles.join(', ')}`);
  return principal;
}
