import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Session tokens: 32 random bytes (base64url) that live only in the browser's httpOnly cookie; the
 * database keeps their SHA-256 (`sessions.token_hash`), which is what dispatch's Authenticator looks up.
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
