import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;

export interface NewTotp {
  /** Base32 secret, to be encrypted before it is stored. */
  readonly secret: string;
  /** `otpauth://totp/...`: shown once, for the authenticator app (as text or a QR code). */
  readonly uri: string;
}

export function newTotp(issuer: string, username: string): NewTotp {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpUri(issuer, username, secret) };
}

/** The `otpauth://` URI of a secret, for an authenticator app. */
export function totpUri(issuer: string, username: string, secretBase32: string): string {
  return new TOTP({ issuer, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) }).toString();
}

/**
 * The time step a code belongs to, or null when it is wrong. One step either side is accepted (clock
 * drift of the phone); the caller refuses a step not later than the last one accepted (replay).
 */
export function totpStep(secretBase32: string, code: string, nowMs: number): number | null {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) });
  const delta = totp.validate({ token: code, timestamp: nowMs, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: nowMs }) + delta;
}

/** The current code of a secret (tests, and the seed command's self-check). */
export function totpCode(secretBase32: string, nowMs: number): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) }).generate({ timestamp: nowMs });
}
