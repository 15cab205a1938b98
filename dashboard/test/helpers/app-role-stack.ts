import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import type { Pool } from '@aware/db';
import pino from 'pino';
import { loadConfig } from '../../src/server/config.js';
import { start, type RunningDashboard } from '../../src/server/start.js';

/**
 * The dashboard alone (no broker, no dispatch) on a fresh test database, its pool running as the
 * application role `aware_app` as in production: what the grants forbid, the routes cannot do.
 * `admin` is a pool as the database owner, for setting up rows and for checks.
 */
export interface AppRoleStack {
  readonly db: TestDatabase;
  /** The dashboard's own pool (role aware_app); `person()` creates users through it. */
  readonly pool: Pool;
  readonly admin: Pool;
  readonly baseUrl: string;
  readonly totpKey: string;
  stop(): Promise<void>;
}

export async function startAppRoleStack(env: Record<string, string> = {}): Promise<AppRoleStack> {
  const db = await createTestDatabase({ poolMax: 4 });
  const pool = db.newPool({ role: 'aware_app', max: 6, applicationName: 'aware-dashboard-test' });
  const totpKey = randomBytes(32).toString('base64');
  const dashboard: RunningDashboard = await start(
    loadConfig({
      DASHBOARD_HTTP_HOST: '127.0.0.1',
      DASHBOARD_HTTP_PORT: '0',
      AWARE_TOTP_KEY: totpKey,
      DASHBOARD_STATIC_DIR: join(tmpdir(), 'aware-no-spa'),
      DASHBOARD_TILE_URL: 'none',
      DASHBOARD_RETENTION_SWEEP_H: '0',
      ...env,
    }),
    { pool, logger: pino({ level: process.env['DASHBOARD_TEST_LOG'] ? 'info' : 'warn' }) },
  );
  return {
    db,
    pool,
    admin: db.pool,
    baseUrl: dashboard.address.replace('[::1]', '127.0.0.1'),
    totpKey,
    async stop() {
      await dashboard.stop();
      await db.close();
    },
  };
}
