import { findDeviceForAuth, processDeviceSecretKeys, upgradeDeviceSecretHash, type DeviceSecretKeys, type Queryable } from '@aware/db';
import type { DeviceChange, DeviceDirectory, DeviceStatus } from './device-directory.js';

interface ChangeRow {
  until: Date;
  id: string | null;
  status: DeviceStatus | null;
  is_test: boolean | null;
  secret_hash: string | null;
}

/**
 * The device directory on the platform database, checking secrets with `keys` (default: this process'
 * DEVICE_SECRET_KEYS, the same keys the dashboard and the CLI hash new secrets with). `changesSince` reads the two change timestamps the
 * registry keeps (`status_changed_at`, `secret_rotated_at`), with the database clock, so broker and
 * database clocks never need to agree. One query; the clock row is there even without changes.
 */
export function dbDeviceDirectory(db: Queryable, keys: DeviceSecretKeys = processDeviceSecretKeys()): DeviceDirectory {
  return {
    findForAuth: (id) => findDeviceForAuth(db, id),
    verifySecret: (hash, secret) => keys.verify(hash, secret),
    isSlowHash: (hash) => keys.isLegacy(hash),
    upgradeSecretHash: (id, from, to) => upgradeDeviceSecretHash(db, id, from, to),
    async changesSince(since) {
      const { rows } = await db.query<ChangeRow>(
        `SELECT t.until, d.id, d.status, d.is_test, d.secret_hash
         FROM (SELECT now() AS until) t
         LEFT JOIN devices d ON $1::timestamptz IS NOT NULL AND (d.status_changed_at >= $1 OR d.secret_rotated_at >= $1)`,
        [since],
      );
      const changes: DeviceChange[] = [];
      for (const r of rows) {
        if (r.id !== null) changes.push({ id: r.id, status: r.status!, isTest: r.is_test!, secretHash: r.secret_hash! });
      }
      return { changes, until: rows[0]!.until };
    },
  };
}
