import type { FastifyInstance } from 'fastify';
import type { CaseDeps } from './case-deps.js';
import { commissieRoutes } from './commissie/routes.js';
import { deviceRoutes } from './devices/routes.js';
import { caseworkErrorHandler } from './error-handler.js';
import { privacyRoutes } from './privacy/routes.js';
import { scheduleRetention } from './privacy/retention.js';

/**
 * Casework's HTTP surface, registered by the host (the dashboard's server) as its own encapsulated plugin:
 * the commissie workflow, pendants issued to clients and the client's privacy rights, each wired by its own
 * routes file, plus the retention sweep (stopped when the server closes). Answers `CSW_ERR_*` for
 * casework's own refusals and leaves the rest (sign-in, roles, bodies) to the host's error handler.
 */
export async function caseworkPlugin(app: FastifyInstance, deps: CaseDeps): Promise<void> {
  app.setErrorHandler(caseworkErrorHandler);
  commissieRoutes(app, deps);
  deviceRoutes(app, deps);
  privacyRoutes(app, deps);
  const stop = scheduleRetention(deps.db, deps.log, deps.config.retentionSweepMs);
  app.addHook('onClose', async () => stop());
}
