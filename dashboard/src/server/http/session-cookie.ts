import { SESSION_COOKIE, sessionTokenFrom } from '@aware/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardConfig } from '../config.js';

/**
 * The session cookie `aware_session` (@aware/db's session-token.ts: the one owner of tokens): httpOnly, SameSite=Strict,
 * Path=/api (only the API needs it; the live feed is /api/live), no Max-Age (gone with the browser; the
 * server's expiry rules anyway). Secure unless the dashboard is reached over plain HTTP on a loopback
 * address, which only happens in development (DASHBOARD_SECURE_COOKIES=auto).
 */
export function setSessionCookie(config: DashboardConfig, request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/api', secure: cookieSecure(config, request) });
}

export function clearSessionCookie(config: DashboardConfig, request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/api', secure: cookieSecure(config, request) });
}

export function cookieSecure(config: DashboardConfig, request: FastifyRequest): boolean {
  if (config.secureCookies !== 'auto') return config.secureCookies;
  return !(request.protocol === 'http' && isLoopback(request.hostname));
}

/** The session token of a request: `Authorization: Bearer` (tools) or the cookie (browsers). */
export function sessionTokenOf(request: FastifyRequest): string | null {
  return sessionTokenFrom(request.headers);
}

export function usesBearer(request: FastifyRequest): boolean {
  return typeof request.headers.authorization === 'string' && request.headers.authorization.startsWith('Bearer ');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
