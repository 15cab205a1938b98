import type { AcknowledgeBody, AlarmView } from '@aware/protocol';
import type { Principal } from '../../auth/principal.js';
import type { DispatchContext } from '../../context.js';
import { toView } from '../alarm-record.js';
import { newCmdId } from '../ids.js';
import { outboxFor } from '../notifications.js';
import { publishAlarm } from '../publish.js';
import { findForAction, stateError } from './find-for-action.js';

/** new -> acknowledged: the escalation timer stops, consoles see who took it, the pendant hears `operator_acknowledged`. */
export async function acknowledge(ctx: DispatchContext, principal: Principal, alarmId: string, body: AcknowledgeBody): Promise<AlarmView> {
  const alarm = findForAction(ctx, principal, alarmId, 'acknowledge');
  if (alarm.state !== 'new') throw stateError(alarm, 'acknowledge');
  const at = ctx.clock.now();
  alarm.state = 'acknowledged';
  alarm.acknowledgedAt = at;
  alarm.acknowledgedBy = principal.displayName;
  ctx.escalation.cancel(alarm.id);
  publishAlarm(ctx, alarm, 'acknowledged', principal.displayName);
  ctx.log.child({ alarmId: alarm.id, deviceId: alarm.deviceId }).info({ userId: principal.userId }, 'alarm acknowledged');
  await ctx.durable.write({
    kind: 'alarm_acknowledged',
    alarmId: alarm.id,
    deviceId: alarm.deviceId,
    at,
    actor: { userId: principal.userId, name: principal.displayName },
    note: body.note ?? null,
    outbox: outboxFor(ctx, alarm, 'acknowledged'),
  });
  ctx.downlink.send(alarm.deviceId, { type: 'operator_acknowledged', alarmId: alarm.pendantAlarmId, cmdId: newCmdId(), ts: ctx.clock.now() });
  return toView(alarm);
}
