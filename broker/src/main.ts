/**
 * The broker as its own process: `tsx broker/src/main.ts`. Reads BROKER_* (config.ts) and the
 * database variables of @aware/db (DATABASE_URL or PG*) and the pendant-secret key (DEVICE_SECRET_KEYS or
 * DEVICE_SECRET_KEY_FILE, the same as the dashboard's), logs JSON to stdout, stops on SIGINT/SIGTERM.
 * argon2id hashes from before keyed hashes are verified on the libuv pool (UV_THREADPOOL_SIZE, default 4).
 */
// first: before anything loads mqtt-packet (see lean/quiet-debug.ts)
import './lean/quiet-debug-install.js';
import pino from 'pino';
import { createPool, deviceSecretKeysFromEnv, loadDbConfig } from '@aware/db';
import { loadConfig } from './config.js';
import { start } from './start.js';
import { dbDeviceDirectory } from './auth/db-directory.js';

const config = loadConfig();
const keys = deviceSecretKeysFromEnv();
const logger = pino({ level: config.logLevel, base: { pid: process.pid } });
const pool = createPool(loadDbConfig(), { logger, applicationName: 'aware-broker' });
const broker = await start(config, { devices: dbDeviceDirectory(pool, keys), logger });

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  broker
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
