import type { Pool } from '@aware/db';
import { fleetSummary } from '@aware/ingest';
import type { FleetSummary } from '@aware/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PendantQuery, type PendantList, type TechnicalList } from '../../contract/fleet.js';
import { signedIn } from '../http/guard.js';
import { parseWith } from '../http/parse.js';
import { fleetScope } from './fleet-scope.js';
import { listPendants } from './list-pendants.js';
import { openTechnical } from './open-technical.js';

const TestQuery = z.object({ includeTest: z.enum(['true', 'false']).optional() }).strict();

/**
 * Fleet health, for device administrators and Veilig Thuis (see fleet-scope.ts); never a location:
 * - `GET /api/fleet/summary?includeTest=` counts (ingest's query)
 * - `GET /api/fleet/pendants?includeTest=&health=&limit=` pendants, worst first
 * - `GET /api/fleet/technical?includeTest=` open technical alarms
 */
export function fleetRoutes(app: FastifyInstance, db: Pool): void {
  const scope = async (request: Parameters<typeof signedIn>[1]) => fleetScope((await signedIn(db, request)).principal);

  app.get('/api/fleet/summary', async (request): Promise<FleetSummary> => {
    const { region } = await scope(request);
    const q = parseWith(TestQuery, request.query, 'query');
    return fleetSummary(db, { region, includeTest: q.includeTest === 'true' });
  });

  app.get('/api/fleet/pendants', async (request): Promise<PendantList> => {
    const { region } = await scope(request);
    const q = parseWith(PendantQuery, request.query, 'query');
    return listPendants(db, { region, includeTest: q.includeTest === 'true', health: q.health ?? null, limit: q.limit ?? 2000 });
  });

  app.get('/api/fleet/technical', async (request): Promise<TechnicalList> => {
    const { region } = await scope(request);
    const q = parseWith(TestQuery, request.query, 'query');
    return openTechnical(db, { region, includeTest: q.includeTest === 'true' });
  });
}
