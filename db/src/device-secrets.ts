import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Pendant secrets are 256-bit random values (`generateDeviceSecret`), so there is nothing to guess:
 * the hash only has to make a leaked `devices` table useless, not to slow down a dictionary attack on
 * human passwords. What it must do is keep a mass reconnect workable: after a broker restart all
 * 10,000 pendants of a region reconnect within a minute, and every CONNECT costs one verify on a
 * 2-core machine that is also carrying alarms.
 *
 * Measured with argon2@0.45 (argon2id, p=1) on this 2-core machine, sequential / saturated (4 libuv threads):
 *   m=4096 KiB t=1:   2.9 ms / 1.2 ms per verify  (~810 verifies/s)
 *   m=4096 KiB t=2:   4.8 ms / 2.3 ms per verify  (~430 verifies/s)  <- default: 10,000 pendants in ~23 s
 *   m=8192 KiB t=2:  10.3 ms / 4.9 ms per verify  (~205 verifies/s) (10,000 pendants in ~49 s)
 *   m=19456 KiB t=2: 23.7 ms / 11.9 ms per verify (~84 verifies/s)  (OWASP for passwords: 10,000 in ~2 min)
 * Configurable with DEVICE_SECRET_ARGON2_MEMORY_KIB / DEVICE_SECRET_ARGON2_TIME_COST (see config.ts);
 * existing hashes keep their own parameters (they are in the PHC string), so a change applies on rotation.
 */
export const DEVICE_SECRET_ARGON2_DEFAULTS = Object.freeze({ memoryCost: 4096, timeCost: 2, parallelism: 1 });

export interface Argon2Cost {
  readonly memoryCost: number;
  readonly timeCost: number;
}

/** Secrets are 32 random bytes, base64url: exactly 43 characters. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh 256-bit device secret, base64url. Shown once for provisioning, never stored. */
export function generateDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** argon2id PHC string of a device secret. */
export function hashDeviceSecret(secret: string, cost: Argon2Cost = DEVICE_SECRET_ARGON2_DEFAULTS): Promise<string> {
  return argon2.hash(secret, {
    type: argon2.argon2id,
    memoryCost: cost.memoryCost,
    timeCost: cost.timeCost,
    parallelism: 1,
  });
}

/**
 * True when `secret` matches `hash`. Never throws: a malformed hash or a secret that cannot be one of
 * ours (wrong length or alphabet, e.g. a 64 KiB MQTT password) is a plain `false`, decided before any
 * argon2 work so junk CONNECTs cost nothing.
 */
export async function verifyDeviceSecret(hash: string, secret: string): Promise<boolean> {
  if (!SECRET_PATTERN.test(secret) || !hash.startsWith('$argon2id$')) return false;
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}
