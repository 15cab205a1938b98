#!/usr/bin/env node
/**
 * `tsx db/src/main.ts <command>`: database chores from a shell. Results on stdout (JSON), logs on stderr.
 *   migrate                                   apply pending migrations
 *   status                                    list migrations and their state
 *   device:create <id> [--region r] [--test] [--hb-interval s]   register a pendant, print its secret once
 *   device:rotate <id>                        issue a fresh secret, revoke the earlier ones, print it once
 *   telemetry:maintain [--retention-days n] [--ahead n]
 *   service-login <name>                      the services' own login role (member of aware_app, nothing
 *                                             more); password from AWARE_DB_SERVICE_PASSWORD, if set
 * Connection from DATABASE_URL or the PG* variables (config.ts).
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadDbConfig, describeConnection } from './config.js';
import { DbError, DbErrorCode, isDbError } from './errors.js';
import { migrate, migrationStatus } from './migrate.js';
import { createPool } from './pool.js';
import { createDevice, rotateDeviceSecret } from './devices/index.js';
import { deviceSecretKeysFromEnv } from './device-secrets.js';
import { maintainTelemetry } from './telemetry-maintain.js';
import { ensureServiceLogin } from './service-login.js';
import pg from 'pg';

const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info' }, pino.destination(2));

async function run(argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  const config = loadDbConfig();
  logger.debug({ server: describeConnection(config.connection) }, 'database');
  switch (command) {
    case 'migrate':
      return migrate(config.connection, { logger });
    case 'status':
      return migrationStatus(config.connection);
    case 'service-login': {
      const name = rest[0];
      if (!name) throw new DbError(DbErrorCode.CLI_USAGE, 'service-login needs a role name');
      const client = new pg.Client('connectionString' in config.connection ? { connectionString: config.connection.connectionString } : { ...config.connection });
      await client.connect();
      try {
        await ensureServiceLogin(client, name, process.env['AWARE_DB_SERVICE_PASSWORD'] || null);
      } finally {
        await client.end();
      }
      return { role: name, memberOf: 'aware_app' };
    }
    case 'device:create':
    case 'device:rotate':
    case 'telemetry:maintain':
      return withPool(config, (pool) => poolCommand(command, rest, pool));
    default:
      throw new DbError(DbErrorCode.CLI_USAGE, `${command ?? '(none)'}; commands: migrate, status, service-login, device:create, device:rotate, telemetry:maintain`);
  }
}

async function poolCommand(
  command: 'device:create' | 'device:rotate' | 'telemetry:maintain',
  args: string[],
  pool: ReturnType<typeof createPool>,
): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      test: { type: 'boolean' },
      'hb-interval': { type: 'string' },
      'retention-days': { type: 'string' },
      ahead: { type: 'string' },
    },
  });
  if (command === 'telemetry:maintain') {
    return maintainTelemetry(pool, {
      ...(values['retention-days'] ? { retentionDays: Number(values['retention-days']) } : {}),
      ...(values.ahead ? { aheadDays: Number(values.ahead) } : {}),
    });
  }
  const id = positionals[0];
  if (!id) throw new DbError(DbErrorCode.CLI_USAGE, `${command} needs a device id`);
  const keys = deviceSecretKeysFromEnv();
  if (command === 'device:rotate') return { id, secret: await rotateDeviceSecret(pool, id, { keys, reason: 'rotated from the CLI' }) };
  return createDevice(
    pool,
    {
      id,
      region: values.region ?? null,
      isTest: values.test ?? false,
      ...(values['hb-interval'] ? { hbIntervalS: Number(values['hb-interval']) } : {}),
    },
    keys,
  );
}

async function withPool<T>(config: ReturnType<typeof loadDbConfig>, fn: (pool: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const pool = createPool(config, { logger, applicationName: 'aware-db-cli', max: 2 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

run(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  },
  (error: unknown) => {
    const code = isDbError(error) ? error.code : 'DB_ERR_UNEXPECTED';
    logger.error({ code, error: (error as Error).message }, 'command failed');
    process.exitCode = 1;
  },
);
