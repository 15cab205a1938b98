/** @aware/db: migrations, the pool, typed queries. Test helpers live in '@aware/db/testing'. */
export * from './errors.js';
export { loadDbConfig, describeConnection, redactUrl, type DbConfig, type DbConnection } from './config.js';
export { createPool, type Pool, type PoolClient, type PoolOptions, type Queryable } from './pool.js';
export { withTransaction } from './transaction.js';
export { ensureServiceLogin, canBecomeOwner } from './service-login.js';
export { migrate, migrationStatus, MIGRATION_LOCK_KEY, type MigrateOptions, type MigrateResult, type MigrationStatus } from './migrate.js';
export { MIGRATIONS_DIR } from './migrations-dir.js';
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded.js';
export {
  DEVICE_SECRET_HMAC_PREFIX,
  DeviceSecretKeys,
  deviceSecretKeysFromEnv,
  generateDeviceSecret,
  processDeviceSecretKeys,
  type SecretCheck,
} from './device-secrets.js';
export { hashPassword, verifyPassword, passwordNeedsRehash, PASSWORD_ARGON2, MAX_PASSWORD_LENGTH } from './passwords.js';
export { maintainTelemetry, type TelemetryMaintainAction, type TelemetryMaintainOptions } from './telemetry-maintain.js';
export * from './devices/index.js';
export { findSession, type Principal, type SessionRecord, type SessionUser } from './sessions/find-session.js';
export { SESSION_COOKIE, csrfMatches, csrfTokenFor, hashSessionToken, newSessionToken, sessionTokenFrom } from './sessions/session-token.js';
