import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DashboardError, DashboardErrorCode } from '../errors.js';

const VERSION = 'v1';

/**
 * TOTP secrets at rest (`users.totp_secret`): AES-256-GCM, a fresh 96-bit nonce per encryption, the
 * user's id as associated data (a secret copied into another user's row does not decrypt).
 * Stored as `v1.<nonce>.<tag>.<ciphertext>`, base64url parts.
 */
export class TotpCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new DashboardError(DashboardErrorCode.TOTP_KEY, 'need 32 bytes');
  }

  encrypt(userId: string, secretBase32: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
    return [VERSION, nonce, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** The base32 secret; throws DSH_ERR_TOTP_KEY when it was encrypted with another key or altered. */
  decrypt(userId: string, stored: string): string {
    const [version, nonce, tag, ciphertext] = stored.split('.');
    if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new DashboardError(DashboardErrorCode.TOTP_KEY, 'unknown TOTP secret format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(userId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new DashboardError(DashboardErrorCode.TOTP_KEY, 'a TOTP secret does not decrypt with this key', { cause: error });
    }
  }
}
