import { connect as tcpConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { loadDbConfig, redactUrl, type DbConnection } from '../config.js';
import { startEmbeddedPostgres } from '../embedded.js';

export interface TestServer {
  /** Admin URL: a role that may CREATE DATABASE; the path names a maintenance database. */
  readonly url: string;
  readonly source: 'configured' | 'local' | 'embedded';
  stop(): Promise<void>;
}

/**
 * Which PostgreSQL the tests use, in this order:
 *  1. the one DATABASE_URL or the PG* variables name, if it answers and may create databases;
 *  2. with nothing configured, one accepting connections on 127.0.0.1:5432 (as the OS user, then `postgres`);
 *  3. otherwise an embedded PostgreSQL in a temp folder, stopped by stop().
 * A configured server that is not usable is reported in one log line and replaced by the embedded one
 * (not by whatever listens on 5432: a configuration names the server wanted), so `npm test` passes
 * with PGHOST pointing nowhere.
 */
export async function findOrStartTestServer(
  env: Readonly<Record<string, string | undefined>>,
  root: Logger,
  local: { host: string; port: number } = { host: '127.0.0.1', port: 5432 },
): Promise<TestServer> {
  const logger = root.child({ component: 'test-db' });
  const config = loadDbConfig(env);
  if (config.serverConfigured) {
    const url = toUrl(config.connection);
    const problem = await probe(url);
    if (!problem) return { url, source: 'configured', stop: async () => undefined };
    logger.warn(`configured PostgreSQL ${redactUrl(url)} is not usable (${problem}); starting an embedded PostgreSQL instead`);
    return startEmbedded(root);
  }
  if (await tcpOpen(local.host, local.port)) {
    for (const user of new Set([userInfo().username, 'postgres'])) {
      const url = `postgres://${encodeURIComponent(user)}@${local.host}:${local.port}/postgres`;
      if (!(await probe(url))) return { url, source: 'local', stop: async () => undefined };
    }
    logger.warn(`a server listens on ${local.host}:${local.port} but accepts neither the OS user nor postgres without a password; falling back`);
  }
  logger.info(`no PostgreSQL configured and none usable on ${local.host}:${local.port}: starting an embedded PostgreSQL for the tests`);
  return startEmbedded(root);
}

async function startEmbedded(logger: Logger): Promise<TestServer> {
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(tmpdir(), `aware-test-pg-${process.pid}-${randomBytes(4).toString('hex')}`),
    persistent: false,
    durable: false,
    maxConnections: 300,
    logger,
  });
  return { url: embedded.url, source: 'embedded', stop: embedded.stop };
}

/** undefined when the server answers and the role may create databases, else why not. */
async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000, application_name: 'aware-test-probe' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT rolcreatedb OR rolsuper AS ok FROM pg_roles WHERE rolname = current_user');
    return rows[0]?.ok ? undefined : 'role may not create databases';
  } catch (error) {
    return (error as Error).message || String((error as { code?: string }).code ?? error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, timeout: 1_000 });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** A URL for a PG*-style connection (libpq defaults filled in), so workers can be handed one string. */
function toUrl(connection: DbConnection): string {
  if ('connectionString' in connection) return connection.connectionString;
  const user = encodeURIComponent(connection.user ?? userInfo().username);
  const password = connection.password ? `:${encodeURIComponent(connection.password)}` : '';
  const database = encodeURIComponent(connection.database ?? 'postgres');
  const host = connection.host ?? 'localhost';
  const port = connection.port ?? 5432;
  if (host.startsWith('/')) return `postgres://${user}${password}@/${database}?host=${encodeURIComponent(host)}&port=${port}`;
  return `postgres://${user}${password}@${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
}
