/**
 * The dashboard as its own process: `tsx dashboard/src/server/main.ts`. Reads DASHBOARD_* and AWARE_TOTP_*
 * (config.ts) and the database variables of @aware/db; logs JSON to stdout; stops on SIGINT/SIGTERM.
 * Alone it serves sign-in, users, fleet health and the SPA; the alarm board's routes (/api/alarms*,
 * /api/live) are dispatch's and must be reachable on the same origin (the all-in-one process mounts them
 * in this server, see app.ts; main-console.ts runs dispatch and the dashboard together for containers).
 */
import pino from 'pino';
import { createPool, loadDbConfig } from '@aware/db';
import { loadConfig } from './config.js';
import { start } from './start.js';

const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
const pool = createPool(loadDbConfig(), { logger, applicationName: 'aware-dashboard' });
const dashboard = await start(config, { pool, logger });

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  dashboard
    .stop()
    .then(() => pool.end())
    .then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
