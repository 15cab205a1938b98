import { randomBytes } from 'node:crypto';
import { hashPassword } from '@aware/db';
import type { TotpCipher } from '../auth/totp-cipher.js';
import { newTotp } from '../auth/totp.js';

export interface FreshCredentials {
  readonly password: string;
  readonly passwordHash: string;
  /** Encrypted for the user's row. */
  readonly totpSecret: string;
  readonly totpUri: string;
}

/**
 * A random initial password (18 bytes, base64url: 24 characters) and a new TOTP secret for `userId`.
 * The plain values are returned once, to be handed over; only the hash and the encrypted secret are kept.
 */
export async function freshCredentials(cipher: TotpCipher, issuer: string, userId: string, username: string): Promise<FreshCredentials> {
  const password = randomBytes(18).toString('base64url');
  const totp = newTotp(issuer, username);
  return { password, passwordHash: await hashPassword(password), totpSecret: cipher.encrypt(userId, totp.secret), totpUri: totp.uri };
}
