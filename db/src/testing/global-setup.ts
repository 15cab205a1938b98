/**
 * Vitest global setup (named in the root vitest.config.ts): finds or starts the PostgreSQL server for
 * the whole run (see test-server.ts), migrates one template database on it, and hands both to every
 * test worker through vitest's provide/inject and through AWARE_TEST_DB_ADMIN_URL /
 * AWARE_TEST_DB_TEMPLATE (inherited by forked workers and by any process a test spawns). Each test
 * file then gets its own database from createTestDatabase().
 */
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { DeviceSecretKeys } from '../device-secrets.js';
import { dropStaleTestDatabases } from './stale-databases.js';
import { createTemplateDatabase } from './template-database.js';
import { findOrStartTestServer } from './test-server.js';
import { ADMIN_URL_ENV, ADMIN_URL_KEY, REQUIRE_TIMESCALEDB_ENV, TELEMETRY_PATH_ENV, TEMPLATE_ENV, TEMPLATE_KEY } from './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = pino({ level: process.env['LOG_LEVEL'] ?? 'info', base: undefined });
  const logger = root.child({ component: 'test-db' });
  // one key for the whole run, inherited by every worker and every process a test spawns (like a
  // deployment's secret store): pendants created anywhere verify at every broker
  process.env['DEVICE_SECRET_KEYS'] ||= DeviceSecretKeys.generate();
  const server = await findOrStartTestServer(process.env, root);
  try {
    if (server.source !== 'embedded') await dropStaleTestDatabases(server.url, logger);
    const template = await createTemplateDatabase(server.url, logger);
    logger.info({ source: server.source, telemetry: template.telemetry }, 'test databases are created on this server');
    if (process.env[REQUIRE_TIMESCALEDB_ENV] === '1' && template.telemetry === 'partitioned') {
      await template.drop().catch(() => undefined);
      throw new Error(`${REQUIRE_TIMESCALEDB_ENV}=1 but the test server has no TimescaleDB (telemetry took the plain path): set PGHOST/PGPORT to a TimescaleDB server with timescaledb in shared_preload_libraries`);
    }
    project.provide(ADMIN_URL_KEY, server.url);
    project.provide(TEMPLATE_KEY, template.name);
    process.env[ADMIN_URL_ENV] = server.url;
    process.env[TEMPLATE_ENV] = template.name;
    process.env[TELEMETRY_PATH_ENV] = template.telemetry;
    return async () => {
      await template.drop().catch((err: Error) => logger.warn({ error: err.message }, 'could not drop the template'));
      await server.stop();
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
