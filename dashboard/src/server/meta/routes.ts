import type { Pool } from '@aware/db';
import type { FastifyInstance } from 'fastify';
import type { ClientConfig, RegionList } from '../../contract/client-config.js';
import type { DashboardConfig } from '../config.js';
import { signedIn } from '../http/guard.js';

/**
 * - `GET /api/client-config` (no sign-in: the sign-in page needs it too) map tiles and the idle timeout
 * - `GET /api/regions` (signed in) the regions, for forms
 */
export function metaRoutes(app: FastifyInstance, config: DashboardConfig, db: Pool): void {
  app.get('/api/client-config', async (): Promise<ClientConfig> => ({
    tileUrl: config.tiles.url,
    tileAttribution: config.tiles.attribution,
    idleTimeoutS: Math.round(config.session.idleMs / 1000),
    testDeployment: config.testDeployment,
  }));

  app.get('/api/regions', async (request): Promise<RegionList> => {
    await signedIn(db, request);
    const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM regions ORDER BY name');
    return { regions: rows };
  });
}
