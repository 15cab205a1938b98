import type { DeviceStatus } from './status.js';

/** A pendant as the registry shows it (no secret, no hash). */
export interface Device {
  readonly id: string;
  readonly status: DeviceStatus;
  readonly statusChangedAt: Date;
  readonly isTest: boolean;
  readonly hbIntervalS: number;
  readonly region: string | null;
  readonly firmware: string | null;
  readonly createdAt: Date;
  readonly secretRotatedAt: Date;
}

export interface DeviceRow {
  id: string;
  status: DeviceStatus;
  status_changed_at: Date;
  is_test: boolean;
  hb_interval_s: number;
  region: string | null;
  firmware: string | null;
  created_at: Date;
  secret_rotated_at: Date;
}

export const DEVICE_COLUMNS = 'id, status, status_changed_at, is_test, hb_interval_s, region, firmware, created_at, secret_rotated_at';

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    isTest: row.is_test,
    hbIntervalS: row.hb_interval_s,
    region: row.region,
    firmware: row.firmware,
    createdAt: row.created_at,
    secretRotatedAt: row.secret_rotated_at,
  };
}
