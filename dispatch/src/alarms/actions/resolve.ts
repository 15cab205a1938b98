import type { AlarmView, ResolveBody } from '@aware/protocol';
import type { Principal } from '../../auth/principal.js';
import type { DispatchContext } from '../../context.js';
import { toView } from '../alarm-record.js';
import { outboxFor } from '../notifications.js';
import { publishAlarm } from '../publish.js';
import { findForAction } from './find-for-action.js';

/**
 * Any open state -> resolved, with an outcome. The alarm leaves memory (and the consoles' board); the
 * pendant's next press opens a new alarm.
 */
export async function resolve(ctx: DispatchContext, principal: Principal, alarmId: string, body: ResolveBody): Promise<AlarmView> {
  const alarm = findForAction(ctx, principal, alarmId, 'resolve');
  const at = ctx.clock.now();
  alarm.state = 'resolved';
  alarm.resolvedAt = at;
  alarm.outcome = body.outcome;
  ctx.escalation.cancel(alarm.id);
  ctx.store.remove(alarm);
  ctx.metrics.openAlarms.set(ctx.store.openCount);
  publishAlarm(ctx, alarm, 'resolved', principal.displayName);
  ctx.log.child({ alarmId: alarm.id, deviceId: alarm.deviceId }).info({ userId: principal.userId }, 'alarm resolved');
  await ctx.durable.write({
    kind: 'alarm_resolved',
    alarmId: alarm.id,
    deviceId: alarm.deviceId,
    at,
    actor: { userId: principal.userId, name: principal.displayName },
    outcome: body.outcome,
    note: body.note ?? null,
    outbox: outboxFor(ctx, alarm, 'resolved'),
  });
  return toView(alarm);
}
