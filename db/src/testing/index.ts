/** Test helpers: `import { createTestDatabase } from '@aware/db/testing'`. Not for production code. */
export * from './create-test-database.js';
export { withDatabase } from './urls.js';
export { ADMIN_URL_ENV, TEMPLATE_ENV } from './provided-context.js';
export { telemetryPath } from './telemetry-path.js';
export { findOrStartTestServer, type TestServer } from './test-server.js';
export { legacyArgon2DeviceSecretHash } from '../device-secrets.js';
