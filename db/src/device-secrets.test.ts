import { describe, expect, it } from 'vitest';
import { generateDeviceSecret, hashDeviceSecret, verifyDeviceSecret } from './device-secrets.js';

describe('device secrets', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const a = generateDeviceSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(generateDeviceSecret()).not.toBe(a);
  });

  it('hash to an argon2id PHC string with the configured cost and no trace of the secret', async () => {
    const secret = generateDeviceSecret();
    const hash = await hashDeviceSecret(secret, { memoryCost: 2048, timeCost: 1 });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=2048,p=1,t=1\$/);
    expect(hash).not.toContain(secret);
  });

  it('verify the right secret and refuse a wrong, malformed or oversized one without throwing', async () => {
    const secret = generateDeviceSecret();
    const hash = await hashDeviceSecret(secret);
    expect(await verifyDeviceSecret(hash, secret)).toBe(true);
    expect(await verifyDeviceSecret(hash, generateDeviceSecret())).toBe(false);
    expect(await verifyDeviceSecret(hash, '')).toBe(false);
    expect(await verifyDeviceSecret(hash, 'x'.repeat(65_536))).toBe(false);
    expect(await verifyDeviceSecret('$argon2id$garbage', secret)).toBe(false);
    expect(await verifyDeviceSecret('plaintext', secret)).toBe(false);
  });
});
