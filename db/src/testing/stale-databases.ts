import pg from 'pg';
import type { Logger } from 'pino';
import { testDatabaseCreatedAt } from './database-names.js';

/** Test databases older than this were left by a killed run (a live run's files finish in minutes). */
const STALE_AFTER_MS = 12 * 60 * 60 * 1000;

/** Drops test databases that killed runs left behind on a long-lived server. Never fails the run. */
export async function dropStaleTestDatabases(adminUrl: string, logger: Logger): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'aware-test-cleanup' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^aware_(test|tpl)_'`);
    const stale = rows.map((r) => r.datname).filter((n) => Date.now() - (testDatabaseCreatedAt(n) ?? Date.now()) > STALE_AFTER_MS);
    for (const name of stale) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    if (stale.length > 0) logger.info({ dropped: stale.length }, 'dropped stale test databases');
  } catch (error) {
    logger.warn({ error: (error as Error).message }, 'could not clean up stale test databases');
  } finally {
    await client.end().catch(() => undefined);
  }
}
