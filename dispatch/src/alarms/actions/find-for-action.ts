import type { Principal } from '../../auth/principal.js';
import type { DispatchContext } from '../../context.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { alarmAudience, mayAct, sees, seesAlarms } from '../../live/audience.js';
import type { AlarmRecord } from '../alarm-record.js';

export type AlarmAction = 'acknowledge' | 'dispatch' | 'resolve';

/**
 * The open alarm `alarmId` if `principal` may take `action` on it. Not a control-room role: 403. An alarm
 * that is not open, or outside the principal's region: 404 (its existence is need-to-know too). A role
 * that may see but not do this (a VT operator dispatching a police unit): 403.
 */
export function findForAction(ctx: DispatchContext, principal: Principal, alarmId: string, action: AlarmAction): AlarmRecord {
  if (!seesAlarms(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, `${action} needs a control-room role`);
  const alarm = ctx.store.get(alarmId);
  if (!alarm || !sees(principal, alarmAudience(alarm, ctx.config.testAlarmsToPolice))) {
    throw new DispatchError(DispatchErrorCode.ALARM_NOT_FOUND, 'not an open alarm of your region');
  }
  if (!mayAct(principal, action, alarm.region)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, `your role may not ${action}`);
  return alarm;
}

export function stateError(alarm: AlarmRecord, action: AlarmAction): DispatchError {
  return new DispatchError(DispatchErrorCode.ALARM_STATE, `alarm is ${alarm.state}; cannot ${action}`);
}
