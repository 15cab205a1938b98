/** Keys under which the global setup hands the server's admin URL and the migrated template to test workers. */
export const ADMIN_URL_KEY = 'awareDbAdminUrl';
export const TEMPLATE_KEY = 'awareDbTemplate';
/** The same values for processes that are not vitest workers (a service spawned by an e2e test). */
export const ADMIN_URL_ENV = 'AWARE_TEST_DB_ADMIN_URL';
export const TEMPLATE_ENV = 'AWARE_TEST_DB_TEMPLATE';

declare module 'vitest' {
  export interface ProvidedContext {
    awareDbAdminUrl: string;
    awareDbTemplate: string;
  }
}
