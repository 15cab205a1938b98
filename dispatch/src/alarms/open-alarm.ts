import type { DispatchContext } from '../context.js';
import { alarmRegion } from '../directory/device-entry.js';
import type { DurableWrite } from '../durable/writes.js';
import { appendTrail, type AlarmRecord } from './alarm-record.js';
import { alarmIdFor } from './ids.js';
import { outboxFor } from './notifications.js';
import { publishAlarm } from './publish.js';
import type { ReadPress } from './read-press.js';

/**
 * A press of a pendant without an open alarm: a new alarm, routed from the in-memory directory, pushed to
 * the consoles at once, its escalation timer started. Returns the write that makes it durable.
 * Flagged, never dropped: unreadable payload, no fix, pendant not assigned, press key reused. `reusedAfter`:
 * the resolved alarm the press key was last seen on (the new alarm's id is derived from it).
 */
export function openAlarm(
  ctx: DispatchContext,
  deviceId: string,
  press: ReadPress,
  reusedAfter: string | null,
): { alarm: AlarmRecord; write: DurableWrite } {
  const { row, fix } = press;
  const entry = ctx.directory.get(deviceId);
  const assignment = entry?.assignment ?? null;
  const alarm: AlarmRecord = {
    id: alarmIdFor(deviceId, row.key, reusedAfter),
    deviceId,
    deviceAlarmId: press.pendantKey ? row.key : null,
    pendantAlarmId: row.key,
    clientId: assignment?.clientId ?? null,
    assignmentId: assignment?.id ?? null,
    region: alarmRegion(entry),
    isTest: (entry?.isTest ?? false) || press.test,
    state: 'new',
    flags: { invalidPayload: !press.valid, noFix: fix === null, unassigned: assignment === null, reusedKey: reusedAfter !== null, test: (entry?.isTest ?? false) || press.test },
    pressCount: 1,
    pressedAt: row.pressedAt,
    receivedAt: row.receivedAt,
    battery: press.battery,
    lastFix: null,
    lastFixAt: null,
    trail: [],
    fixTimes: new Set(),
    escalatedAt: null,
    firstConsoleAt: null,
    confirmedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    dispatchedAt: null,
    dispatchUnit: null,
    resolvedAt: null,
    outcome: null,
    dossier: assignment?.dossier ?? null,
  };
  if (fix) appendTrail(alarm, { lat: fix.lat, lon: fix.lon, acc: fix.acc, at: new Date(row.receivedAt).toISOString() }, fix.fixAt);
  ctx.store.add(alarm);
  publishAlarm(ctx, alarm, 'opened', null);
  ctx.escalation.schedule(alarm);
  ctx.log.child({ alarmId: alarm.id, deviceId }).info({ region: alarm.region, flags: alarm.flags, consolesAt: alarm.firstConsoleAt }, 'alarm opened');
  ctx.metrics.presses.inc({ kind: 'opened' });
  for (const [flag, set] of Object.entries(alarm.flags)) if (set) ctx.metrics.flagged.inc({ flag });
  ctx.metrics.openAlarms.set(ctx.store.openCount);
  return {
    alarm,
    write: {
      kind: 'alarm_opened',
      alarm: {
        id: alarm.id,
        deviceId,
        deviceAlarmId: alarm.deviceAlarmId,
        clientId: alarm.clientId,
        assignmentId: alarm.assignmentId,
        region: alarm.region,
        isTest: alarm.isTest,
        flags: { ...alarm.flags },
        pressedAt: alarm.pressedAt,
        receivedAt: alarm.receivedAt,
        battery: alarm.battery,
        fix,
        firstConsoleAt: alarm.firstConsoleAt,
      },
      press: row,
      outbox: outboxFor(ctx, alarm, 'opened'),
    },
  };
}
