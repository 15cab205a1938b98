import type { Queryable } from '../pool.js';
import { DEVICE_COLUMNS, toDevice, type Device, type DeviceRow } from './device-row.js';
import type { DeviceStatus } from './status.js';

export interface ListDevicesFilter {
  readonly status?: DeviceStatus;
  readonly region?: string;
  readonly isTest?: boolean;
  /** Keyset pagination: devices with an id after this one. */
  readonly afterId?: string;
  /** At most this many (default 100, at most 1000). */
  readonly limit?: number;
}

/** Devices in id order, filtered. */
export async function listDevices(db: Queryable, filter: ListDevicesFilter = {}): Promise<Device[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000);
  const { rows } = await db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices
     WHERE ($1::device_status IS NULL OR status = $1)
       AND ($2::text IS NULL OR region = $2)
       AND ($3::boolean IS NULL OR is_test = $3)
       AND ($4::text IS NULL OR id > $4)
     ORDER BY id
     LIMIT $5`,
    [filter.status ?? null, filter.region ?? null, filter.isTest ?? null, filter.afterId ?? null, limit],
  );
  return rows.map(toDevice);
}

/** One device, or null. */
export async function getDevice(db: Queryable, id: string): Promise<Device | null> {
  const { rows } = await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [id]);
  return rows[0] ? toDevice(rows[0]) : null;
}
