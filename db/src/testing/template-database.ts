import pg from 'pg';
import type { Logger } from 'pino';
import { migrate } from '../migrate.js';
import { newTestDatabaseName } from './database-names.js';
import { withDatabase } from './urls.js';

export type TelemetryPath = 'partitioned' | 'hypertable' | 'hypertable-apache';

export interface TemplateDatabase {
  readonly name: string;
  /** The telemetry path the migrations took on this server (0006: TimescaleDB or plain partitions). */
  readonly telemetry: TelemetryPath;
  drop(): Promise<void>;
}

/**
 * Migrates one database per test run that every test file's database is cloned from: CREATE DATABASE
 * ... TEMPLATE copies it in tens of milliseconds, where running the migrations again costs several
 * hundred on a busy machine. Once migrated it refuses connections (a template must be idle to be copied).
 */
export async function createTemplateDatabase(adminUrl: string, logger: Logger): Promise<TemplateDatabase> {
  const name = newTestDatabaseName('tpl');
  await adminQuery(adminUrl, (c) => `CREATE DATABASE ${c.escapeIdentifier(name)}`);
  const started = performance.now();
  try {
    await migrate(withDatabase(adminUrl, name), { logger: logger.child({ database: name }, { level: 'warn' }) });
  } catch (error) {
    await adminQuery(adminUrl, (c) => `DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    throw error;
  }
  const telemetry = await telemetryPathOf(withDatabase(adminUrl, name));
  // Copying needs the template idle. TimescaleDB starts a background scheduler in every database with
  // the extension, which would make parallel CREATE DATABASE ... TEMPLATE fail at random ("being accessed
  // by other users"): the template refuses connections, and any already there are ended.
  await adminQuery(adminUrl, (c) => `ALTER DATABASE ${c.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS false`);
  await adminQuery(adminUrl, (c) => `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${c.escapeLiteral(name)} AND pid <> pg_backend_pid()`);
  logger.debug({ template: name, ms: Math.round(performance.now() - started) }, 'migrated the template for test databases');
  return {
    name,
    telemetry,
    drop: () => adminQuery(adminUrl, (c) => `DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
  };
}

async function telemetryPathOf(url: string): Promise<TelemetryPath> {
  const client = new pg.Client({ connectionString: url, application_name: 'aware-test-admin' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ relkind: string; aggregate: boolean }>(
      `SELECT relkind, to_regclass('telemetry_health_hourly') IS NOT NULL AS aggregate FROM pg_class WHERE oid = 'telemetry'::regclass`,
    );
    if (rows[0]?.relkind === 'p') return 'partitioned';
    return rows[0]?.aggregate ? 'hypertable' : 'hypertable-apache';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one statement on a short-lived admin connection. */
export async function adminQuery(adminUrl: string, sql: (client: pg.Client) => string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'aware-test-admin' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql(client));
  } finally {
    await client.end().catch(() => undefined);
  }
}
