import path from 'node:path';
import type { Logger } from 'pino';
import pg from 'pg';
import { describeConnection, loadDbConfig, migrate, startEmbeddedPostgres, type DbConfig } from '@aware/db';

/** The database the all-in-one process keeps its data in, inside the embedded cluster. */
const PLATFORM_DATABASE = 'aware';

export interface PlatformDatabase {
  /** Connection settings every service's pool uses. */
  readonly config: DbConfig;
  /** Where it is, for the start-up banner (password redacted). */
  readonly description: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The database of the all-in-one process: the server named by DATABASE_URL / PG* when set, otherwise
 * an embedded PostgreSQL in `<dataDir>/pg`, started here and stopped by `stop()`. Migrations run
 * before anything else starts.
 */
export async function openDatabase(
  env: Readonly<Record<string, string | undefined>>,
  options: { dataDir: string; embeddedPort: number; logger: Logger },
): Promise<PlatformDatabase> {
  const configured = loadDbConfig(env);
  if (configured.serverConfigured) {
    await migrate(connectionOf(configured), { logger: options.logger });
    return { config: configured, description: describeConnection(configured.connection), embedded: false, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, 'pg'),
    port: options.embeddedPort,
    logger: options.logger,
  });
  try {
    const url = await ensureDatabase(embedded.url, PLATFORM_DATABASE);
    const config = loadDbConfig({ ...env, DATABASE_URL: url });
    await migrate(url, { logger: options.logger });
    return { config, description: `embedded ${describeConnection(config.connection)} (data in ${embedded.dataDir})`, embedded: true, stop: () => embedded.stop() };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

function connectionOf(config: DbConfig): string | Record<string, unknown> {
  return 'connectionString' in config.connection ? config.connection.connectionString : { ...config.connection };
}

/** Creates `name` on the server of `adminUrl` when it does not exist; returns the URL of it. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
