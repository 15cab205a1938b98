/**
 * Error codes of `@aware/db`. Every code is defined once, here, with its message template, and never
 * reused for another meaning (a test checks they are unique and prefixed). Callers branch on `code`,
 * never on the message.
 */
export const DbErrorCode = {
  CONFIG_INVALID: 'DB_ERR_CONFIG_INVALID',
  MIGRATION_NAME: 'DB_ERR_MIGRATION_NAME',
  MIGRATION_EDITED: 'DB_ERR_MIGRATION_EDITED',
  MIGRATION_MISSING: 'DB_ERR_MIGRATION_MISSING',
  MIGRATION_OUT_OF_ORDER: 'DB_ERR_MIGRATION_OUT_OF_ORDER',
  MIGRATION_FAILED: 'DB_ERR_MIGRATION_FAILED',
  DEVICE_ID_INVALID: 'DB_ERR_DEVICE_ID_INVALID',
  DEVICE_EXISTS: 'DB_ERR_DEVICE_EXISTS',
  DEVICE_NOT_FOUND: 'DB_ERR_DEVICE_NOT_FOUND',
  DEVICE_OPTIONS_INVALID: 'DB_ERR_DEVICE_OPTIONS_INVALID',
  DEVICE_NEEDS_NEW_SECRET: 'DB_ERR_DEVICE_NEEDS_NEW_SECRET',
  DEVICE_SECRET_KEY: 'DB_ERR_DEVICE_SECRET_KEY',
  REGION_UNKNOWN: 'DB_ERR_REGION_UNKNOWN',
  EMBEDDED_START: 'DB_ERR_EMBEDDED_START',
  EMBEDDED_BUSY: 'DB_ERR_EMBEDDED_BUSY',
  TEST_SERVER: 'DB_ERR_TEST_SERVER',
  CLI_USAGE: 'DB_ERR_CLI_USAGE',
} as const;
export type DbErrorCode = (typeof DbErrorCode)[keyof typeof DbErrorCode];

/** What each code means, for logs, the README and the uniqueness test. */
export const DB_ERROR_MESSAGES: Readonly<Record<DbErrorCode, string>> = Object.freeze({
  DB_ERR_CONFIG_INVALID: 'database configuration is invalid',
  DB_ERR_MIGRATION_NAME: 'a migration file name does not match NNNN_name.sql or a number is used twice',
  DB_ERR_MIGRATION_EDITED: 'an applied migration file was edited after it was applied',
  DB_ERR_MIGRATION_MISSING: 'an applied migration file is missing from the migrations folder',
  DB_ERR_MIGRATION_OUT_OF_ORDER: 'a pending migration is numbered before one that is already applied',
  DB_ERR_MIGRATION_FAILED: 'a migration failed and was rolled back',
  DB_ERR_DEVICE_ID_INVALID: 'device id does not match the protocol device id format',
  DB_ERR_DEVICE_EXISTS: 'a device with this id already exists',
  DB_ERR_DEVICE_NOT_FOUND: 'no device with this id',
  DB_ERR_DEVICE_OPTIONS_INVALID: 'device options are invalid',
  DB_ERR_DEVICE_NEEDS_NEW_SECRET: 'the pendant was revoked; rotate its secret before putting it back in use',
  DB_ERR_DEVICE_SECRET_KEY: 'the key device secrets are hashed with is missing or invalid (DEVICE_SECRET_KEYS)',
  DB_ERR_REGION_UNKNOWN: 'the region does not exist',
  DB_ERR_EMBEDDED_START: 'the embedded PostgreSQL could not be started',
  DB_ERR_EMBEDDED_BUSY: 'the embedded PostgreSQL data directory is in use by another running server',
  DB_ERR_TEST_SERVER: 'no PostgreSQL server for the tests could be found or started',
  DB_ERR_CLI_USAGE: 'unknown command or arguments',
});

export class DbError extends Error {
  override readonly name = 'DbError';
  readonly code: DbErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DbErrorCode, detail?: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(detail ? `${DB_ERROR_MESSAGES[code]}: ${detail}` : DB_ERROR_MESSAGES[code], { cause: options?.cause });
    this.code = code;
    this.details = Object.freeze({ ...options?.details });
  }
}

export function isDbError(error: unknown, code?: DbErrorCode): error is DbError {
  return error instanceof DbError && (code === undefined || error.code === code);
}

/** PostgreSQL SQLSTATEs the typed queries translate (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PgState = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  CHECK_VIOLATION: '23514',
  INSUFFICIENT_PRIVILEGE: '42501',
  RAISE_EXCEPTION: 'P0001',
} as const;

/** The SQLSTATE of a node-postgres error, if it is one. */
export function pgState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
