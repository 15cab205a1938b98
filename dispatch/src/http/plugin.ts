import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { errorHandler } from './error-handler.js';
import { alarmActionRoutes } from './routes/alarm-actions.js';
import { alarmDetailRoute } from './routes/alarm-detail.js';
import { alarmListRoute } from './routes/alarm-list.js';
import { clientPhotoRoute } from './routes/client-photo.js';
import { latencyReportRoute } from './routes/latency-report.js';
import { liveRoute } from './routes/live.js';
import type { DispatchServices } from './services.js';

/**
 * Dispatch's HTTP surface as an encapsulated fastify plugin, so the dashboard can mount it in its own
 * server (`app.register(dispatchPlugin, services)`): the live feed and the alarm routes, all under
 * `/api/`. Registers @fastify/websocket unless the host app already did.
 */
export async function dispatchPlugin(app: FastifyInstance, services: DispatchServices): Promise<void> {
  if (!app.hasDecorator('websocketServer')) await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.setErrorHandler(errorHandler);
  liveRoute(app, services);
  alarmListRoute(app, services);
  alarmDetailRoute(app, services);
  clientPhotoRoute(app, services);
  alarmActionRoutes(app, services);
  latencyReportRoute(app, services);
}
