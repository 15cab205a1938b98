import { isDeviceId } from '@aware/protocol';
import type { Queryable } from '../pool.js';
import type { DeviceStatus } from './status.js';

/** What the broker needs to authenticate a CONNECT. */
export interface DeviceAuthRecord {
  readonly id: string;
  /** argon2id PHC string of the current secret; check with verifyDeviceSecret. */
  readonly secretHash: string;
  readonly status: DeviceStatus;
  readonly region: string | null;
  readonly isTest: boolean;
  readonly hbIntervalS: number;
}

/**
 * The pendant with this id, or null. A malformed id (not the protocol's format) is null without a
 * query, so junk client ids cost nothing. The broker decides what each status may do: `active`, and
 * `stock` only for test pendants (broker/src/hooks/authenticate.ts).
 */
export async function findDeviceForAuth(db: Queryable, id: string): Promise<DeviceAuthRecord | null> {
  if (!isDeviceId(id)) return null;
  const { rows } = await db.query<{
    id: string;
    secret_hash: string;
    status: DeviceStatus;
    region: string | null;
    is_test: boolean;
    hb_interval_s: number;
  }>('SELECT id, secret_hash, status, region, is_test, hb_interval_s FROM devices WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    secretHash: row.secret_hash,
    status: row.status,
    region: row.region,
    isTest: row.is_test,
    hbIntervalS: row.hb_interval_s,
  };
}
