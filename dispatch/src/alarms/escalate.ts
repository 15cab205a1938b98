import type { DispatchContext } from '../context.js';
import { outboxFor } from './notifications.js';
import { publishAlarm } from './publish.js';

/**
 * The escalation timer of `alarmId` ran out: if nobody has acknowledged it, it is marked escalated on
 * every console and the escalation targets (webhooks subscribed to `escalated`) are notified.
 */
export function escalate(ctx: DispatchContext, alarmId: string): void {
  const alarm = ctx.store.get(alarmId);
  if (!alarm || alarm.state !== 'new' || alarm.escalatedAt !== null) return;
  alarm.escalatedAt = ctx.clock.now();
  ctx.log.warn({ alarmId, deviceId: alarm.deviceId, region: alarm.region }, 'alarm not acknowledged in time: escalated');
  publishAlarm(ctx, alarm, 'escalated', null);
  void ctx.durable.write({ kind: 'alarm_escalated', alarmId, deviceId: alarm.deviceId, at: alarm.escalatedAt, outbox: outboxFor(ctx, alarm, 'escalated') });
}
