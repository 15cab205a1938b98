import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The session cookie's name (browsers); tools send the same token as `Authorization: Bearer`. */
export const SESSION_COOKIE = 'aware_session';
const SESSION_TOKEN = /^[A-Za-z0-9_-]{16,512}$/;

/**
 * Session tokens: 32 random bytes (base64url) that live only in the browser's httpOnly cookie; the
 * database keeps their SHA-256 (`sessions.token_hash`), which is what every lookup (find-session.ts) uses.
 * The one owner of tokens for the dashboard (which issues them) and dispatch (which checks them).
 */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session: an HMAC keyed with the session token itself. Whoever can compute it
 * already holds the session token, which a page of another origin cannot read (httpOnly cookie), so
 * nothing needs to be stored and a new session (after the second factor) has a new one.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('aware-csrf-v1').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The session token of a request: `Authorization: Bearer` (tools) or the `aware_session` cookie (browsers).
 * Our tokens are base64url, which a cookie carries as it is: anything else (percent-encoding, even
 * malformed) is not a session of ours, and is no session rather than an error.
 */
export function sessionTokenFrom(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const auth = headers['authorization'];
  if (typeof auth === 'string' && /^Bearer [A-Za-z0-9._~+/=-]{16,512}$/.test(auth)) return auth.slice(7);
  const cookie = headers['cookie'];
  if (typeof cookie !== 'string') return null;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return SESSION_TOKEN.test(value) ? value : null;
    }
  }
  return null;
}
