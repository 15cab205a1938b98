import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Authenticator } from '../../auth/authenticator.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { alarmAudience, sees, seesAlarms } from '../../live/audience.js';
import { clientIp, type DispatchServices } from '../services.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The photos on the dossier card of an alarm, so the police recognise the person they are sent to and the
 * person she is protected from:
 * - `GET /api/clients/:clientId/photo`: the client;
 * - `GET /api/perpetrators/:id/photo`: a perpetrator of that client.
 * Served only while the client has an open alarm the caller sees (the same need-to-know as the card
 * itself), never cached, and written to the access log like the card.
 */
export function dossierPhotoRoutes(app: FastifyInstance, s: DispatchServices): void {
  app.get<{ Params: { clientId: string } }>('/api/clients/:clientId/photo', async (request, reply) => {
    const { clientId } = request.params;
    return servePhoto(s, request, reply, UUID.test(clientId) ? clientId : null, `SELECT photo, photo_mime FROM clients WHERE id = $1 AND photo IS NOT NULL`, clientId);
  });

  app.get<{ Params: { id: string } }>('/api/perpetrators/:id/photo', async (request, reply) => {
    const { id } = request.params;
    if (!UUID.test(id)) throw new DispatchError(DispatchErrorCode.PHOTO_NOT_FOUND);
    const { rows } = await s.db.query<{ client_id: string }>('SELECT client_id FROM perpetrators WHERE id = $1', [id]);
    return servePhoto(s, request, reply, rows[0]?.client_id ?? null, `SELECT photo, photo_mime FROM perpetrators WHERE id = $1 AND photo IS NOT NULL`, id);
  });
}

async function servePhoto(s: DispatchServices, request: FastifyRequest, reply: FastifyReply, clientId: string | null, sql: string, id: string): Promise<FastifyReply> {
  const principal = await s.auth.principal(Authenticator.tokenFrom(request.headers));
  if (!seesAlarms(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'photos need a control-room role');
  const alarm = clientId ? s.ctx.store.openForClient(clientId).find((a) => sees(principal, alarmAudience(a, s.ctx.config.testAlarmsToPolice))) : undefined;
  if (!alarm || !clientId) throw new DispatchError(DispatchErrorCode.PHOTO_NOT_FOUND);
  const { rows } = await s.db.query<{ photo: Buffer; photo_mime: string }>(sql, [id]);
  const photo = rows[0];
  if (!photo) throw new DispatchError(DispatchErrorCode.PHOTO_NOT_FOUND);
  s.accessLog.shown(principal, alarm.id, clientId, clientIp(s, request), 'photo');
  return reply
    .type(photo.photo_mime)
    .header('cache-control', 'no-store')
    .header('content-disposition', 'inline')
    .header('x-content-type-options', 'nosniff')
    .send(photo.photo);
}
