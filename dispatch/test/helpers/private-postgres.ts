import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrate, startEmbeddedPostgres, type EmbeddedPostgres } from '@aware/db';
import pg from 'pg';
import pino from 'pino';
import { freeFixedPort } from './ports.js';

/**
 * A PostgreSQL cluster of our own (never the machine's shared one), that a chaos test may stop and
 * start again on the same data directory and port.
 */
export interface PrivatePostgres {
  /** URL of the migrated `aware` database. */
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = join(tmpdir(), `dispatch-chaos-pg-${randomBytes(4).toString('hex')}`);
  const port = await freeFixedPort();
  const logger = pino({ level: 'warn' });
  const boot = () => startEmbeddedPostgres({ dataDir, port, persistent: true, durable: false, logger, maxConnections: 100 });
  let server: EmbeddedPostgres | null = await boot();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE aware');
  await admin.end();
  const u = new URL(server.url);
  u.pathname = '/aware';
  const url = u.toString();
  await migrate(url, { logger });
  return {
    url,
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server ??= await boot();
    },
    async destroy() {
      await server?.stop();
      server = null;
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    },
  };
}
