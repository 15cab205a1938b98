import type { Queryable } from '@aware/db';
import type { DurableWrite } from '../writes.js';
import { iso } from './json-rows.js';

type PressAttached = Extract<DurableWrite, { kind: 'press_attached' }>;

/**
 * Further presses on open alarms (at most one per alarm in a statement: the caller chunks by pendant).
 * Each press row is idempotent on (alarm, press key); only a new one raises the press count, updates
 * battery, latest fix (if newer) and flags, and adds a trail point and the `pressed` event.
 */
const SQL = `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    alarm_id uuid, device_id text, press_key text, pressed_at timestamptz, received_at timestamptz, attempt integer,
    press_count integer, battery smallint, invalid_payload boolean, reused_key boolean, real boolean, lat float8, lon float8, acc real, fix_at timestamptz, event jsonb)
), p AS (
  INSERT INTO alarm_presses (alarm_id, device_id, device_alarm_id, pressed_at, received_at, attempt)
  SELECT alarm_id, device_id, press_key, pressed_at, received_at, attempt FROM x
  ON CONFLICT (alarm_id, device_alarm_id) DO NOTHING
  RETURNING alarm_id, device_alarm_id
), n AS (
  SELECT x.* FROM x JOIN p ON p.alarm_id = x.alarm_id AND p.device_alarm_id = x.press_key
), u AS (
  UPDATE alarms a SET
    press_count = GREATEST(a.press_count, n.press_count),
    last_press_at = GREATEST(a.last_press_at, n.received_at),
    battery = coalesce(n.battery, a.battery),
    invalid_payload = a.invalid_payload OR n.invalid_payload,
    reused_key = a.reused_key OR n.reused_key,
    is_test = a.is_test AND NOT n.real,
    no_fix = a.no_fix AND n.lat IS NULL,
    last_lat = CASE WHEN n.lat IS NOT NULL AND (a.last_fix_at IS NULL OR a.last_fix_at <= n.fix_at) THEN n.lat ELSE a.last_lat END,
    last_lon = CASE WHEN n.lat IS NOT NULL AND (a.last_fix_at IS NULL OR a.last_fix_at <= n.fix_at) THEN n.lon ELSE a.last_lon END,
    last_acc = CASE WHEN n.lat IS NOT NULL AND (a.last_fix_at IS NULL OR a.last_fix_at <= n.fix_at) THEN n.acc ELSE a.last_acc END,
    last_fix_at = CASE WHEN n.lat IS NOT NULL AND (a.last_fix_at IS NULL OR a.last_fix_at <= n.fix_at) THEN n.fix_at ELSE a.last_fix_at END,
    updated_at = now()
  FROM n WHERE a.id = n.alarm_id
), t AS (
  INSERT INTO alarm_trail (alarm_id, device_id, lat, lon, acc, fix_at, received_at, source)
  SELECT alarm_id, device_id, lat, lon, acc, fix_at, received_at, 'press' FROM n WHERE lat IS NOT NULL
  ON CONFLICT (alarm_id, fix_at) DO NOTHING
)
INSERT INTO alarm_events (alarm_id, change, at, actor, payload)
SELECT alarm_id, 'pressed', received_at, 'device', event FROM n`;

export async function applyPressesAttached(db: Queryable, writes: readonly PressAttached[]): Promise<void> {
  const rows = writes.map((w) => ({
    alarm_id: w.alarmId,
    device_id: w.deviceId,
    press_key: w.press.key,
    pressed_at: iso(w.press.pressedAt),
    received_at: iso(w.press.receivedAt),
    attempt: w.press.attempt,
    press_count: w.pressCount,
    battery: w.battery,
    invalid_payload: w.invalidPayload,
    reused_key: w.reusedKey ?? false,
    real: w.real ?? false,
    lat: w.fix?.lat ?? null,
    lon: w.fix?.lon ?? null,
    acc: w.fix?.acc ?? null,
    fix_at: iso(w.fix?.fixAt ?? null),
    event: { pressKey: w.press.key, pressCount: w.pressCount, invalidPayload: w.invalidPayload, reusedKey: w.reusedKey ?? false },
  }));
  await db.query(SQL, [JSON.stringify(rows)]);
}
