import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  readonly stderr: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A free TCP port below 32768 (outside the ephemeral range that 10,000 client sockets use). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const ok = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}

export interface SpawnOptions {
  readonly onStderr?: (line: string) => void;
  /** Flags for node itself, before `--import tsx`. */
  readonly nodeArgs?: readonly string[];
  /** Run at this niceness (load generators: the system under test gets the CPU first). */
  readonly nice?: number;
}

/** `node [nodeArgs] --import tsx <script> ...args` from the repository root, stdout/stderr kept. */
export function spawnTs(script: string, args: string[], env: Record<string, string>, o: SpawnOptions = {}): Child {
  const onStderr = o.onStderr;
  const command = [process.execPath, ...(o.nodeArgs ?? []), '--import', 'tsx', script, ...args];
  const [file, ...argv] = o.nice ? ['nice', '-n', String(o.nice), ...command] : command;
  const child = spawn(file!, argv, {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', DEVICE_SECRET_KEYS: process.env['DEVICE_SECRET_KEYS'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      stderr.push(line);
      if (stderr.length > 200) stderr.shift();
      onStderr?.(line);
    }
  });
  const logFile = process.env['BENCH_LOG_DIR'] ? createWriteStream(join(process.env['BENCH_LOG_DIR'], `${script.replace(/\W+/g, '-')}-${child.pid}.log`)) : null;
  child.stdout!.on('data', (chunk: Buffer) => {
    logFile?.write(chunk);
    if (!script.startsWith('dispatch/')) return;
    for (const line of chunk.toString().split('\n')) if (line.includes('"level":50') || line.includes('"level":60')) process.stderr.write(`[${script}] ${line}\n`);
  });
  return {
    process: child,
    stderr,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill(signal);
      }),
  };
}

export async function waitForPort(port: number, child: Child, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`${what} exited with ${child.process.exitCode}: ${child.stderr.slice(-10).join('\n')}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what}: nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
