import DataLoader from 'dataloader';
import { findDevicesForAuth, processDeviceSecretKeys, upgradeDeviceSecretHash, type DeviceSecretKeys, type Queryable } from '@aware/db';
import type { DeviceChange, DeviceDirectory, DeviceLogin, DeviceStatus } from './device-directory.js';

const LOOKUP_BATCH_MS = 3;

interface ChangeRow {
  until: Date;
  id: string | null;
  status: DeviceStatus | null;
  is_test: boolean | null;
  secret_hash: string | null;
}

/**
 * The device directory on the platform database, checking secrets with `keys` (default: this process'
 * DEVICE_SECRET_KEYS, the same keys the dashboard and the CLI hash new secrets with). `changesSince`
 * reads the two change timestamps the registry keeps (`status_changed_at`, `secret_rotated_at`), with the database clock, so broker and
 * database clocks never need to agree. One query; the clock row is there even without changes.
 */
export function dbDeviceDirectory(db: Queryable, keys: DeviceSecretKeys = processDeviceSecretKeys()): DeviceDirectory {
  // The CONNECTs of a 3 ms window share one query. In a reconnect storm (10,000 pendants within
  // seconds) a round trip per CONNECT cost more broker and database CPU than everything else a login
  // does; batched, the fleet was back in about half the time (bench/reconnect). Arrivals are spread over
  // the storm, so per-turn batching (setImmediate) gathered batches of one: the window is a timer.
  // Nothing is cached: each CONNECT reads the status as it is now, 3 ms at most after it arrived.
  const logins = new DataLoader<string, DeviceLogin | null>(
    async (ids) => {
      const found = await findDevicesForAuth(db, ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { cache: false, maxBatchSize: 500, batchScheduleFn: (run) => setTimeout(run, LOOKUP_BATCH_MS) },
  );
  return {
    findForAuth: (id) => logins.load(id),
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
