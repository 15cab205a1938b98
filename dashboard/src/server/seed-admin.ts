/**
 * From the repository root: `npm run seed-admin -w dashboard -- --username <name> [--display-name <text>] [--organisation veilig_thuis]
 * [--region <code>] [--force]`: creates the first administrator and prints, this once, the initial password
 * and the TOTP enrolment URI (as a QR code for an authenticator app, and as text). Database: DATABASE_URL / PG* when set, else the embedded database of `npm start` (which
 * must be running), found through AWARE_DATA_DIR (.data) and AWARE_EMBEDDED_PG_PORT (15432). Migrates first.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPool, loadDbConfig, migrate } from '@aware/db';
import { Organisation } from '@aware/protocol';
import pino from 'pino';
import { Username } from '../contract/auth.js';
import { qrTerminal } from '../contract/qr-matrix.js';
import { TotpCipher } from './auth/totp-cipher.js';
import { loadTotpKey } from './auth/totp-key.js';
import { loadConfig } from './config.js';
import { createFirstAdmin } from './seed/create-first-admin.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    'display-name': { type: 'string' },
    organisation: { type: 'string', default: 'veilig_thuis' },
    region: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const username = Username.safeParse(values.username ?? '');
const organisation = Organisation.safeParse(values.organisation);
if (!username.success || !organisation.success) {
  process.stderr.write('usage: seed-admin --username <name> [--display-name <text>] [--organisation police|veilig_thuis|moviera] [--region <code>] [--force]\n');
  process.exit(2);
}

const logger = pino({ level: 'warn' }, pino.destination(2));
const dataDir = path.resolve(process.env['AWARE_DATA_DIR'] || '.data');
// the key `npm start` keeps beside its database, unless told otherwise
const env = { AWARE_TOTP_KEY_FILE: path.join(dataDir, 'totp.key'), ...process.env };
const config = loadConfig(env);
const db = loadDbConfig(env);
const url = db.serverConfigured ? null : await embeddedUrl(env, dataDir);
const connection = url ?? ('connectionString' in db.connection ? db.connection.connectionString : { ...db.connection });
await migrate(connection, { logger });
const pool = createPool(url ? loadDbConfig({ ...env, DATABASE_URL: url }) : db, { logger, applicationName: 'aware-seed-admin' });
try {
  const cipher = new TotpCipher(await loadTotpKey(config.totp));
  const issued = await createFirstAdmin(pool, cipher, config.totp.issuer, {
    username: username.data,
    displayName: values['display-name'] ?? username.data,
    organisation: organisation.data,
    region: values.region ?? null,
    force: values.force,
  });
  process.stdout.write(
    [
      `Administrator created: ${issued.user.username} (${issued.user.organisation})`,
      `Initial password (shown once): ${issued.initialPassword}`,
      `Second factor: scan this code with an authenticator app, or enter the URI below (shown once):`,
      qrTerminal(issued.totpUri!),
      `  ${issued.totpUri}`,
      `TOTP secrets are encrypted with the key in ${config.totp.key ? 'AWARE_TOTP_KEY' : config.totp.keyFile}; the dashboard needs the same key.`,
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`seed-admin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}

/** The `aware` database of the embedded PostgreSQL that `npm start` runs (see platform/database.ts). */
async function embeddedUrl(e: NodeJS.ProcessEnv, dataDir: string): Promise<string> {
  const port = e['AWARE_EMBEDDED_PG_PORT'] || '15432';
  let password: string;
  try {
    password = (await readFile(path.join(dataDir, 'pg.password'), 'utf8')).trim();
  } catch {
    process.stderr.write(`seed-admin: no DATABASE_URL and no embedded database in ${dataDir}: start the platform once (npm start) or set DATABASE_URL\n`);
    process.exit(1);
  }
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/aware`;
}
