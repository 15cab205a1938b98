import { DeviceId, LIMITS } from '@aware/protocol';
import { z } from 'zod';
import { generateDeviceSecret, processDeviceSecretKeys, type DeviceSecretKeys } from '../device-secrets.js';
import { DbError, DbErrorCode, PgState, pgState } from '../errors.js';
import type { Queryable } from '../pool.js';

const NewDevice = z
  .object({
    id: DeviceId,
    region: z.string().min(1).nullable().optional(),
    isTest: z.boolean().optional(),
    hbIntervalS: z.number().int().min(LIMITS.minHeartbeatIntervalS).max(LIMITS.maxHeartbeatIntervalS).optional(),
    firmware: z.string().min(1).max(LIMITS.maxFirmwareLength).optional(),
    issuedBy: z.uuid().optional(),
  })
  .strict();
export type NewDevice = z.input<typeof NewDevice>;

export interface DeviceWithSecret {
  readonly id: string;
  /** The plaintext secret, returned this once for provisioning; only its keyed hash is stored. */
  readonly secret: string;
}

/**
 * Registers a pendant in stock with a fresh 256-bit secret. Errors: DB_ERR_DEVICE_ID_INVALID,
 * DB_ERR_DEVICE_OPTIONS_INVALID, DB_ERR_DEVICE_EXISTS, DB_ERR_REGION_UNKNOWN.
 * One statement (device and its first credential together), so a pool or a transaction client will do.
 * `keys`: what the secret is hashed with (default: this process' DEVICE_SECRET_KEYS).
 */
export async function createDevice(db: Queryable, input: NewDevice, keys: DeviceSecretKeys = processDeviceSecretKeys()): Promise<DeviceWithSecret> {
  const parsed = NewDevice.safeParse(input);
  if (!parsed.success) {
    const idProblem = parsed.error.issues.some((i) => i.path[0] === 'id');
    throw new DbError(idProblem ? DbErrorCode.DEVICE_ID_INVALID : DbErrorCode.DEVICE_OPTIONS_INVALID, parsed.error.issues[0]?.message);
  }
  const d = parsed.data;
  const secret = generateDeviceSecret();
  const hash = keys.hash(secret);
  try {
    await db.query(
      `WITH device AS (
         INSERT INTO devices (id, secret_hash, region, is_test, hb_interval_s, firmware)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, secret_hash
       )
       INSERT INTO device_credentials (device_id, secret_hash, issued_by)
       SELECT id, secret_hash, $7 FROM device`,
      [d.id, hash, d.region ?? null, d.isTest ?? false, d.hbIntervalS ?? LIMITS.defaultHeartbeatIntervalS, d.firmware ?? null, d.issuedBy ?? null],
    );
  } catch (error) {
    throw translateDeviceWriteError(error, d.id, d.region);
  }
  return { id: d.id, secret };
}

export function translateDeviceWriteError(error: unknown, id: string, region: string | null | undefined): unknown {
  const state = pgState(error);
  if (state === PgState.UNIQUE_VIOLATION) return new DbError(DbErrorCode.DEVICE_EXISTS, id, { cause: error });
  if (state === PgState.FOREIGN_KEY_VIOLATION) return new DbError(DbErrorCode.REGION_UNKNOWN, String(region), { cause: error });
  return error;
}
