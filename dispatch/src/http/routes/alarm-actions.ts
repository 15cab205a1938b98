import { AcknowledgeBody, DispatchBody, ResolveBody } from '@aware/protocol';
import type { FastifyInstance } from 'fastify';
import { acknowledge } from '../../alarms/actions/acknowledge.js';
import { dispatchUnit } from '../../alarms/actions/dispatch-unit.js';
import { resolve } from '../../alarms/actions/resolve.js';
import { Authenticator } from '../../auth/authenticator.js';
import { parseWith } from '../parse.js';
import type { DispatchServices } from '../services.js';

type Params = { id: string };

/**
 * `POST /api/alarms/:id/ack`, `/dispatch`, `/resolve`: bodies validated with the protocol schemas; role,
 * organisation and region checked by the action; answered with the alarm as it now is, once the change
 * is durable.
 */
export function alarmActionRoutes(app: FastifyInstance, s: DispatchServices): void {
  const principal = (headers: Record<string, string | string[] | undefined>) => s.auth.principal(Authenticator.tokenFrom(headers));

  app.post<{ Params: Params }>('/api/alarms/:id/ack', async (request) =>
    acknowledge(s.ctx, await principal(request.headers), request.params.id, parseWith(AcknowledgeBody, request.body, 'body')),
  );
  app.post<{ Params: Params }>('/api/alarms/:id/dispatch', async (request) =>
    dispatchUnit(s.ctx, await principal(request.headers), request.params.id, parseWith(DispatchBody, request.body, 'body')),
  );
  app.post<{ Params: Params }>('/api/alarms/:id/resolve', async (request) =>
    resolve(s.ctx, await principal(request.headers), request.params.id, parseWith(ResolveBody, request.body, 'body')),
  );
}
