import type { Queryable } from '@aware/db';
import type { AlarmEventView, AlarmOutcome, AlarmState, AlarmView } from '@aware/protocol';

interface AlarmRow {
  id: string;
  device_id: string;
  device_alarm_id: string | null;
  state: AlarmState;
  region: string | null;
  pressed_at: Date;
  received_at: Date;
  press_count: number;
  battery: number | null;
  invalid_payload: boolean;
  no_fix: boolean;
  unassigned: boolean;
  reused_key: boolean;
  is_test: boolean;
  escalated_at: Date | null;
  confirmed_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  dispatch_unit: string | null;
  resolved_at: Date | null;
  outcome: AlarmOutcome | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * An alarm from the database without location or dossier (for alarms no longer open: need-to-know), and
 * its region for the visibility check. Null when there is no such alarm.
 */
export async function loadAlarmWithoutLocation(db: Queryable, alarmId: string): Promise<AlarmView | null> {
  if (!UUID.test(alarmId)) return null;
  const { rows } = await db.query<AlarmRow>(
    `SELECT a.*, u.display_name AS acknowledged_by_name FROM alarms a LEFT JOIN users u ON u.id = a.acknowledged_by WHERE a.id = $1`,
    [alarmId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    deviceId: r.device_id,
    deviceAlarmId: r.device_alarm_id,
    state: r.state,
    region: r.region,
    pressedAt: r.pressed_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    pressCount: r.press_count,
    battery: r.battery,
    lastFix: null,
    flags: { invalidPayload: r.invalid_payload, noFix: r.no_fix, unassigned: r.unassigned, reusedKey: r.reused_key, test: r.is_test },
    escalatedAt: iso(r.escalated_at),
    confirmedAt: iso(r.confirmed_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by_name,
    dispatchUnit: r.dispatch_unit,
    resolvedAt: iso(r.resolved_at),
    outcome: r.outcome,
    dossier: null,
  };
}

export async function loadAlarmEvents(db: Queryable, alarmId: string): Promise<AlarmEventView[]> {
  if (!UUID.test(alarmId)) return [];
  const { rows } = await db.query<{ change: AlarmEventView['change']; at: Date; actor: string; payload: Record<string, unknown> }>(
    `SELECT change, at, actor, payload FROM alarm_events WHERE alarm_id = $1 ORDER BY at, id`,
    [alarmId],
  );
  return rows.map((r) => ({ change: r.change, at: r.at.toISOString(), actor: r.actor, detail: r.payload }));
}
