import type { AlarmDetail } from '@aware/protocol';
import type { FastifyInstance } from 'fastify';
import { toView } from '../../alarms/alarm-record.js';
import { loadAlarmEvents, loadAlarmWithoutLocation } from '../../alarms/load-alarm.js';
import { Authenticator } from '../../auth/authenticator.js';
import { DispatchError, DispatchErrorCode, messageOf } from '../../errors.js';
import { alarmAudience, sees, seesAlarms } from '../../live/audience.js';
import { clientIp, type DispatchServices } from '../services.js';

/**
 * `GET /api/alarms/:id`: an open alarm with its trail and dossier card (written to the access log) and its
 * history; a resolved one without location or dossier. Alarms outside the caller's region do not exist
 * for them (404). While the database is down an open alarm is still served, its history empty.
 */
export function alarmDetailRoute(app: FastifyInstance, s: DispatchServices): void {
  app.get<{ Params: { id: string } }>('/api/alarms/:id', async (request): Promise<AlarmDetail> => {
    const principal = await s.auth.principal(Authenticator.tokenFrom(request.headers));
    if (!seesAlarms(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'alarms need a control-room role');
    const id = request.params.id;
    const open = s.ctx.store.get(id);
    const alarm = open ? toView(open) : await loadAlarmWithoutLocation(s.db, id);
    if (!alarm || !sees(principal, alarmAudience(alarm, s.ctx.config.testAlarmsToPolice))) throw new DispatchError(DispatchErrorCode.ALARM_NOT_FOUND);
    if (open?.dossier && open.clientId) s.accessLog.shown(principal, open.id, open.clientId, clientIp(s, request), 'detail');
    const events = await loadAlarmEvents(s.db, id).catch((error) => {
      if (!open) throw error;
      request.log.warn({ err: messageOf(error), alarmId: id }, 'alarm history unavailable');
      return [];
    });
    return { alarm, trail: open ? [...open.trail] : [], events };
  });
}
