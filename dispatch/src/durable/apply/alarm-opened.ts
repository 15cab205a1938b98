import type { Queryable } from '@aware/db';
import type { DurableWrite } from '../writes.js';
import { iso, outboxRows } from './json-rows.js';

type AlarmOpened = Extract<DurableWrite, { kind: 'alarm_opened' }>;

/**
 * One statement for any number of new alarms: each alarm, its first press, first trail point, `opened`
 * event and outbox rows; nothing for an alarm id that already exists (a replay or a redelivery). Another
 * open alarm of the same pendant is a unique violation, never a silent skip.
 */
const SQL = `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    id uuid, device_id text, device_alarm_id text, client_id uuid, assignment_id uuid, region text, is_test boolean,
    invalid_payload boolean, no_fix boolean, unassigned boolean, reused_key boolean, pressed_at timestamptz, received_at timestamptz,
    battery smallint, lat float8, lon float8, acc real, fix_at timestamptz, first_console_at timestamptz,
    press_key text, attempt integer, event jsonb, outbox jsonb)
), a AS (
  INSERT INTO alarms (id, device_id, device_alarm_id, client_id, assignment_id, region, is_test,
    invalid_payload, no_fix, unassigned, reused_key, press_count, pressed_at, received_at, last_press_at, battery,
    last_lat, last_lon, last_acc, last_fix_at, first_console_at)
  SELECT id, device_id, device_alarm_id, client_id, assignment_id, region, is_test, invalid_payload, no_fix, unassigned, reused_key,
         1, pressed_at, received_at, received_at, battery, lat, lon, acc, fix_at, first_console_at
  FROM x
  ON CONFLICT (id) DO NOTHING
  RETURNING id
), n AS (
  SELECT x.* FROM x JOIN a ON a.id = x.id
), p AS (
  INSERT INTO alarm_presses (alarm_id, device_id, device_alarm_id, pressed_at, received_at, attempt)
  SELECT id, device_id, press_key, pressed_at, received_at, attempt FROM n
  ON CONFLICT (alarm_id, device_alarm_id) DO NOTHING
), t AS (
  INSERT INTO alarm_trail (alarm_id, device_id, lat, lon, acc, fix_at, received_at, source)
  SELECT id, device_id, lat, lon, acc, fix_at, received_at, 'press' FROM n WHERE lat IS NOT NULL
  ON CONFLICT (alarm_id, fix_at) DO NOTHING
), e AS (
  INSERT INTO alarm_events (alarm_id, change, at, actor, payload)
  SELECT id, 'opened', received_at, 'device', event FROM n
), o AS (
  INSERT INTO outbox (alarm_id, topic, target, format, payload, dedupe_key)
  SELECT n.id, o.topic, o.target, o.format, o.payload, o.dedupe_key
  FROM n, jsonb_to_recordset(n.outbox) AS o(topic text, target text, format text, payload jsonb, dedupe_key text)
  ON CONFLICT (target, dedupe_key) DO NOTHING
)
SELECT count(*)::int AS applied FROM a`;

export async function applyAlarmsOpened(db: Queryable, writes: readonly AlarmOpened[]): Promise<void> {
  const rows = writes.map(({ alarm: a, press, outbox }) => ({
    id: a.id,
    device_id: a.deviceId,
    device_alarm_id: a.deviceAlarmId,
    client_id: a.clientId,
    assignment_id: a.assignmentId,
    region: a.region,
    is_test: a.isTest,
    invalid_payload: a.flags.invalidPayload,
    no_fix: a.flags.noFix,
    unassigned: a.flags.unassigned,
    // journals written before 0016 carry no such flag
    reused_key: a.flags.reusedKey ?? false,
    pressed_at: iso(a.pressedAt),
    received_at: iso(a.receivedAt),
    battery: a.battery,
    lat: a.fix?.lat ?? null,
    lon: a.fix?.lon ?? null,
    acc: a.fix?.acc ?? null,
    fix_at: iso(a.fix?.fixAt ?? null),
    first_console_at: iso(a.firstConsoleAt),
    press_key: press.key,
    attempt: press.attempt,
    event: { pressKey: press.key, flags: a.flags },
    outbox: outboxRows(outbox),
  }));
  await db.query(SQL, [JSON.stringify(rows)]);
}
