import { DbError, DbErrorCode } from '../errors.js';
import type { Queryable } from '../pool.js';
import { isDeviceStatus, type DeviceStatus } from './status.js';

/**
 * Sets a pendant's status, in one statement. Revoking also revokes its current secret, and a revoked
 * pendant can only become `stock` or `active` again after rotateDeviceSecret (re-provisioning), so an
 * old secret never comes back to life. Errors: DB_ERR_DEVICE_NOT_FOUND, DB_ERR_DEVICE_NEEDS_NEW_SECRET,
 * DB_ERR_DEVICE_OPTIONS_INVALID (unknown status).
 */
export async function setDeviceStatus(db: Queryable, id: string, status: DeviceStatus): Promise<void> {
  if (!isDeviceStatus(status)) throw new DbError(DbErrorCode.DEVICE_OPTIONS_INVALID, `unknown status ${String(status)}`);
  const { rows } = await db.query<{ found: boolean; updated: boolean }>(
    `WITH target AS (
       SELECT d.id,
              $2::device_status NOT IN ('stock', 'active')
              OR EXISTS (SELECT 1 FROM device_credentials c WHERE c.device_id = d.id AND c.revoked_at IS NULL) AS allowed
       FROM devices d WHERE d.id = $1
     ), device AS (
       UPDATE devices d
       SET status = $2::device_status,
           status_changed_at = CASE WHEN d.status = $2::device_status THEN d.status_changed_at ELSE now() END
       FROM target t WHERE d.id = t.id AND t.allowed
       RETURNING d.id
     ), revoked AS (
       UPDATE device_credentials SET revoked_at = now(), revoke_reason = 'device revoked'
       WHERE $2::device_status = 'revoked' AND device_id IN (SELECT id FROM device) AND revoked_at IS NULL
     )
     SELECT EXISTS (SELECT 1 FROM target) AS found, EXISTS (SELECT 1 FROM device) AS updated`,
    [id, status],
  );
  const result = rows[0];
  if (!result?.found) throw new DbError(DbErrorCode.DEVICE_NOT_FOUND, id);
  if (!result.updated) throw new DbError(DbErrorCode.DEVICE_NEEDS_NEW_SECRET, id);
}
