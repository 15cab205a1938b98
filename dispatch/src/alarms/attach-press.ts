import type { AlarmPress } from '@aware/protocol';
import type { DispatchContext } from '../context.js';
import type { DurableWrite, FixRow, PressRow } from '../durable/writes.js';
import { appendTrail, type AlarmRecord } from './alarm-record.js';
import { publishAlarm } from './publish.js';

/** A further press while the pendant's alarm is open: counted on that alarm (and its fix kept), pushed live. */
export function attachPress(
  ctx: DispatchContext,
  alarm: AlarmRecord,
  press: AlarmPress | null,
  row: PressRow,
  fix: FixRow | null,
): DurableWrite {
  alarm.pressCount += 1;
  if (press) alarm.pendantAlarmId = row.key;
  if (press?.battery !== undefined) alarm.battery = press.battery;
  if (fix) appendTrail(alarm, { lat: fix.lat, lon: fix.lon, acc: fix.acc, at: new Date(row.receivedAt).toISOString() }, fix.fixAt);
  alarm.flags = { ...alarm.flags, invalidPayload: alarm.flags.invalidPayload || press === null, noFix: alarm.lastFix === null };
  publishAlarm(ctx, alarm, 'pressed', null);
  ctx.metrics.presses.inc({ kind: 'attached' });
  return {
    kind: 'press_attached',
    alarmId: alarm.id,
    deviceId: alarm.deviceId,
    press: row,
    pressCount: alarm.pressCount,
    battery: press?.battery ?? null,
    fix,
    invalidPayload: press === null,
  };
}
