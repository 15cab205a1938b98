import { z } from 'zod';
import { DbError, DbErrorCode } from './errors.js';

const port = z.coerce.number().int().min(1).max(65_535);
const sqlIdentifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier');

/**
 * The environment of `@aware/db`. `DATABASE_URL` wins; without it the libpq `PG*` variables are used
 * (https://www.postgresql.org/docs/current/libpq-envars.html). This is the only place that reads them.
 */
const DbEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PGHOST: z.string().min(1).optional(),
  PGPORT: port.optional(),
  PGUSER: z.string().min(1).optional(),
  PGPASSWORD: z.string().optional(),
  PGDATABASE: z.string().min(1).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_APPLICATION_NAME: z.string().min(1).max(63).default('aware'),
  /** Role the application switches to on every connection (`aware_app`), so the database enforces its limits. */
  DB_ROLE: sqlIdentifier.optional(),
});

export type DbConnection =
  | { readonly connectionString: string }
  | {
      readonly host?: string;
      readonly port?: number;
      readonly user?: string;
      readonly password?: string;
      readonly database?: string;
    };

export interface DbConfig {
  readonly connection: DbConnection;
  /** True when DATABASE_URL or any PG* variable names a server; false means "start the embedded one". */
  readonly serverConfigured: boolean;
  readonly poolMax: number;
  readonly applicationName: string;
  readonly role: string | undefined;
}

/** Parses the environment once; the result is frozen. Throws `DB_ERR_CONFIG_INVALID` listing every problem. */
export function loadDbConfig(env: Readonly<Record<string, string | undefined>> = process.env): DbConfig {
  const parsed = DbEnv.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new DbError(DbErrorCode.CONFIG_INVALID, problems);
  }
  const e = parsed.data;
  const pgVars = { host: e.PGHOST, port: e.PGPORT, user: e.PGUSER, password: e.PGPASSWORD, database: e.PGDATABASE };
  const connection: DbConnection = e.DATABASE_URL
    ? { connectionString: e.DATABASE_URL }
    : Object.fromEntries(Object.entries(pgVars).filter(([, v]) => v !== undefined));
  return deepFreeze({
    connection,
    serverConfigured: e.DATABASE_URL !== undefined || Object.values(pgVars).some((v) => v !== undefined),
    poolMax: e.DB_POOL_MAX,
    applicationName: e.DB_APPLICATION_NAME,
    role: e.DB_ROLE,
  });
}

/** A connection description safe to log: never the password. */
export function describeConnection(connection: DbConnection): string {
  if ('connectionString' in connection) return redactUrl(connection.connectionString);
  const { host = 'localhost', port: p = 5432, user = '(default user)', database = '(default db)' } = connection;
  return `postgres://${user}@${host}:${p}/${database}`;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}

/** `PGPORT=` in a shell means "not set", as libpq treats it. */
function emptyAsUnset(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== ''));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
