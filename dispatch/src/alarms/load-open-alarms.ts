import type { Queryable } from '@aware/db';
import type { AlarmState } from '@aware/protocol';
import { loadDossiers } from '../directory/load-dossiers.js';
import { TRAIL_IN_MEMORY, appendTrail, type AlarmRecord } from './alarm-record.js';

interface Row {
  id: string;
  device_id: string;
  device_alarm_id: string | null;
  pendant_alarm_id: string | null;
  client_id: string | null;
  assignment_id: string | null;
  region: string | null;
  is_test: boolean;
  state: AlarmState;
  invalid_payload: boolean;
  no_fix: boolean;
  unassigned: boolean;
  reused_key: boolean;
  press_count: number;
  pressed_at: Date;
  received_at: Date;
  battery: number | null;
  escalated_at: Date | null;
  first_console_at: Date | null;
  confirmed_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  dispatched_at: Date | null;
  dispatch_unit: string | null;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** The open alarms in the database, with their newest trail points and dossier cards: memory at start-up. */
export async function loadOpenAlarms(db: Queryable): Promise<AlarmRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT a.*, u.display_name AS acknowledged_by_name,
            (SELECT p.device_alarm_id FROM alarm_presses p WHERE p.alarm_id = a.id
             ORDER BY (p.device_alarm_id LIKE 'inv\\_%'), p.received_at DESC LIMIT 1) AS pendant_alarm_id
     FROM alarms a LEFT JOIN users u ON u.id = a.acknowledged_by
     WHERE a.state <> 'resolved' ORDER BY a.received_at`,
  );
  const ids = rows.map((r) => r.id);
  const trail = await db.query<{ alarm_id: string; lat: number; lon: number; acc: number; fix_at: Date; received_at: Date }>(
    `SELECT alarm_id, lat, lon, acc, fix_at, received_at FROM (
       SELECT t.*, row_number() OVER (PARTITION BY alarm_id ORDER BY received_at DESC) AS n FROM alarm_trail t WHERE alarm_id = ANY ($1::uuid[])
     ) x WHERE n <= $2 ORDER BY received_at`,
    [ids, TRAIL_IN_MEMORY],
  );
  const dossiers = await loadDossiers(db, [...new Set(rows.flatMap((r) => (r.client_id ? [r.client_id] : [])))]);
  const alarms = new Map<string, AlarmRecord>();
  for (const r of rows) {
    alarms.set(r.id, {
      id: r.id,
      deviceId: r.device_id,
      deviceAlarmId: r.device_alarm_id,
      pendantAlarmId: r.pendant_alarm_id ?? r.device_alarm_id ?? 'unknown-press',
      clientId: r.client_id,
      assignmentId: r.assignment_id,
      region: r.region,
      isTest: r.is_test,
      state: r.state,
      flags: { invalidPayload: r.invalid_payload, noFix: r.no_fix, unassigned: r.unassigned, reusedKey: r.reused_key, test: r.is_test },
      pressCount: r.press_count,
      pressedAt: r.pressed_at.getTime(),
      receivedAt: r.received_at.getTime(),
      battery: r.battery,
      lastFix: null,
      lastFixAt: null,
      trail: [],
      fixTimes: new Set(),
      escalatedAt: ms(r.escalated_at),
      firstConsoleAt: ms(r.first_console_at),
      confirmedAt: ms(r.confirmed_at),
      acknowledgedAt: ms(r.acknowledged_at),
      acknowledgedBy: r.acknowledged_by_name,
      dispatchedAt: ms(r.dispatched_at),
      dispatchUnit: r.dispatch_unit,
      resolvedAt: null,
      outcome: null,
      dossier: r.client_id ? (dossiers.get(r.client_id) ?? null) : null,
    });
  }
  for (const t of trail.rows) {
    const alarm = alarms.get(t.alarm_id);
    if (alarm) appendTrail(alarm, { lat: t.lat, lon: t.lon, acc: t.acc, at: t.received_at.toISOString() }, t.fix_at.getTime());
  }
  return [...alarms.values()];
}

/**
 * The de-duplication memory: for each (pendant, press key) received since `sinceMs`, its newest press
 * (a reused key points at its newest alarm), oldest first. The press time is the press's identity
 * (alarms/repeat.ts).
 */
export async function loadRecentPresses(db: Queryable, sinceMs: number): Promise<{ deviceId: string; key: string; alarmId: string; at: number; pressedAt: number }[]> {
  const { rows } = await db.query<{ device_id: string; device_alarm_id: string; alarm_id: string; received_at: Date; pressed_at: Date }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (device_id, device_alarm_id) device_id, device_alarm_id, alarm_id, received_at, pressed_at
       FROM alarm_presses WHERE received_at >= $1 AND device_alarm_id IS NOT NULL
       ORDER BY device_id, device_alarm_id, received_at DESC
     ) latest ORDER BY received_at`,
    [new Date(sinceMs)],
  );
  return rows.map((r) => ({ deviceId: r.device_id, key: r.device_alarm_id, alarmId: r.alarm_id, at: r.received_at.getTime(), pressedAt: r.pressed_at.getTime() }));
}
