import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { DispatchError, DispatchErrorCode } from '../errors.js';
import { errorHandler } from './error-handler.js';
import { alarmActionRoutes } from './routes/alarm-actions.js';
import { alarmDetailRoute } from './routes/alarm-detail.js';
import { alarmListRoute } from './routes/alarm-list.js';
import { dossierPhotoRoutes } from './routes/dossier-photos.js';
import { latencyReportRoute } from './routes/latency-report.js';
import { liveRoute } from './routes/live.js';
import { technicalRoutes } from './routes/technical.js';
import type { DispatchServices } from './services.js';

/**
 * Dispatch's HTTP surface as an encapsulated fastify plugin, so the dashboard can mount it in its own
 * server (`app.register(dispatchPlugin, services)`): the live feed and the alarm routes, all under
 * `/api/`. Registers @fastify/websocket unless the host app already did.
 */
export async function dispatchPlugin(app: FastifyInstance, services: DispatchServices): Promise<void> {
  if (!app.hasDecorator('websocketServer')) await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.setErrorHandler(errorHandler);
  // A node that is not active relays every dispatch route to the one that is (the live feed: routes/live.ts).
  // A request another node relayed is never relayed again: the lease moved meanwhile, try again.
  app.addHook('preHandler', async (request, reply) => {
    if (services.active() || (request as { ws?: boolean }).ws === true) return;
    if (services.relay.relayedFor(request) !== null) throw new DispatchError(DispatchErrorCode.NO_ACTIVE_NODE, 'the lease moved; try again');
    await services.relay.http(request, reply);
    return reply;
  });
  liveRoute(app, services);
  alarmListRoute(app, services);
  alarmDetailRoute(app, services);
  dossierPhotoRoutes(app, services);
  alarmActionRoutes(app, services);
  latencyReportRoute(app, services);
  technicalRoutes(app, services);
}
