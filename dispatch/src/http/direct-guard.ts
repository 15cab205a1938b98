import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '@aware/protocol';
import { DispatchError, DispatchErrorCode } from '../errors.js';
import type { LeaderRelay } from './relay.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Dispatch's own listener (DISPATCH_HTTP_PORT) is for other nodes and for tools, not for browsers: the
 * console is the dashboard's server, whose request guard (origin, CSRF token) covers the same routes.
 * So here, for every `/api/` request that no node relayed (a relayed one passed that guard on the node
 * it came in on, and carries the signed relay header):
 * - a request that names an origin must name one of DISPATCH_ALLOWED_ORIGINS (none by default: browsers
 *   do not come here);
 * - a state-changing request must not ride on the session cookie (an ambient credential a browser
 *   sends by itself): tools authenticate with `Authorization: Bearer`.
 */
export function directRequestGuard(relay: LeaderRelay, allowedOrigins: readonly string[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const routed = request.routeOptions.url;
    // by the route the router chose; an unrouted request (a 404 to be) is guarded all the same
    if (routed !== undefined && !routed.startsWith('/api/')) return;
    if (relay.relayedFor(request) !== null) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.includes(origin)) {
      return refuse(reply, new DispatchError(DispatchErrorCode.ORIGIN_REFUSED, `${origin}: the console is served by the dashboard`));
    }
    const bearer = typeof request.headers.authorization === 'string' && request.headers.authorization.startsWith('Bearer ');
    if (!SAFE_METHODS.has(request.method) && !bearer && request.headers.cookie !== undefined) {
      return refuse(reply, new DispatchError(DispatchErrorCode.FORBIDDEN, 'a session cookie is accepted here only through the console; tools use Authorization: Bearer'));
    }
  };
}

async function refuse(reply: FastifyReply, error: DispatchError): Promise<void> {
  const body: ErrorBody = { code: error.code, message: error.message, statusCode: error.statusCode };
  await reply.code(body.statusCode).header('cache-control', 'no-store').send(body);
}
