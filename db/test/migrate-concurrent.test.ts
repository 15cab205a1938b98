import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, migrate } from '../src/migrate.js';
import { readMigrationFiles } from '../src/migration-files.js';
import { MIGRATIONS_DIR } from '../src/migrations-dir.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { schemaSnapshot } from './schema-snapshot.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx db/src/main.ts migrate` in its own Node process. */
function runCli(databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'migrate'], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two migration runners in separate processes at once', () => {
  let target: TestDatabase;
  let reference: TestDatabase;
  beforeAll(async () => {
    [target, reference] = await Promise.all([createTestDatabase({ migrate: false }), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([target.close(), reference.close()]);
  });

  it('apply each file exactly once and leave the same schema as a single run', async () => {
    // Hold the runners' lock so both processes are provably inside migrate() together, then let go.
    const holder = new pg.Client({ connectionString: target.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    const runs = Promise.all([runCli(target.url), runCli(target.url)]);
    await waitFor(async () => {
      const { rows } = await holder.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      return (rows[0]?.n ?? 0) >= 2;
    }, 30_000);
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await holder.end();

    const [a, b] = await runs;
    expect(a?.code, a?.stderr).toBe(0);
    expect(b?.code, b?.stderr).toBe(0);
    const applied = [a, b].flatMap((r) => (JSON.parse(r?.stdout ?? '{}') as { applied: string[] }).applied);
    const files = (await readMigrationFiles(MIGRATIONS_DIR)).map((f) => f.name);
    expect(applied.sort()).toEqual(files);
    expect(`${a?.stderr}${b?.stderr}`).toContain('another migration run holds the lock; waiting');
    expect(await schemaSnapshot(target.pool)).toBe(await schemaSnapshot(reference.pool));
    expect(await migrate(target.url, { logger: pino({ level: 'silent' }) })).toMatchObject({ applied: [] });
  });
});
