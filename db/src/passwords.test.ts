import { describe, expect, it } from 'vitest';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hash with argon2id at the OWASP parameters and verify', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it('refuse empty and oversized passwords before any hashing', async () => {
    await expect(hashPassword('')).rejects.toThrow(RangeError);
    await expect(hashPassword('x'.repeat(1025))).rejects.toThrow(RangeError);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$x$y', 'x'.repeat(1025))).toBe(false);
  });
});
