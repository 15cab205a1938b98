/**
 * Dispatch as its own process: `tsx dispatch/src/main.ts`. Reads DISPATCH_* (config.ts) and the database
 * variables of @aware/db (DATABASE_URL or PG*, DB_ROLE), logs JSON to stdout, stops on SIGINT/SIGTERM
 * after making pending writes durable. The database must be migrated (`@aware/db`).
 */
import pino from 'pino';
import { createPool, loadDbConfig } from '@aware/db';
import { loadConfig } from './config.js';
import { start } from './start.js';

const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
const pool = createPool(loadDbConfig(), { logger, applicationName: 'aware-dispatch' });
const dispatch = await start(config, { pool, logger });

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  // whatever is pending, the process ends: a supervisor must never have to kill it
  setTimeout(() => {
    logger.error({ code: 'DSP_ERR_STOP_TIMEOUT' }, 'stop took too long; exiting');
    process.exit(1);
  }, config.stopTimeoutMs + 2_000).unref();
  dispatch
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
