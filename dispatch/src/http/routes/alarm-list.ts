import type { AlarmList } from '@aware/protocol';
import type { FastifyInstance } from 'fastify';
import { toView } from '../../alarms/alarm-record.js';
import { Authenticator } from '../../auth/authenticator.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { alarmAudience, sees, seesAlarms } from '../../live/audience.js';
import { clientIp, type DispatchServices } from '../services.js';

/** `GET /api/alarms`: the open alarms of the caller's region (control-room roles), from memory. Dossiers shown are logged. */
export function alarmListRoute(app: FastifyInstance, s: DispatchServices): void {
  app.get('/api/alarms', async (request): Promise<AlarmList> => {
    const principal = await s.auth.principal(Authenticator.tokenFrom(request.headers));
    if (!seesAlarms(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'the alarm board needs a control-room role');
    const alarms = s.ctx.store.open().filter((a) => sees(principal, alarmAudience(a, s.ctx.config.testAlarmsToPolice)));
    for (const a of alarms) if (a.dossier && a.clientId) s.accessLog.shown(principal, a.id, a.clientId, clientIp(s, request), 'detail');
    return { alarms: alarms.map((a) => toView(a)) };
  });
}
