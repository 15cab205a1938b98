/**
 * The control-room console as one process: dispatch (the alarm engine) and the dashboard, which mounts
 * dispatch's live feed and alarm routes in its own HTTP server, so the browser talks to one origin with
 * one session cookie. For a container set-up: run this (`tsx dashboard/src/server/main-console.ts`)
 * instead of dispatch/src/main.ts. Reads DISPATCH_* (dispatch's config), DASHBOARD_* and AWARE_TOTP_KEY
 * (set it: a key file inside a container is lost with the container), and @aware/db's variables.
 */
import pino from 'pino';
import { createPool, loadDbConfig } from '@aware/db';
import { loadConfig as loadDispatchConfig, start as startDispatch } from '@aware/dispatch';
import { loadConfig } from './config.js';
import { start } from './start.js';

const dispatchConfig = loadDispatchConfig();
const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
const pool = createPool(loadDbConfig(), { logger, applicationName: 'aware-console' });
const dispatch = await startDispatch(dispatchConfig, { pool, logger });
const dashboard = await start(config, { pool, logger, dispatch: dispatch.services });

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  // whatever is pending, the process ends: a supervisor must never have to kill it
  setTimeout(() => {
    logger.error({ code: 'DSP_ERR_STOP_TIMEOUT' }, 'stop took too long; exiting');
    process.exit(1);
  }, dispatchConfig.stopTimeoutMs + 2_000).unref();
  dashboard
    .stop()
    .then(() => dispatch.stop())
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
