import type { Queryable } from '@aware/db';

/** What the watchdog needs to know about a pendant from the registry. */
export interface DeviceConfig {
  id: string;
  hbIntervalS: number;
  /** In service with a client: status `active` and an assignment not yet returned. */
  assigned: boolean;
}

const CONFIG_SQL = `
SELECT d.id, d.hb_interval_s AS "hbIntervalS",
       (d.status = 'active' AND EXISTS (
          SELECT 1 FROM device_assignments a WHERE a.device_id = d.id AND a.returned_at IS NULL)) AS assigned
FROM devices d`;

/** Every pendant's configuration, or only those of `ids`. */
export async function loadDeviceConfigs(db: Queryable, ids?: readonly string[]): Promise<DeviceConfig[]> {
  const result = ids
    ? await db.query<DeviceConfig>(`${CONFIG_SQL} WHERE d.id = ANY($1::text[])`, [ids])
    : await db.query<DeviceConfig>(CONFIG_SQL);
  return result.rows;
}

export interface LastHeard {
  id: string;
  lastSeenAt: Date;
  hbTime: Date | null;
  hbSeq: string | null;
}

/** When each pendant was last heard, and its newest heartbeat (to rebuild deadlines after a restart). */
export async function loadLastHeard(db: Queryable): Promise<LastHeard[]> {
  const result = await db.query<LastHeard>(
    'SELECT device_id AS id, last_seen_at AS "lastSeenAt", hb_time AS "hbTime", hb_seq AS "hbSeq" FROM device_state',
  );
  return result.rows;
}

export interface OpenTechnical {
  deviceId: string;
  kind: 'pendant_silent' | 'battery_low' | 'battery_critical';
}

export async function loadOpenTechnical(db: Queryable): Promise<OpenTechnical[]> {
  const result = await db.query<OpenTechnical>(
    'SELECT device_id AS "deviceId", kind FROM technical_alarms WHERE cleared_at IS NULL',
  );
  return result.rows;
}
