import type { FastifyInstance } from 'fastify';
import { Authenticator } from '../../auth/authenticator.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { alarmAudience, sees, seesAlarms } from '../../live/audience.js';
import { clientIp, type DispatchServices } from '../services.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /api/clients/:clientId/photo`: the client's photo on the dossier card of her alarm, so the police
 * recognise the person they are sent to. Served only while she has an open alarm the caller sees (the
 * same need-to-know as the card itself), never cached, and written to the access log like the card.
 */
export function clientPhotoRoute(app: FastifyInstance, s: DispatchServices): void {
  app.get<{ Params: { clientId: string } }>('/api/clients/:clientId/photo', async (request, reply) => {
    const principal = await s.auth.principal(Authenticator.tokenFrom(request.headers));
    if (!seesAlarms(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'photos need a control-room role');
    const { clientId } = request.params;
    const alarm = UUID.test(clientId) ? s.ctx.store.openForClient(clientId).find((a) => sees(principal, alarmAudience(a, s.ctx.config.testAlarmsToPolice))) : undefined;
    if (!alarm) throw new DispatchError(DispatchErrorCode.PHOTO_NOT_FOUND);
    const { rows } = await s.db.query<{ photo: Buffer; photo_mime: string }>(
      `SELECT photo, photo_mime FROM clients WHERE id = $1 AND photo IS NOT NULL`,
      [clientId],
    );
    const photo = rows[0];
    if (!photo) throw new DispatchError(DispatchErrorCode.PHOTO_NOT_FOUND);
    s.accessLog.shown(principal, alarm.id, clientId, clientIp(s, request), 'photo');
    return reply
      .type(photo.photo_mime)
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline')
      .header('x-content-type-options', 'nosniff')
      .send(photo.photo);
  });
}
