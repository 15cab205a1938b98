import type { AlarmChange } from '@aware/protocol';
import type { DispatchContext } from '../context.js';
import { alarmAudience } from '../live/audience.js';
import { toView, type AlarmRecord } from './alarm-record.js';

/**
 * Pushes an alarm change to the consoles that may see it (never waits for the database). The first time
 * an alarm reaches a console its `firstConsoleAt` is set; for any change but `opened` (whose write carries
 * it) that time is recorded with a write of its own.
 */
export function publishAlarm(ctx: DispatchContext, alarm: AlarmRecord, change: AlarmChange, actor: string | null): number {
  const { delivered } = ctx.feed.publish(
    { type: 'alarm', change, actor, alarm: toView(alarm) },
    alarmAudience(alarm, ctx.config.testAlarmsToPolice),
    alarm.dossier && alarm.clientId ? { alarmId: alarm.id, clientId: alarm.clientId } : null,
  );
  if (delivered > 0 && alarm.firstConsoleAt === null) markSeen(ctx, alarm, change !== 'opened');
  return delivered;
}

export function markSeen(ctx: DispatchContext, alarm: AlarmRecord, write: boolean): void {
  if (alarm.firstConsoleAt !== null) return;
  alarm.firstConsoleAt = ctx.clock.now();
  ctx.metrics.pressToConsole.observe((alarm.firstConsoleAt - alarm.receivedAt) / 1000);
  if (write) void ctx.durable.write({ kind: 'alarm_seen', alarmId: alarm.id, deviceId: alarm.deviceId, at: alarm.firstConsoleAt });
}
