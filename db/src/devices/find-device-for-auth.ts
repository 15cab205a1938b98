import { isDeviceId } from '@aware/protocol';
import type { Queryable } from '../pool.js';
import type { DeviceStatus } from './status.js';

/** What the broker needs to authenticate a CONNECT. */
export interface DeviceAuthRecord {
  readonly id: string;
  /** Stored hash of the current secret; check with DeviceSecretKeys.verify. */
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
  return (await findDevicesForAuth(db, [id])).get(id) ?? null;
}

/**
 * The pendants with these ids, in one query (a reconnect storm asks for thousands within milliseconds:
 * one round trip per batch instead of per CONNECT). Malformed ids are left out without being sent.
 */
export async function findDevicesForAuth(db: Queryable, ids: readonly string[]): Promise<Map<string, DeviceAuthRecord>> {
  const wanted = ids.filter(isDeviceId);
  const found = new Map<string, DeviceAuthRecord>();
  if (wanted.length === 0) return found;
  const { rows } = await db.query<{
    id: string;
    secret_hash: string;
    status: DeviceStatus;
    region: string | null;
    is_test: boolean;
    hb_interval_s: number;
  }>('SELECT id, secret_hash, status, region, is_test, hb_interval_s FROM devices WHERE id = ANY ($1::text[])', [wanted]);
  for (const row of rows) {
    found.set(row.id, { id: row.id, secretHash: row.secret_hash, status: row.status, region: row.region, isTest: row.is_test, hbIntervalS: row.hb_interval_s });
  }
  return found;
}
