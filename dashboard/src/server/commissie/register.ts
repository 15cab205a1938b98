import type { FastifyInstance } from 'fastify';
import { deviceRoutes } from '../devices/routes.js';
import { scheduleRetention } from '../privacy/retention.js';
import { privacyRoutes } from '../privacy/routes.js';
import type { CaseDeps } from './case-deps.js';
import { commissieRoutes } from './routes.js';

/**
 * The commissie workflow, pendants with clients and the client's privacy rights: their routes, and the
 * retention job (stopped when the server closes). Registered by app.ts next to the other dashboard routes.
 */
export function caseWorkflowRoutes(app: FastifyInstance, deps: CaseDeps): void {
  commissieRoutes(app, deps);
  deviceRoutes(app, deps);
  privacyRoutes(app, deps);
  const stop = scheduleRetention(deps.db, deps.log, deps.config.retentionSweepMs);
  app.addHook('onClose', async () => stop());
}
