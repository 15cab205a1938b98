/** Keys under which the global setup hands the server's admin URL and the migrated template to test workers. */
export const ADMIN_URL_KEY = 'awareDbAdminUrl';
export const TEMPLATE_KEY = 'awareDbTemplate';
/** The same values for processes that are not vitest workers (a service spawned by an e2e test). */
export const ADMIN_URL_ENV = 'AWARE_TEST_DB_ADMIN_URL';
export const TEMPLATE_ENV = 'AWARE_TEST_DB_TEMPLATE';
/** Which path of db/migrations/0006 the template took: `partitioned` (plain PostgreSQL), `hypertable`, or `hypertable-apache` (TimescaleDB without its Timescale-licensed features). */
export const TELEMETRY_PATH_ENV = 'AWARE_TEST_DB_TELEMETRY';
/** Set to 1 (npm run test:timescaledb) and the run fails unless the server is TimescaleDB. */
export const REQUIRE_TIMESCALEDB_ENV = 'AWARE_TEST_REQUIRE_TIMESCALEDB';

declare module 'vitest' {
  export interface ProvidedContext {
    awareDbAdminUrl: string;
    awareDbTemplate: string;
  }
}
