import type { DispatchContext } from '../context.js';
import type { AlarmRecord } from './alarm-record.js';
import { newCmdId } from './ids.js';
import { publishAlarm } from './publish.js';

/**
 * The press (`pressKey`) is durable: tell the pendant `alarm_received` (QoS 1). The first confirmation of
 * an alarm is shown on the consoles and recorded for reporting (press -> pendant confirmation).
 */
export function confirmPress(ctx: DispatchContext, alarm: AlarmRecord | undefined, deviceId: string, pressKey: string): void {
  const now = ctx.clock.now();
  ctx.downlink.send(deviceId, { type: 'alarm_received', alarmId: pressKey, cmdId: newCmdId(), ts: now });
  if (!alarm || alarm.confirmedAt !== null) return;
  alarm.confirmedAt = now;
  publishAlarm(ctx, alarm, 'confirmed', null);
  void ctx.durable.write({ kind: 'alarm_confirmed', alarmId: alarm.id, deviceId: alarm.deviceId, at: now });
}
