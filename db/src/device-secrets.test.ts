import { describe, expect, it } from 'vitest';
import { DeviceSecretKeys, deviceSecretKeysFromEnv, generateDeviceSecret, legacyArgon2DeviceSecretHash } from './device-secrets.js';

const keys = DeviceSecretKeys.parse(DeviceSecretKeys.generate());

describe('device secrets', () => {
  it('are 256 random bits in base64url, different every time', () => {
    const a = generateDeviceSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(generateDeviceSecret()).not.toBe(a);
  });

  it('are stored as an HMAC-SHA-256 under a named server key, with no trace of the secret', () => {
    const secret = generateDeviceSecret();
    const hash = keys.hash(secret);
    expect(hash).toMatch(/^\$hmac-sha256\$k=[A-Za-z0-9_-]{11}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(secret);
    expect(keys.hash(secret)).toBe(hash);
    expect(DeviceSecretKeys.parse(DeviceSecretKeys.generate()).hash(secret)).not.toBe(hash);
  });

  it('verify the right secret at once and refuse a wrong, malformed or oversized one without throwing', () => {
    const secret = generateDeviceSecret();
    const hash = keys.hash(secret);
    expect(keys.verify(hash, secret)).toEqual({ ok: true, upgrade: null });
    for (const wrong of [generateDeviceSecret(), '', 'x'.repeat(65_536)]) expect(keys.verify(hash, wrong)).toEqual({ ok: false, upgrade: null });
    for (const junk of ['$hmac-sha256$k=garbage$x', 'plaintext', hash.slice(0, -1)]) expect(keys.verify(junk, secret)).toEqual({ ok: false, upgrade: null });
    // a hash under a key this process does not have
    expect(DeviceSecretKeys.parse(DeviceSecretKeys.generate()).verify(hash, secret)).toEqual({ ok: false, upgrade: null });
  });

  it('verify argon2id hashes from before, once, with the keyed hash to store instead', async () => {
    const secret = generateDeviceSecret();
    const legacy = await legacyArgon2DeviceSecretHash(secret, { memoryCost: 1024, timeCost: 1 });
    expect(keys.isLegacy(legacy)).toBe(true);
    expect(await keys.verify(legacy, secret)).toEqual({ ok: true, upgrade: keys.hash(secret) });
    expect(await keys.verify(legacy, generateDeviceSecret())).toEqual({ ok: false, upgrade: null });
    expect(await keys.verify('$argon2id$garbage', secret)).toEqual({ ok: false, upgrade: null });
  });

  it('rotate keys: the first key hashes, older ones still verify and ask for a re-hash under the first', () => {
    const old = DeviceSecretKeys.generate();
    const current = DeviceSecretKeys.generate();
    const secret = generateDeviceSecret();
    const before = DeviceSecretKeys.parse(old).hash(secret);
    const rotated = DeviceSecretKeys.parse(`${current},${old}`);
    expect(rotated.verify(before, secret)).toEqual({ ok: true, upgrade: rotated.hash(secret) });
    expect(rotated.hash(secret)).toBe(DeviceSecretKeys.parse(current).hash(secret));
  });

  it('come from DEVICE_SECRET_KEYS, refusing short keys and a missing one with a clear error', () => {
    expect(() => deviceSecretKeysFromEnv({})).toThrow(/DB_ERR_DEVICE_SECRET_KEY|DEVICE_SECRET_KEYS/);
    expect(() => deviceSecretKeysFromEnv({ DEVICE_SECRET_KEYS: Buffer.alloc(16).toString('base64') })).toThrow(/at least 32/);
    expect(() => deviceSecretKeysFromEnv({ DEVICE_SECRET_KEY_FILE: '/nonexistent/key' })).toThrow(/DEVICE_SECRET_KEY_FILE/);
    expect(deviceSecretKeysFromEnv({ DEVICE_SECRET_KEYS: DeviceSecretKeys.generate() })).toBeInstanceOf(DeviceSecretKeys);
  });
});
