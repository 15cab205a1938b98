import { TechnicalHistoryQuery, TechnicalResolveBody, type TechnicalHistory } from '@aware/protocol';
import type { FastifyInstance } from 'fastify';
import { Authenticator } from '../../auth/authenticator.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { controlRoomRoles, sees, seesTechnical } from '../../live/audience.js';
import { acknowledgeTechnicalAlarm, resolveTechnicalAlarm, technicalContact, type TechnicalDeps } from '../../technical/technical-actions.js';
import { loadHistory } from '../../technical/technical-sql.js';
import { parseWith } from '../parse.js';
import { clientIp, type DispatchServices } from '../services.js';

type Params = { id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Technical alarms on the Veilig Thuis board:
 * - `POST /api/technical/:id/ack`: a Veilig Thuis operator takes one (the quiet signal stops);
 * - `POST /api/technical/:id/resolve` (`TechnicalResolveBody`): what was done; it leaves the board;
 * - `GET /api/technical/:id/contact`: whom to call, access-logged;
 * - `GET /api/technical/history?days=`: every technical alarm opened in the window, with its handling
 *   (Veilig Thuis operators and device administrators of the region; the operators' notes only to operators).
 */
export function technicalRoutes(app: FastifyInstance, s: DispatchServices): void {
  const principal = (headers: Record<string, string | string[] | undefined>) => s.auth.principal(Authenticator.tokenFrom(headers));
  const deps = (): TechnicalDeps => ({ db: s.db, board: s.technical, now: () => s.ctx.clock.now(), log: s.ctx.log });
  const id = (params: Params) => {
    if (!UUID.test(params.id)) throw new DispatchError(DispatchErrorCode.TECHNICAL_NOT_FOUND);
    return params.id;
  };

  app.post<{ Params: Params }>('/api/technical/:id/ack', async (request) => {
    const p = await principal(request.headers);
    return acknowledgeTechnicalAlarm(deps(), p, id(request.params));
  });
  app.post<{ Params: Params }>('/api/technical/:id/resolve', async (request) => {
    const p = await principal(request.headers);
    const body = parseWith(TechnicalResolveBody, request.body, 'body');
    return resolveTechnicalAlarm(deps(), p, id(request.params), body);
  });
  app.get<{ Params: Params }>('/api/technical/:id/contact', async (request, reply) => {
    const p = await principal(request.headers);
    const contact = await technicalContact(deps(), p, id(request.params), clientIp(s, request));
    return reply.header('cache-control', 'no-store').send(contact);
  });
  app.get('/api/technical/history', async (request): Promise<TechnicalHistory> => {
    const p = await principal(request.headers);
    if (!seesTechnical(p)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'technical alarms are for Veilig Thuis operators and device administrators');
    const { days } = parseWith(TechnicalHistoryQuery, request.query, 'query');
    const from = new Date(s.ctx.clock.now() - days * 86_400_000);
    const rows = await loadHistory(s.db, from);
    const operator = controlRoomRoles(p).includes('vt_operator');
    const technical = rows
      .filter((r) => sees(p, { kind: 'technical', region: r.region }))
      .map((r) => ({ ...r.view, region: r.region, handling: r.view.handling && !operator ? { ...r.view.handling, note: null } : r.view.handling }));
    return { from: from.toISOString(), technical };
  });
}
