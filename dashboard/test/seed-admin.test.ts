import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the seed-admin command', () => {
  let db: TestDatabase;
  const env = () => ({ ...process.env, DATABASE_URL: db.url, AWARE_TOTP_KEY: randomBytes(32).toString('base64'), NODE_ENV: 'production' });
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('creates the first administrator and prints the password and enrolment URI once; a second run is refused', async () => {
    const args = ['tsx', 'dashboard/src/server/seed-admin.ts', '--username', 'first.admin', '--display-name', 'Eerste beheerder'];
    const { stdout } = await run('npx', args, { cwd: ROOT, env: env() });
    expect(stdout).toMatch(/Initial password \(shown once\): \S{24}/);
    expect(stdout).toMatch(/otpauth:\/\/totp\/AWARE:first\.admin\?\S*secret=[A-Z2-7]+/);
    const { rows } = await db.pool.query(`SELECT u.username, r.role, u.totp_secret LIKE 'v1.%' AS encrypted FROM users u JOIN user_roles r ON r.user_id = u.id`);
    expect(rows).toEqual([{ username: 'first.admin', role: 'admin', encrypted: true }]);
    const again = await run('npx', [...args.slice(0, 3), 'second.admin'], { cwd: ROOT, env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('an administrator exists already') });
  }, 60_000);
});
