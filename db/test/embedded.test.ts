import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/embedded.js';
import { DbErrorCode } from '../src/errors.js';
import { isAlive } from '../src/processes.js';

const logger = pino({ level: 'silent' });
const FIXTURE = fileURLToPath(new URL('./fixtures/hold-embedded.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Pids whose parent is `pid` (Linux). */
async function childrenOf(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return children.split(' ').filter(Boolean).map(Number);
}

/** The JSON lines a child prints, one at a time. */
function jsonLines(stream: NodeJS.ReadableStream): { next(): Promise<unknown> } {
  const ready: unknown[] = [];
  const waiting: Array<(value: unknown) => void> = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const value: unknown = JSON.parse(partial.slice(0, nl));
      partial = partial.slice(nl + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(value);
      else ready.push(value);
    }
  });
  return { next: () => (ready.length ? Promise.resolve(ready.shift()) : new Promise((resolve) => waiting.push(resolve))) };
}

describe('startEmbeddedPostgres', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'aware-embedded-test-'));
    await chmod(root, 0o755); // PostgreSQL runs as `postgres` when the tests run as root
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('initialises once, serves queries, and on stop leaves no postgres process behind', async () => {
    const dataDir = path.join(root, 'pg');
    const first = await startEmbeddedPostgres({ dataDir, durable: false, logger });
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    await query(first.url, 'CREATE TABLE kept (id int)');
    const backends = await childrenOf(first.pid);
    expect(backends.length).toBeGreaterThan(0);
    expect((await stat(`${dataDir}.password`)).mode & 0o777).toBe(0o600);
    await first.stop();
    await first.stop();
    expect(await isAlive(first.pid)).toBe(false);
    for (const child of backends) expect(await isAlive(child)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, durable: false, logger });
    try {
      expect(await query(second.url, `SELECT to_regclass('kept') IS NOT NULL AS kept`)).toEqual([{ kept: true }]);
      await expect(startEmbeddedPostgres({ dataDir, logger })).rejects.toMatchObject({ code: DbErrorCode.EMBEDDED_BUSY });
    } finally {
      await second.stop();
    }
    expect(await isAlive(second.pid)).toBe(false);
  });

  it('reports a port that is already taken, when the port was asked for, with DB_ERR_EMBEDDED_START', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port, logger })).rejects.toMatchObject({
        code: DbErrorCode.EMBEDDED_START,
        message: expect.stringContaining(`on port ${port}`),
      });
    } finally {
      blocker.close();
    }
  });

  it('explains when, running as root, the postgres user could not reach the data directory', async () => {
    if (process.getuid?.() !== 0) return;
    const closed = await mkdtemp(path.join(tmpdir(), 'aware-embedded-closed-'));
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(closed, 'pg'), logger })).rejects.toMatchObject({
        code: DbErrorCode.EMBEDDED_START,
        message: expect.stringContaining('cannot enter'),
      });
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });

  it('deletes a throw-away cluster on stop', async () => {
    const dataDir = path.join(root, 'ephemeral');
    const server = await startEmbeddedPostgres({ dataDir, persistent: false, durable: false, logger });
    expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await server.stop();
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is not stopped by a Ctrl-C meant for the platform: it serves the platform until the platform stops it', async () => {
    const dataDir = path.join(root, 'ctrl-c');
    // a terminal's Ctrl-C signals the whole foreground process group: the holder leads one of its own here
    const holder = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const lines = jsonLines(holder.stdout);
    const { pid: postmaster } = (await lines.next()) as { pid: number };
    const exited = new Promise<number | null>((resolve) => holder.once('exit', resolve));
    process.kill(-holder.pid!, 'SIGINT');
    expect(await Promise.race([lines.next(), exited.then((code) => ({ exitedWithoutReport: code }))])).toEqual({ servedAfterSignal: true });
    expect(await exited).toBe(0);
    expect(await isAlive(postmaster)).toBe(false);
  });

  it('shuts down the postmaster that a killed (kill -9) earlier run left on the same directory', async () => {
    const dataDir = path.join(root, 'orphan');
    const holder = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    const orphanPid = await new Promise<number>((resolve, reject) => {
      holder.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { pid: number }).pid));
      holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(await isAlive(orphanPid)).toBe(true);

    const server = await startEmbeddedPostgres({ dataDir, durable: false, logger });
    try {
      expect(await isAlive(orphanPid)).toBe(false);
      expect(server.pid).not.toBe(orphanPid);
      expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  });
});
