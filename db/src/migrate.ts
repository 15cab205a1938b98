import pg from 'pg';
import type { Logger } from 'pino';
import { DbError, DbErrorCode } from './errors.js';
import { isEarlierVersion } from './migration-amendments.js';
import { readMigrationFiles, type MigrationFile } from './migration-files.js';
import { MIGRATIONS_DIR } from './migrations-dir.js';

/** Held for a whole run, so concurrent runners (two containers starting at once) apply each file once. */
export const MIGRATION_LOCK_KEY = 0x0a3a_4e00_0001n;

export interface MigrateOptions {
  readonly logger: Logger;
  /** Defaults to `db/migrations/`. */
  readonly dir?: string;
}

export interface MigrateResult {
  /** Files applied by this run, in order. */
  readonly applied: readonly string[];
  /** Files that were already applied before this run. */
  readonly alreadyApplied: number;
}

interface AppliedRow {
  name: string;
  checksum: string;
}

/**
 * Brings the database of `connection` (a URL or pg config) up to date. Each pending file runs in its own
 * transaction together with its schema_migrations row. Before anything is applied, every applied file
 * is checked: edited (checksum differs, and not an earlier version of an amended file, see
 * migration-amendments.ts) -> DB_ERR_MIGRATION_EDITED, gone -> DB_ERR_MIGRATION_MISSING;
 * a pending file numbered below the newest applied one -> DB_ERR_MIGRATION_OUT_OF_ORDER. A failing file
 * is rolled back and reported as DB_ERR_MIGRATION_FAILED with the file and line.
 */
export async function migrate(connection: string | pg.ClientConfig, options: MigrateOptions): Promise<MigrateResult> {
  const log = options.logger.child({ component: 'migrate' });
  const files = await readMigrationFiles(options.dir ?? MIGRATIONS_DIR);
  const client = connect(connection);
  // A connection lost mid-run rejects the running query; without a listener it would also crash the process.
  client.on('error', (error) => log.warn({ error: error.message }, 'migration connection failed'));
  await client.connect();
  try {
    await lock(client, log);
    try {
      return await applyPending(client, files, log);
    } finally {
      // The lock also ends with the session; never let a failed unlock hide the real error.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function lock(client: pg.Client, log: Logger): Promise<void> {
  const key = MIGRATION_LOCK_KEY.toString();
  const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
  if (rows[0]?.ok) return;
  log.info('another migration run holds the lock; waiting');
  await client.query('SELECT pg_advisory_lock($1)', [key]);
}

async function applyPending(client: pg.Client, files: readonly MigrationFile[], log: Logger): Promise<MigrateResult> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      duration_ms integer NOT NULL
    )`);
  const { rows: applied } = await client.query<AppliedRow>('SELECT name, checksum FROM schema_migrations ORDER BY name');
  const pending = checkApplied(files, applied);
  for (const row of applied) {
    const file = files.find((f) => f.name === row.name);
    if (file && file.checksum !== row.checksum) {
      // an amended file (migration-amendments.ts): the database applied an earlier version of it
      await client.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1', [row.name, file.checksum]);
      log.info({ migration: row.name }, 'amended migration: earlier version was applied, checksum updated');
    }
  }
  const done: string[] = [];
  for (const file of pending) {
    const started = performance.now();
    await client.query('BEGIN');
    try {
      await client.query(file.sql);
      const ms = Math.round(performance.now() - started);
      await client.query('INSERT INTO schema_migrations (name, checksum, duration_ms) VALUES ($1, $2, $3)', [file.name, file.checksum, ms]);
      await client.query('COMMIT');
      log.info({ migration: file.name, ms }, 'migration applied');
      done.push(file.name);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new DbError(DbErrorCode.MIGRATION_FAILED, `${file.name}${lineOf(file.sql, error)}: ${(error as Error).message}`, {
        cause: error,
        details: { migration: file.name },
      });
    }
  }
  if (done.length === 0) log.debug({ applied: applied.length }, 'schema is up to date');
  return { applied: done, alreadyApplied: applied.length };
}

/** Verifies the applied files against the folder and returns the pending ones. */
export function checkApplied(files: readonly MigrationFile[], applied: readonly AppliedRow[]): MigrationFile[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of applied) {
    const file = byName.get(row.name);
    if (!file) {
      throw new DbError(DbErrorCode.MIGRATION_MISSING, `${row.name} is recorded as applied but is not in the migrations folder`, {
        details: { migration: row.name },
      });
    }
    if (file.checksum !== row.checksum && !isEarlierVersion(row.name, row.checksum)) {
      throw new DbError(
        DbErrorCode.MIGRATION_EDITED,
        `${row.name} changed since it was applied (checksum ${row.checksum.slice(0, 12)}… now ${file.checksum.slice(0, 12)}…); add a new migration instead`,
        { details: { migration: row.name } },
      );
    }
  }
  const appliedNames = new Set(applied.map((r) => r.name));
  const newest = Math.max(-1, ...files.filter((f) => appliedNames.has(f.name)).map((f) => f.number));
  const pending = files.filter((f) => !appliedNames.has(f.name));
  const early = pending.find((f) => f.number < newest);
  if (early) {
    throw new DbError(DbErrorCode.MIGRATION_OUT_OF_ORDER, `${early.name} is pending but later migrations are already applied`, {
      details: { migration: early.name },
    });
  }
  return pending;
}

/** " (line N)" for a PostgreSQL error with a position in the file, else "". */
function lineOf(sql: string, error: unknown): string {
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return '';
  return ` (line ${sql.slice(0, position - 1).split('\n').length})`;
}

export interface MigrationStatus {
  readonly name: string;
  readonly appliedAt: Date | null;
  readonly state: 'applied' | 'pending' | 'edited' | 'missing';
}

/** What is applied, pending, edited or missing; reads only, takes no lock. */
export async function migrationStatus(connection: string | pg.ClientConfig, dir: string = MIGRATIONS_DIR): Promise<MigrationStatus[]> {
  const files = await readMigrationFiles(dir);
  const client = connect(connection);
  await client.connect();
  try {
    const { rows: exists } = await client.query<{ ok: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
    const { rows } = exists[0]?.ok
      ? await client.query<{ name: string; checksum: string; applied_at: Date }>('SELECT name, checksum, applied_at FROM schema_migrations')
      : { rows: [] };
    const byName = new Map(rows.map((r) => [r.name, r]));
    const status: MigrationStatus[] = files.map((f) => {
      const row = byName.get(f.name);
      if (!row) return { name: f.name, appliedAt: null, state: 'pending' };
      return { name: f.name, appliedAt: row.applied_at, state: row.checksum === f.checksum || isEarlierVersion(f.name, row.checksum) ? 'applied' : 'edited' };
    });
    const names = new Set(files.map((f) => f.name));
    for (const r of rows) if (!names.has(r.name)) status.push({ name: r.name, appliedAt: r.applied_at, state: 'missing' });
    return status.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await client.end();
  }
}

function connect(connection: string | pg.ClientConfig): pg.Client {
  const config = typeof connection === 'string' ? { connectionString: connection } : connection;
  return new pg.Client({ application_name: 'aware-migrate', ...config });
}
