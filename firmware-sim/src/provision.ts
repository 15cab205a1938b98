/**
 * `provision --count N`: registers N test pendants through the project's own device registry
 * (`@aware/db` createDevice: hashed secret, status stock, is_test) and writes their credentials
 * for the other commands. The only file of the simulator that touches the database; it reads the
 * database from DATABASE_URL or the PG* variables, as every service does (@aware/db config).
 */
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { LIMITS } from '@aware/protocol';
import { createDevice, createPool, deviceSecretKeysFromEnv, isDbError, loadDbConfig, type DbConfig, type DeviceSecretKeys, type Pool } from '@aware/db';
import pino from 'pino';
import { intFlag, parseFlags, requireFlag } from './cli-args.js';
import { DEFAULT_CREDENTIALS_PATH, readCredentials, writeCredentials, type Credential } from './credentials.js';
import { SimError } from './errors.js';

const HELP = `usage: npm run sim -- provision --count N [--credentials FILE] [--prefix P] [--region R] [--hb-interval S] [--fresh]
Registers N test pendants (status stock, is_test) in the database of DATABASE_URL / PG*, and adds
their {id, secret} to FILE (default ${DEFAULT_CREDENTIALS_PATH}, mode 0600); --fresh starts a new file.
`;

/** Secrets are hashed with argon2 on the libuv pool: a few at a time keeps both cores busy. */
const CONCURRENCY = 4;

export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags('provision', args, {
    count: { type: 'string' },
    credentials: { type: 'string' },
    prefix: { type: 'string' },
    region: { type: 'string' },
    'hb-interval': { type: 'string' },
    fresh: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const count = intFlag('provision', 'count', requireFlag('provision', 'count', values.count), 0, 1, 100_000);
  const prefix = values.prefix ?? 'sim';
  if (!/^[a-z0-9][a-z0-9-]{0,15}$/.test(prefix)) throw new SimError('SIM_ERR_USAGE', 'provision: --prefix must be 1-16 of a-z, 0-9, - (device ids are prefix-batch-number)');
  const hbIntervalS = intFlag('provision', 'hb-interval', values['hb-interval'], LIMITS.defaultHeartbeatIntervalS, LIMITS.minHeartbeatIntervalS, LIMITS.maxHeartbeatIntervalS);
  const path = values.credentials ?? DEFAULT_CREDENTIALS_PATH;
  const earlier = values.fresh ? [] : await existingCredentials(path);

  const config = databaseConfig();
  const keys = secretKeys();
  const pool = createPool(config, { logger: pino({ level: 'warn' }, pino.destination(2)), applicationName: 'aware-sim-provision', max: CONCURRENCY });
  const batch = `${prefix}-${randomBytes(3).toString('hex')}`;
  const created: Credential[] = [];
  try {
    await createAll(pool, keys, count, (i) => `${batch}-${String(i + 1).padStart(5, '0')}`, { region: values.region, hbIntervalS }, created);
  } catch (err) {
    const reason = isDbError(err) ? `${err.message} (${err.code})` : String((err as Error).message ?? err).split('\n')[0];
    throw new SimError('SIM_ERR_PROVISION_FAILED', `provision: ${created.length} of ${count} pendants registered, then: ${reason}`);
  } finally {
    await pool.end();
    // whatever was registered is written, or its secrets would be lost
    if (created.length > 0) await writeCredentials(path, [...earlier, ...created.sort((a, b) => a.id.localeCompare(b.id))]);
  }
  const first = created[0]?.id ?? '';
  const last = created.at(-1)?.id ?? '';
  process.stdout.write(`provisioned ${count} test pendants (${first}${count > 1 ? ` … ${last}` : ''}); ${earlier.length + count} credentials in ${path} (mode 0600)\n`);
  return 0;
}

/** The broker's DEVICE_SECRET_KEYS (or DEVICE_SECRET_KEY_FILE): the secrets are hashed as the broker checks them. */
function secretKeys(): DeviceSecretKeys {
  try {
    return deviceSecretKeysFromEnv();
  } catch (err) {
    throw new SimError('SIM_ERR_USAGE', `provision: ${(err as Error).message}`);
  }
}

function databaseConfig(): DbConfig {
  let config: DbConfig;
  try {
    config = loadDbConfig();
  } catch (err) {
    throw new SimError('SIM_ERR_USAGE', `provision: ${(err as Error).message}`);
  }
  if (!config.serverConfigured) {
    throw new SimError('SIM_ERR_USAGE', 'provision: no database configured: set DATABASE_URL (or PGHOST, PGUSER, ...) to the platform database');
  }
  return config;
}

async function existingCredentials(path: string): Promise<Credential[]> {
  try {
    await access(path);
  } catch {
    return [];
  }
  return readCredentials(path);
}

async function createAll(
  pool: Pool,
  keys: DeviceSecretKeys,
  count: number,
  idOf: (i: number) => string,
  options: { region: string | undefined; hbIntervalS: number },
  created: Credential[],
): Promise<void> {
  let next = 0;
  const tty = process.stderr.isTTY;
  const tick = () => process.stderr.write(tty ? `\r\x1b[2Kprovision: ${created.length}/${count}` : `provision: ${created.length}/${count}\n`);
  const progress = count >= 200 ? setInterval(tick, tty ? 1000 : 10_000) : null;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const id = idOf(next++);
      const device = await createDevice(pool, { id, isTest: true, hbIntervalS: options.hbIntervalS, ...(options.region ? { region: options.region } : {}) }, keys);
      created.push({ id: device.id, secret: device.secret });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  } finally {
    if (progress) {
      clearInterval(progress);
      if (tty) process.stderr.write('\n');
    }
  }
}
