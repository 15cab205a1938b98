import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DbErrorCode } from '../src/errors.js';
import { migrate, migrationStatus } from '../src/migrate.js';
import { AMENDED_MIGRATIONS } from '../src/migration-amendments.js';
import { checksumOf } from '../src/migration-files.js';
import { MIGRATIONS_DIR } from '../src/migrations-dir.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { schemaSnapshot } from './schema-snapshot.js';

const logger = pino({ level: 'silent' });

describe('the migration runner', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.close());

  it('applies every file once; a second run applies nothing and leaves one schema', async () => {
    const first = await migrate(db.url, { logger });
    expect(first.applied[0]).toBe('0001_foundation.sql');
    expect(first.alreadyApplied).toBe(0);
    const before = await schemaSnapshot(db.pool);

    const second = await migrate(db.url, { logger });
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    expect(await schemaSnapshot(db.pool)).toBe(before);
    expect((await migrationStatus(db.url)).every((m) => m.state === 'applied')).toBe(true);
  });
});

describe('the migration runner, given a changed migrations folder', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.close());
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    await db.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });

  async function appliedCopy(): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), 'aware-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(db.url, { logger, dir });
    return dir;
  }
  const tableExists = async (name: string): Promise<boolean> =>
    (await db.pool.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name])).rows[0]?.ok ?? false;

  it('refuses an applied file that was edited, with DB_ERR_MIGRATION_EDITED, and applies nothing', async () => {
    await appliedCopy();
    await writeFile(path.join(dir, '0002_devices.sql'), `${await readFile(path.join(dir, '0002_devices.sql'), 'utf8')}\n-- edited\n`);
    await writeFile(path.join(dir, '0999_later.sql'), 'CREATE TABLE later (id int);');
    const error = await migrate(db.url, { logger, dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: DbErrorCode.MIGRATION_EDITED, message: expect.stringContaining('0002_devices.sql') });
    expect(await tableExists('later')).toBe(false);
    expect((await migrationStatus(db.url, dir)).find((m) => m.name === '0002_devices.sql')?.state).toBe('edited');
  });

  it('accepts a database that applied the earlier version of an amended file, and records the file as it is now', async () => {
    await appliedCopy();
    const name = '0009_ingest_health.sql';
    await db.pool.query('UPDATE schema_migrations SET checksum = $2 WHERE name = $1', [name, AMENDED_MIGRATIONS[name]!.earlier[0]]);
    expect((await migrationStatus(db.url, dir)).find((m) => m.name === name)?.state).toBe('applied');
    await expect(migrate(db.url, { logger, dir })).resolves.toMatchObject({ applied: [] });
    const { rows } = await db.pool.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE name = $1', [name]);
    expect(rows[0]?.checksum).toBe(checksumOf(await readFile(path.join(dir, name), 'utf8')));
    // any other earlier content is still an edit
    await db.pool.query(`UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE name = $1`, [name]);
    await expect(migrate(db.url, { logger, dir })).rejects.toMatchObject({ code: DbErrorCode.MIGRATION_EDITED });
  });

  it('refuses when an applied file is missing, with DB_ERR_MIGRATION_MISSING', async () => {
    await appliedCopy();
    await unlink(path.join(dir, '0007_outbox.sql'));
    await expect(migrate(db.url, { logger, dir })).rejects.toMatchObject({ code: DbErrorCode.MIGRATION_MISSING });
  });

  it('refuses a pending file numbered before an applied one, with DB_ERR_MIGRATION_OUT_OF_ORDER', async () => {
    await appliedCopy();
    await writeFile(path.join(dir, '0999_last.sql'), 'SELECT 1;');
    await migrate(db.url, { logger, dir });
    await writeFile(path.join(dir, '0500_forgotten.sql'), 'SELECT 1;');
    await expect(migrate(db.url, { logger, dir })).rejects.toMatchObject({ code: DbErrorCode.MIGRATION_OUT_OF_ORDER });
  });

  it('rolls a failing file back completely and names the file and line', async () => {
    await appliedCopy();
    await writeFile(path.join(dir, '0999_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_column FROM half_done;\n');
    const error = await migrate(db.url, { logger, dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: DbErrorCode.MIGRATION_FAILED, message: expect.stringContaining('0999_broken.sql (line 2)') });
    expect(await tableExists('half_done')).toBe(false);
    expect((await migrationStatus(db.url, dir)).find((m) => m.name === '0999_broken.sql')?.state).toBe('pending');
  });
});
