import type { AlarmView, DispatchBody } from '@aware/protocol';
import type { Principal } from '../../auth/principal.js';
import type { DispatchContext } from '../../context.js';
import { toView } from '../alarm-record.js';
import { outboxFor } from '../notifications.js';
import { publishAlarm } from '../publish.js';
import { findForAction, stateError } from './find-for-action.js';

/** acknowledged -> dispatched: a police unit is on its way (police operators only). */
export async function dispatchUnit(ctx: DispatchContext, principal: Principal, alarmId: string, body: DispatchBody): Promise<AlarmView> {
  const alarm = findForAction(ctx, principal, alarmId, 'dispatch');
  if (alarm.state !== 'acknowledged') throw stateError(alarm, 'dispatch');
  const at = ctx.clock.now();
  alarm.state = 'dispatched';
  alarm.dispatchedAt = at;
  alarm.dispatchUnit = body.unit;
  publishAlarm(ctx, alarm, 'dispatched', principal.displayName);
  ctx.log.child({ alarmId: alarm.id, deviceId: alarm.deviceId }).info({ userId: principal.userId }, 'alarm dispatched');
  await ctx.durable.write({
    kind: 'alarm_dispatched',
    alarmId: alarm.id,
    deviceId: alarm.deviceId,
    at,
    actor: { userId: principal.userId, name: principal.displayName },
    unit: body.unit,
    note: body.note ?? null,
    outbox: outboxFor(ctx, alarm, 'dispatched'),
  });
  return toView(alarm);
}
