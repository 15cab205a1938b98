import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import argon2 from 'argon2';
import { DbError, DbErrorCode } from './errors.js';

/**
 * Pendant secrets are 256-bit random values (`generateDeviceSecret`): there is nothing to guess. A slow
 * hash (argon2id, as for human passwords) protects low-entropy secrets against offline guessing; against
 * a 256-bit value it adds nothing but cost, and that cost is paid on every CONNECT: after a broker
 * restart 10,000 pendants reconnected in ~74 s, most of it argon2 (issue 14). So device secrets are
 * stored as a keyed hash: HMAC-SHA-256 under a server-side key that is kept outside the database
 * (`DEVICE_SECRET_KEYS`, the platform's secret store). A leaked `devices` table without the key gives
 * nothing to test a secret against; with the key, still 2^256 candidates. Comparison is constant-time.
 *
 * Stored form: `$hmac-sha256$k=<key id>$<base64url MAC>`; the key id names which of the configured keys
 * made it, so keys can be rotated: the first key hashes, every key verifies, and a login verified under
 * an older key is re-hashed under the first (`upgrade`). Hashes made before this scheme (argon2id PHC
 * strings) still verify, once, and are then replaced by the keyed form on that login (transparent
 * migration). Human passwords keep argon2id (passwords.ts).
 */
export const DEVICE_SECRET_HMAC_PREFIX = '$hmac-sha256$';
const LEGACY_PREFIX = '$argon2id$';
const KEY_BYTES_MIN = 32;

/** Secrets are 32 random bytes, base64url: exactly 43 characters. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HMAC_PATTERN = /^\$hmac-sha256\$k=([A-Za-z0-9_-]{11})\$([A-Za-z0-9_-]{43})$/;

/** A fresh 256-bit device secret, base64url. Shown once for provisioning, never stored. */
export function generateDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The outcome of checking a secret: whether it matches, and the hash to store instead when it should change. */
export interface SecretCheck {
  readonly ok: boolean;
  /** Set when `ok` and the stored hash is of an older form (argon2id, or an older key): store this one. */
  readonly upgrade: string | null;
}

/** The server-side keys device secrets are hashed with. */
export class DeviceSecretKeys {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: string;

  /** `keys`: the current key first, then older ones still accepted. Each at least 32 bytes. */
  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new DbError(DbErrorCode.DEVICE_SECRET_KEY, 'no key given');
    const map = new Map<string, Buffer>();
    for (const key of keys) {
      if (key.length < KEY_BYTES_MIN) throw new DbError(DbErrorCode.DEVICE_SECRET_KEY, `a key has ${key.length} bytes, at least ${KEY_BYTES_MIN} are needed`);
      map.set(keyId(key), key);
    }
    this.#keys = map;
    this.#current = keyId(keys[0]!);
  }

  /** `DEVICE_SECRET_KEYS` syntax: base64 (or base64url) keys, comma-separated, current first. */
  static parse(text: string): DeviceSecretKeys {
    const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
    // Node's base64 decoder takes the base64url alphabet too
    return new DeviceSecretKeys(parts.map((p) => Buffer.from(p, 'base64')));
  }

  /** A fresh random key in the `DEVICE_SECRET_KEYS` syntax. */
  static generate(): string {
    return randomBytes(32).toString('base64');
  }

  /** The stored form of a secret, under the current key. */
  hash(secret: string): string {
    return `${DEVICE_SECRET_HMAC_PREFIX}k=${this.#current}$${this.#mac(this.#keys.get(this.#current)!, secret)}`;
  }

  /** True for a hash that takes the slow path (argon2id from before the keyed scheme). */
  isLegacy(hash: string): boolean {
    return hash.startsWith(LEGACY_PREFIX);
  }

  /**
   * Checks `secret` against a stored hash. Never throws: a malformed hash, a hash under a key that is not
   * configured, or a secret that cannot be one of ours (wrong length or alphabet, e.g. a 64 KiB MQTT
   * password) is a plain no, decided before any hashing. Keyed hashes answer synchronously (microseconds);
   * argon2id ones take milliseconds on the libuv pool.
   */
  verify(hash: string, secret: string): SecretCheck | Promise<SecretCheck> {
    if (!SECRET_PATTERN.test(secret)) return NO;
    const keyed = HMAC_PATTERN.exec(hash);
    if (keyed) {
      const key = this.#keys.get(keyed[1]!);
      if (!key) return NO;
      const ok = timingSafeEqual(Buffer.from(keyed[2]!), Buffer.from(this.#mac(key, secret)));
      return ok ? { ok, upgrade: keyed[1] === this.#current ? null : this.hash(secret) } : NO;
    }
    if (!this.isLegacy(hash)) return NO;
    return argon2.verify(hash, secret).then(
      (ok) => (ok ? { ok, upgrade: this.hash(secret) } : NO),
      () => NO,
    );
  }

  #mac(key: Buffer, secret: string): string {
    return createHmac('sha256', key).update('aware-device-secret\0').update(secret).digest('base64url');
  }
}

const NO: SecretCheck = Object.freeze({ ok: false, upgrade: null });

/** A short public name of a key (in each hash), never the key: 64 bits of SHA-256 over it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update('aware-device-secret-key-id\0').update(key).digest().subarray(0, 8).toString('base64url');
}

/**
 * The keys from the environment: `DEVICE_SECRET_KEYS` (keys, comma-separated, current first), else the
 * file `DEVICE_SECRET_KEY_FILE` (same syntax; the all-in-one process keeps one in its data folder).
 * Throws DB_ERR_DEVICE_SECRET_KEY when neither gives a key: every process that creates pendants or
 * checks their secrets needs the same keys, and a made-up key would lock every pendant out.
 */
export function deviceSecretKeysFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): DeviceSecretKeys {
  const inline = env['DEVICE_SECRET_KEYS']?.trim();
  if (inline) return DeviceSecretKeys.parse(inline);
  const file = env['DEVICE_SECRET_KEY_FILE']?.trim();
  if (!file) throw new DbError(DbErrorCode.DEVICE_SECRET_KEY, 'set DEVICE_SECRET_KEYS (openssl rand -base64 32) or DEVICE_SECRET_KEY_FILE');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DbError(DbErrorCode.DEVICE_SECRET_KEY, `cannot read DEVICE_SECRET_KEY_FILE ${file}`, { cause: error });
  }
  return DeviceSecretKeys.parse(text);
}

let processKeys: DeviceSecretKeys | null = null;

/** The keys of this process' environment, read once (for callers that are not handed keys explicitly). */
export function processDeviceSecretKeys(): DeviceSecretKeys {
  processKeys ??= deviceSecretKeysFromEnv();
  return processKeys;
}

/**
 * An argon2id hash of a device secret as made before the keyed scheme, for tests of the migration and
 * for benchmarks of the old path. Never used for new secrets.
 */
export function legacyArgon2DeviceSecretHash(secret: string, cost: { memoryCost: number; timeCost: number } = { memoryCost: 4096, timeCost: 2 }): Promise<string> {
  return argon2.hash(secret, { type: argon2.argon2id, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}
