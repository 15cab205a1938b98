import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Authenticator } from '../../auth/authenticator.js';
import type { Principal } from '../../auth/principal.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { mayWatchLive } from '../../live/audience.js';
import { ConsoleSession } from '../../live/console-session.js';
import type { DispatchServices } from '../services.js';

const principals = new WeakMap<FastifyRequest, { principal: Principal; token: string }>();

/**
 * `GET /api/live` (WebSocket): the live feed. Authenticated before the upgrade (cookie `aware_session`
 * or `Authorization: Bearer`), the Origin checked against DISPATCH_ALLOWED_ORIGINS when that is set.
 * `?sinceSeq=N` resumes after event N (or yields a snapshot when N is no longer buffered); without it
 * the console starts with a snapshot. A `{"type":"resume","sinceSeq":N}` message does the same later.
 */
export function liveRoute(app: FastifyInstance, s: DispatchServices): void {
  const allowed = s.ctx.config.live.allowedOrigins;
  app.get(
    '/api/live',
    {
      websocket: true,
      preValidation: async (request: FastifyRequest) => {
        const origin = request.headers.origin;
        if (allowed.length > 0 && origin !== undefined && !allowed.includes(origin)) throw new DispatchError(DispatchErrorCode.ORIGIN_REFUSED, origin);
        const token = Authenticator.tokenFrom(request.headers);
        const principal = await s.auth.principal(token);
        if (!mayWatchLive(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'the live feed needs a control-room or device-administrator role');
        principals.set(request, { principal, token: token! });
      },
    },
    (socket, request) => {
      const { principal, token } = principals.get(request)!;
      const raw = (request.query as Record<string, string | undefined>)['sinceSeq'];
      const sinceSeq = raw !== undefined && /^\d{1,16}$/.test(raw) ? Number(raw) : null;
      new ConsoleSession(s, socket, principal, token, request.ip).begin(sinceSeq);
    },
  );
}
