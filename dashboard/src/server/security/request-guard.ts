import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../../contract/auth.js';
import { csrfMatches } from '@aware/db';
import { DashboardErrorCode, errorBody } from '../errors.js';
import { sessionTokenOf, usesBearer } from '../http/session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HEADER_ONLY = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/activation', '/api/auth/activation/complete']);

/**
 * Cross-site request defences for every `/api/` route, dispatch's included (an `onRequest` hook on the
 * root instance, added before any route plugin, runs for all of them):
 *
 * 1. The session cookie is SameSite=Strict: a browser does not send it with a request another site starts.
 * 2. Origin: a request that names an origin (browsers do for every POST and every WebSocket handshake)
 *    must name the dashboard's own or one in DASHBOARD_ALLOWED_ORIGINS. `Sec-Fetch-Site: cross-site`
 *    is refused as well. This is what protects the live feed's WebSocket (no CORS for WebSockets).
 * 3. CSRF token (state-changing methods): a request that authenticates with the cookie must carry
 *    `x-aware-csrf` equal to the session's CSRF token (an HMAC of the session token, see
 *    session-token.ts; the SPA gets it from `GET /api/auth/session`). Without a session (sign-in) the
 *    header must still be present: a custom header cannot be sent cross-origin without a CORS preflight,
 *    which this server never approves. Sign-in and sign-out need only that header, not the token: a
 *    browser may still hold the cookie of a session that has ended, whose token the page cannot know.
 *    Bearer-token requests carry no ambient credential and are exempt.
 *
 * Refusals are answered here, as `ErrorBody`, before any route or body parsing runs.
 */
export function requestGuard(allowedOrigins: readonly string[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // by the route the router chose (it decodes `/%61pi/...` to `/api/...`), and every state-changing
    // request whatever its path: only navigations and assets outside /api/ go unguarded
    if (SAFE_METHODS.has(request.method) && !isApiPath(request)) return;
    const origin = request.headers.origin;
    const own = `${request.protocol}://${request.host}`;
    if (request.headers['sec-fetch-site'] === 'cross-site' || (origin !== undefined && origin !== own && !allowedOrigins.includes(origin))) {
      return refuse(reply, DashboardErrorCode.ORIGIN_REFUSED, origin ?? 'cross-site');
    }
    if (SAFE_METHODS.has(request.method) || usesBearer(request)) return;
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200) return refuse(reply, DashboardErrorCode.CSRF);
    const token = sessionTokenOf(request);
    if (token !== null && !HEADER_ONLY.has(request.url) && !csrfMatches(token, presented)) return refuse(reply, DashboardErrorCode.CSRF);
  };
}

/** Whether the request goes to an API route, judged as the router judges it (decoded), not by the raw URL. */
function isApiPath(request: FastifyRequest): boolean {
  const routed = request.routeOptions.url;
  if (routed !== undefined) return routed.startsWith('/api/');
  const raw = request.url.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return true; // undecodable: not a path of ours, guard it
  }
  return decoded.replace(/\/{2,}/g, '/').toLowerCase().startsWith('/api/');
}

async function refuse(reply: FastifyReply, code: DashboardErrorCode, detail?: string): Promise<void> {
  const body = errorBody(code, detail);
  await reply.code(body.statusCode).header('cache-control', 'no-store').send(body);
}
