import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DbError, DbErrorCode } from './errors.js';

export interface MigrationFile {
  /** File name, e.g. `0001_foundation.sql`; the key recorded in schema_migrations. */
  readonly name: string;
  readonly number: number;
  readonly sql: string;
  /** sha256 (hex) of the file with line endings normalised to LF, so a CRLF checkout is not "edited". */
  readonly checksum: string;
}

const NAME_PATTERN = /^(\d{4})_[a-z0-9][a-z0-9_]*\.sql$/;

/** Reads `dir`, in order. Any other `.sql` name, or a number used twice, is refused (DB_ERR_MIGRATION_NAME). */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const match = NAME_PATTERN.exec(name);
    if (!match?.[1]) throw new DbError(DbErrorCode.MIGRATION_NAME, name);
    const number = Number(match[1]);
    const previous = files.at(-1);
    if (previous?.number === number) {
      throw new DbError(DbErrorCode.MIGRATION_NAME, `${previous.name} and ${name} share number ${match[1]}`);
    }
    const sql = await readFile(path.join(dir, name), 'utf8');
    files.push({ name, number, sql, checksum: checksumOf(sql) });
  }
  return files;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}
