import pg from 'pg';
import type { Logger } from 'pino';
import { describeConnection, type DbConfig } from './config.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** Anything that runs a query: the pool, or a client inside a transaction. Typed queries take this. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface PoolOptions {
  readonly logger: Logger;
  /** Overrides `config.applicationName` (shown in pg_stat_activity), e.g. 'aware-ingest'. */
  readonly applicationName?: string;
  readonly max?: number;
}

/**
 * A pg Pool for `config`. Every connection carries `application_name`, and switches to `config.role`
 * (e.g. `aware_app`) at start-up via the `role` run-time parameter, so the database's grants apply to
 * every query the service makes. Idle-client errors (a restarted server) are logged, never thrown.
 */
export function createPool(config: Pick<DbConfig, 'connection' | 'poolMax' | 'applicationName' | 'role'>, options: PoolOptions): pg.Pool {
  const log = options.logger.child({ component: 'db-pool' });
  const pool = new pg.Pool({
    ...config.connection,
    max: options.max ?? config.poolMax,
    application_name: options.applicationName ?? config.applicationName,
    ...(config.role ? { options: `-c role=${config.role}` } : {}),
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (err) => log.warn({ error: err.message, code: (err as { code?: string }).code }, 'idle database client failed'));
  // a connection that breaks while checked out (a reset link, a restarted server) emits 'error' on its
  // client, where pg-pool listens only while the client is idle: unheard, it would end the process. The
  // query in flight fails with the same error, which its caller handles; here it is only logged.
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ error: err.message, code: (err as { code?: string }).code }, 'database connection failed while in use')));
  log.debug({ server: describeConnection(config.connection), role: config.role ?? null }, 'database pool created');
  return pool;
}
