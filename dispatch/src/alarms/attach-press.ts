import type { DispatchContext } from '../context.js';
import type { DurableWrite } from '../durable/writes.js';
import { appendTrail, type AlarmRecord } from './alarm-record.js';
import { publishAlarm } from './publish.js';
import type { ReadPress } from './read-press.js';

/**
 * A further press while the pendant's alarm is open: counted on that alarm (and its fix kept), pushed live.
 * `reusedKey`: the press carried a key of an earlier, resolved alarm (the open alarm is flagged with it).
 */
export function attachPress(ctx: DispatchContext, alarm: AlarmRecord, press: ReadPress, reusedKey: boolean): DurableWrite {
  const { row, fix } = press;
  alarm.pressCount += 1;
  if (press.pendantKey) alarm.pendantAlarmId = row.key;
  if (press.battery !== null) alarm.battery = press.battery;
  if (fix) appendTrail(alarm, { lat: fix.lat, lon: fix.lon, acc: fix.acc, at: new Date(row.receivedAt).toISOString() }, fix.fixAt);
  // a real press on an open test alarm (of a pendant that is not a test pendant) makes it real: it
  // escalates from now and reaches the police board
  const becameReal = alarm.flags.test && !press.test && ctx.directory.get(alarm.deviceId)?.isTest !== true;
  alarm.flags = {
    ...alarm.flags,
    invalidPayload: alarm.flags.invalidPayload || !press.valid,
    noFix: alarm.lastFix === null,
    reusedKey: alarm.flags.reusedKey || reusedKey,
    test: alarm.flags.test && !becameReal,
  };
  if (becameReal) {
    alarm.isTest = false;
    ctx.escalation.schedule(alarm);
  }
  publishAlarm(ctx, alarm, becameReal ? 'opened' : 'pressed', null);
  ctx.metrics.presses.inc({ kind: 'attached' });
  return {
    kind: 'press_attached',
    alarmId: alarm.id,
    deviceId: alarm.deviceId,
    press: row,
    pressCount: alarm.pressCount,
    battery: press.battery,
    fix,
    invalidPayload: !press.valid,
    reusedKey,
    ...(becameReal ? { real: true } : {}),
  };
}
