import { generateDeviceSecret, processDeviceSecretKeys, type DeviceSecretKeys } from '../device-secrets.js';
import { DbError, DbErrorCode } from '../errors.js';
import type { Queryable } from '../pool.js';

export interface RotateOptions {
  readonly issuedBy?: string;
  readonly reason?: string;
  /** What the secret is hashed with (default: this process' DEVICE_SECRET_KEYS). */
  readonly keys?: DeviceSecretKeys;
}

/**
 * Issues a fresh secret for a pendant (e.g. when it is handed to a client) and revokes every earlier
 * one, in one statement: from the moment this returns, only the new secret authenticates. A broker
 * should also drop the pendant's live connection. Returns the plaintext secret, once.
 * Errors: DB_ERR_DEVICE_NOT_FOUND.
 */
export async function rotateDeviceSecret(db: Queryable, id: string, options: RotateOptions = {}): Promise<string> {
  const secret = generateDeviceSecret();
  const hash = (options.keys ?? processDeviceSecretKeys()).hash(secret);
  const { rowCount } = await db.query(
    `WITH device AS (
       UPDATE devices SET secret_hash = $2, secret_rotated_at = now() WHERE id = $1 RETURNING id
     ), revoked AS (
       UPDATE device_credentials SET revoked_at = now(), revoke_reason = $4
       WHERE device_id IN (SELECT id FROM device) AND revoked_at IS NULL
     )
     INSERT INTO device_credentials (device_id, secret_hash, issued_by)
     SELECT id, $2, $3 FROM device`,
    [id, hash, options.issuedBy ?? null, options.reason ?? 'rotated'],
  );
  if (rowCount !== 1) throw new DbError(DbErrorCode.DEVICE_NOT_FOUND, id);
  return secret;
}
