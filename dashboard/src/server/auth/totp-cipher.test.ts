import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TotpCipher } from './totp-cipher.js';

describe('TOTP secrets at rest', () => {
  const cipher = new TotpCipher(randomBytes(32));

  it('decrypt to what was encrypted, with a fresh nonce each time', () => {
    const a = cipher.encrypt('user-1', 'JBSWY3DPEHPK3PXP');
    const b = cipher.encrypt('user-1', 'JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(cipher.decrypt('user-1', a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it("do not decrypt in another user's row, with another key, or altered", () => {
    const stored = cipher.encrypt('user-1', 'JBSWY3DPEHPK3PXP');
    expect(() => cipher.decrypt('user-2', stored)).toThrow(/DSH_ERR_TOTP_KEY|does not decrypt/);
    expect(() => new TotpCipher(randomBytes(32)).decrypt('user-1', stored)).toThrow(/does not decrypt/);
    const parts = stored.split('.');
    parts[3] = Buffer.from('AAAAAAAAAAAAAAAA').toString('base64url');
    expect(() => cipher.decrypt('user-1', parts.join('.'))).toThrow(/does not decrypt/);
  });

  it('refuse a key of the wrong size', () => {
    expect(() => new TotpCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
