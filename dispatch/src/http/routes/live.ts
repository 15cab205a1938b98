import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Authenticator } from '../../auth/authenticator.js';
import type { Principal } from '../../auth/principal.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { mayWatchLive } from '../../live/audience.js';
import { CLOSE_RESYNC, ConsoleSession } from '../../live/console-session.js';
import { clientIp, type DispatchServices } from '../services.js';

const principals = new WeakMap<FastifyRequest, { principal: Principal; token: string }>();

/**
 * `GET /api/live` (WebSocket): the live feed. Authenticated before the upgrade (cookie `aware_session`
 * or `Authorization: Bearer`), the Origin checked against DISPATCH_ALLOWED_ORIGINS when that is set.
 * `?sinceSeq=N` resumes after event N (or yields a snapshot when N is no longer buffered); without it
 * the console starts with a snapshot. A `{"type":"resume","sinceSeq":N}` message does the same later.
 * On a node that is not the active one the feed is the active node's, relayed (relay.ts).
 */
export function liveRoute(app: FastifyInstance, s: DispatchServices): void {
  const allowed = s.config.live.allowedOrigins;
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
      // a standby pipes the console to the active node's feed (authenticated here and there)
      if (!s.active()) {
        if (s.relay.relayedFor(request) !== null) return socket.close(CLOSE_RESYNC, 'not the active node: resume');
        return s.relay.live(socket, request);
      }
      const { principal, token } = principals.get(request)!;
      const raw = (request.query as Record<string, string | undefined>)['sinceSeq'];
      const sinceSeq = raw !== undefined && /^\d{1,16}$/.test(raw) ? Number(raw) : null;
      // the engine's parts as they are now: a session belongs to this engine and ends with it
      const deps = { ctx: s.ctx, auth: s.auth, technical: s.technical, accessLog: s.accessLog };
      new ConsoleSession(deps, socket, principal, token, clientIp(s, request)).begin(sinceSeq);
    },
  );
}
