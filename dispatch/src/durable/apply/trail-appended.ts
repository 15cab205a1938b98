import type { Queryable } from '@aware/db';
import type { DurableWrite } from '../writes.js';
import { iso } from './json-rows.js';

type TrailAppended = Extract<DurableWrite, { kind: 'trail_appended' }>;

/** Location updates during alarms: trail points (idempotent on alarm + fix time) and, if newer, the latest fix. */
const SQL = `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    alarm_id uuid, device_id text, lat float8, lon float8, acc real, fix_at timestamptz, received_at timestamptz, battery smallint)
), t AS (
  INSERT INTO alarm_trail (alarm_id, device_id, lat, lon, acc, fix_at, received_at, source)
  SELECT alarm_id, device_id, lat, lon, acc, fix_at, received_at, 'loc' FROM x
  ON CONFLICT (alarm_id, fix_at) DO NOTHING
  RETURNING alarm_id, fix_at
)
UPDATE alarms a SET
  last_lat = x.lat, last_lon = x.lon, last_acc = x.acc, last_fix_at = x.fix_at, no_fix = false,
  battery = coalesce(x.battery, a.battery), updated_at = now()
FROM x JOIN t ON t.alarm_id = x.alarm_id AND t.fix_at = x.fix_at
WHERE a.id = x.alarm_id AND (a.last_fix_at IS NULL OR a.last_fix_at <= x.fix_at)`;

export async function applyTrailsAppended(db: Queryable, writes: readonly TrailAppended[]): Promise<void> {
  const rows = writes.map((w) => ({
    alarm_id: w.alarmId,
    device_id: w.deviceId,
    lat: w.fix.lat,
    lon: w.fix.lon,
    acc: w.fix.acc,
    fix_at: iso(w.fix.fixAt),
    received_at: iso(w.receivedAt),
    battery: w.battery,
  }));
  await db.query(SQL, [JSON.stringify(rows)]);
}
