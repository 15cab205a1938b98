import type { Queryable } from '@aware/db';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardConfig } from '../config.js';
import { cookieSecure } from '../http/session-cookie.js';

/**
 * The device cookie (`aware_device`): a random value a browser receives when someone completes a sign-in
 * on it (password and, where required, code), stored server-side as its SHA-256 with that user. A later
 * attempt for that user from that browser is "trusted": sign-in throttling holds it back only by its own
 * failures (sign-in-throttle.ts). One value per browser; a shared control-room workstation is trusted for
 * each operator who signed in on it. httpOnly, SameSite=Strict, Path=/api/auth (only sign-in reads it),
 * kept for `DEVICE_TRUST_DAYS` after its last sign-in; trust is forgotten when a password is reset by an administrator.
 */
export const DEVICE_COOKIE = 'aware_device';
export const DEVICE_TRUST_DAYS = 180;
const VALUE = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (value: string) => createHash('sha256').update(value).digest();

/** The device cookie's value when it is well-formed. */
export function deviceValueOf(request: FastifyRequest): string | null {
  const value = request.cookies[DEVICE_COOKIE];
  return value && VALUE.test(value) ? value : null;
}

/** Whether this browser completed a sign-in as `username` within the trust period. */
export async function isTrusted(db: Queryable, value: string | null, username: string): Promise<boolean> {
  if (!value) return false;
  const { rowCount } = await db.query(
    `SELECT 1 FROM trusted_devices t JOIN users u ON u.id = t.user_id
     WHERE t.device_hash = $1 AND u.username = $2 AND t.last_used_at > now() - $3 * interval '1 day'`,
    [hashOf(value), username.toLowerCase(), DEVICE_TRUST_DAYS],
  );
  return (rowCount ?? 0) > 0;
}

/** After a complete sign-in: this browser is trusted for this user (a new cookie when it had none). */
export async function trustDevice(db: Queryable, config: DashboardConfig, request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const value = deviceValueOf(request) ?? randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO trusted_devices (user_id, device_hash) VALUES ($1, $2)
     ON CONFLICT (device_hash, user_id) DO UPDATE SET last_used_at = now()`,
    [userId, hashOf(value)],
  );
  void reply.setCookie(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/api/auth',
    secure: cookieSecure(config, request),
    maxAge: DEVICE_TRUST_DAYS * 24 * 3600,
  });
}

/** Forget every browser trusted for a user (an administrator reset the credentials). */
export async function forgetDevices(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM trusted_devices WHERE user_id = $1', [userId]);
}
