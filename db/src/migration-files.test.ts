import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DbErrorCode } from './errors.js';
import { checksumOf, readMigrationFiles } from './migration-files.js';
import { MIGRATIONS_DIR } from './migrations-dir.js';

describe('migration files', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('of the package are read in number order with a checksum each', async () => {
    const files = await readMigrationFiles(MIGRATIONS_DIR);
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.map((f) => f.number)).toEqual([...files.map((f) => f.number)].sort((a, b) => a - b));
    expect(files[0]?.name).toBe('0001_foundation.sql');
    for (const f of files) expect(f.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('have the same checksum whether checked out with LF or CRLF line endings', () => {
    expect(checksumOf('SELECT 1;\r\nSELECT 2;\r\n')).toBe(checksumOf('SELECT 1;\nSELECT 2;\n'));
    expect(checksumOf('SELECT 1;')).not.toBe(checksumOf('SELECT 2;'));
  });

  it('must be named NNNN_name.sql', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aware-mig-'));
    await writeFile(path.join(dir, '1_bad.sql'), 'SELECT 1;');
    await expect(readMigrationFiles(dir)).rejects.toMatchObject({ code: DbErrorCode.MIGRATION_NAME });
  });

  it('may not share a number', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aware-mig-'));
    await writeFile(path.join(dir, '0001_a.sql'), 'SELECT 1;');
    await writeFile(path.join(dir, '0001_b.sql'), 'SELECT 1;');
    await expect(readMigrationFiles(dir)).rejects.toMatchObject({ code: DbErrorCode.MIGRATION_NAME });
  });
});
