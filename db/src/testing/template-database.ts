import pg from 'pg';
import type { Logger } from 'pino';
import { migrate } from '../migrate.js';
import { newTestDatabaseName } from './database-names.js';
import { withDatabase } from './urls.js';

export interface TemplateDatabase {
  readonly name: string;
  drop(): Promise<void>;
}

/**
 * Migrates one database per test run that every test file's database is cloned from: CREATE DATABASE
 * ... TEMPLATE copies it in tens of milliseconds, where running the migrations again costs several
 * hundred on a busy machine. Nobody stays connected to it (a template must be idle to be copied).
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
  logger.debug({ template: name, ms: Math.round(performance.now() - started) }, 'migrated the template for test databases');
  return {
    name,
    drop: () => adminQuery(adminUrl, (c) => `DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
  };
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
