import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { DbError, DbErrorCode } from '../errors.js';
import { migrate } from '../migrate.js';
import { newTestDatabaseName } from './database-names.js';
import { ADMIN_URL_ENV, ADMIN_URL_KEY, TEMPLATE_ENV, TEMPLATE_KEY } from './provided-context.js';
import { adminQuery } from './template-database.js';
import { withDatabase } from './urls.js';

export interface TestDatabaseOptions {
  /**
   * true (default): the database has the full schema of db/migrations — cloned from the run's migrated
   * template when the global setup made one, else migrated here. false: an empty database.
   */
  readonly migrate?: boolean;
  /** Size of `pool` (default 5: many test files share one server). */
  readonly poolMax?: number;
  readonly logger?: Logger;
}

export interface PoolOptionsForTest {
  /** Run as this role (e.g. 'aware_app'), as a service with DB_ROLE would. */
  readonly role?: string;
  readonly max?: number;
  readonly applicationName?: string;
}

export interface TestDatabase {
  /** Database name, unique on the server. */
  readonly name: string;
  /** URL of the fresh database (as the server's admin role). */
  readonly url: string;
  /** Pool on it, as the admin role. */
  readonly pool: pg.Pool;
  /** Another pool on it, e.g. as `aware_app`; closed by close(). */
  newPool(options?: PoolOptionsForTest): pg.Pool;
  /** Ends the pools and drops the database (WITH (FORCE)). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, on the server the global setup chose:
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase(); });
 *   afterAll(() => db.close());
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { adminUrl, template } = await testServer();
  const wantSchema = options.migrate ?? true;
  const name = newTestDatabaseName();
  const clone = wantSchema && template !== undefined;
  await adminQuery(adminUrl, (c) => `CREATE DATABASE ${c.escapeIdentifier(name)}${clone ? ` TEMPLATE ${c.escapeIdentifier(template)}` : ''}`);
  const url = withDatabase(adminUrl, name);
  const pools: pg.Pool[] = [];
  const newPool = (o: PoolOptionsForTest = {}): pg.Pool => {
    const pool = new pg.Pool({
      connectionString: url,
      max: o.max ?? options.poolMax ?? 5,
      application_name: o.applicationName ?? 'aware-test',
      ...(o.role ? { options: `-c role=${o.role}` } : {}),
    });
    // Connections are cut when the database is dropped: also those of clients a test forgot to release.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    pools.push(pool);
    return pool;
  };
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // A test that leaked a checked-out client must not hang the suite: give the pools a moment, then force.
      await Promise.race([Promise.all(pools.map((p) => p.end())), sleep(1_000)]);
      await adminQuery(adminUrl, (c) => `DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    })();
    return closing;
  };
  try {
    if (wantSchema && !clone) await migrate(url, { logger: options.logger ?? pino({ level: 'warn' }) });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { name, url, pool: newPool(), newPool, close };
}

/** The admin URL (and template, if any) handed over by global-setup.ts via vitest inject or the environment. */
export async function testServer(): Promise<{ adminUrl: string; template: string | undefined }> {
  let adminUrl: string | undefined;
  let template: string | undefined;
  if (process.env['VITEST']) {
    const { inject } = await import('vitest');
    adminUrl = inject(ADMIN_URL_KEY);
    template = inject(TEMPLATE_KEY);
  }
  adminUrl ||= process.env[ADMIN_URL_ENV];
  template ||= process.env[TEMPLATE_ENV];
  if (!adminUrl) {
    throw new DbError(DbErrorCode.TEST_SERVER, `run under vitest with db/src/testing/global-setup.ts as globalSetup, or set ${ADMIN_URL_ENV}`);
  }
  return { adminUrl, template: template || undefined };
}
