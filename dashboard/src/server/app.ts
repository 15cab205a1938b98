import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { caseworkPlugin } from '@aware/casework/server';
import type { Pool } from '@aware/db';
import { dispatchPlugin, type DispatchServices } from '@aware/dispatch';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AuthDeps } from './auth/auth-deps.js';
import { authRoutes } from './auth/routes.js';
import { TotpCipher } from './auth/totp-cipher.js';
import { loadTotpKey } from './auth/totp-key.js';
import { processDeviceSecretKeys } from '@aware/db';
import type { DashboardConfig } from './config.js';
import { fleetRoutes } from './fleet/routes.js';
import { errorHandler } from './http/error-handler.js';
import { serveSpa } from './http/spa.js';
import { metaRoutes } from './meta/routes.js';
import { securityHeaders } from './security/headers.js';
import { requestGuard } from './security/request-guard.js';
import { userRoutes } from './users/routes.js';

export interface DashboardDeps {
  /** The platform database (`@aware/db` createPool). The dashboard does not end it. */
  readonly pool: Pool;
  /** Root logger; the dashboard logs through a child bound to `service: 'dashboard'`. */
  readonly logger: Logger;
  /**
   * Dispatch's HTTP parts (`RunningDispatch.services`): its live feed and alarm routes are mounted in
   * this same server, so the browser talks to one origin. Without it the dashboard serves sign-in, users,
   * fleet health and the SPA only (the alarm board then needs dispatch behind the same origin).
   */
  readonly dispatch?: DispatchServices;
  readonly now?: () => number;
}

/**
 * The dashboard's HTTP application, not yet listening: one fastify instance with, in this order,
 * cookies, the cross-site request guard and security headers (root hooks: they cover every route,
 * dispatch's too), dispatch's plugin, the dashboard's routes (each in its own file), casework's plugin
 * (commissie, devices, privacy: its own routes and error codes), and the SPA.
 */
export async function buildApp(config: DashboardConfig, deps: DashboardDeps): Promise<FastifyInstance> {
  const log = deps.logger.child({ service: 'dashboard' });
  const cipher = new TotpCipher(await loadTotpKey(config.totp));
  // issuing a pendant hashes its new secret with DEVICE_SECRET_KEYS: a missing key fails the start, not a hand-over
  processDeviceSecretKeys();
  const auth: AuthDeps = {
    db: deps.pool,
    cipher,
    times: config.session,
    throttle: config.signInThrottle,
    totpIssuer: config.totp.issuer,
    activationTtlMs: config.activationTtlMs,
    log,
    now: deps.now ?? Date.now,
  };
  const app = Fastify({
    loggerInstance: log.child({ component: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    bodyLimit: 64 * 1024,
  });
  await app.register(fastifyCookie);
  // At the root and before the guard: its hooks then see every upgrade request, so a WebSocket handshake
  // the guard refuses is still closed (dispatch's plugin uses this instance instead of registering its own).
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  app.addHook('onRequest', securityHeaders(config.tiles.url));
  app.addHook('onRequest', requestGuard(config.allowedOrigins));
  app.get('/healthz', async () => ({ ok: true, dispatch: deps.dispatch !== undefined }));

  if (deps.dispatch) await app.register(dispatchPlugin, deps.dispatch);
  await app.register(async (routes) => {
    routes.setErrorHandler(errorHandler);
    authRoutes(routes, config, auth);
    userRoutes(routes, auth);
    fleetRoutes(routes, deps.pool);
    metaRoutes(routes, config, deps.pool);
  });
  await app.register(caseworkPlugin, { db: deps.pool, log, config: config.commissie, now: auth.now });
  await serveSpa(app, config.staticDir);
  return app;
}
