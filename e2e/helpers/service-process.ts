import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/**
 * One service of the topology as its own OS process, started from its CLI the way docker-compose starts
 * its container (`node --import tsx <entry>` with the production V8 flags and only the environment it is
 * given). Its JSON log lines are kept; `stop()` asserts that SIGTERM ends it within a bound.
 */
/** Every process of this test file, for `printTailsOnFailure`. */
const started = new Set<ServiceProcess>();

/**
 * For `afterEach`: when the test failed, print the last log lines of every process of the file, so a
 * failure in CI (where only the test report is kept) can be read.
 */
export function printTailsOnFailure(ctx: { task: { name: string; result?: { state?: string } } }): void {
  if (ctx.task.result?.state !== 'fail') return;
  for (const p of started) console.error(`--- ${p.name} (pid ${p.pid ?? '-'}, ${p.running ? 'running' : 'exited'}) after "${ctx.task.name}":\n${p.tail(40)}`);
}

export class ServiceProcess {
  readonly logs: LogLine[] = [];
  readonly stderr: string[] = [];
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    private readonly entry: string,
    private env: Record<string, string>,
    private readonly args: readonly string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process; resolves with the first log line `ready` accepts. */
  async start(ready: (line: LogLine) => boolean, timeoutMs = 30_000, envOverrides: Record<string, string> = {}): Promise<LogLine> {
    this.env = { ...this.env, ...envOverrides };
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', this.entry, ...this.args], {
      cwd: ROOT,
      // the run's pendant-secret key (db/src/testing/global-setup.ts), as a deployment's secret store gives it to every service
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', DEVICE_SECRET_KEYS: process.env['DEVICE_SECRET_KEYS'] ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    started.add(this);
    const file = logFile(this.name, child.pid);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('close', () => file?.end());
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const text = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (process.env['AWARE_E2E_LOG']) process.stderr.write(`[${this.name}] ${text}\n`);
        file?.write(`${text}\n`);
        try {
          this.logs.push(JSON.parse(text) as LogLine);
        } catch {
          this.stderr.push(text);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      file?.write(chunk);
      if (process.env['AWARE_E2E_LOG']) process.stderr.write(`[${this.name}!] ${chunk.toString()}`);
    });
    const from = this.logs.length;
    return this.waitForLog(ready, timeoutMs, from);
  }

  /** Resolves with the first line (from index `from` on) that `predicate` accepts; rejects if the process exits first. */
  async waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 15_000, from = 0): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.logs.length; i++) if (predicate(this.logs[i]!)) return this.logs[i]!;
      if (!this.running) throw new Error(`${this.name} exited (${this.child?.exitCode ?? this.child?.signalCode}):\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no matching log line within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** SIGKILL: no shutdown, nothing flushed. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGSTOP / SIGCONT: a process that stalls (a long GC pause, a frozen VM) and comes back. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGTERM; resolves with how long the process took to exit, or throws if it did not within `boundMs`. */
  async stop(boundMs = 15_000): Promise<number> {
    if (!this.running) return 0;
    const started = Date.now();
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), boundMs);
    const code = await this.exited;
    clearTimeout(timer);
    const took = Date.now() - started;
    if (took >= boundMs) throw new Error(`${this.name} did not exit within ${boundMs} ms of SIGTERM (code ${code}):\n${this.tail()}`);
    return took;
  }

  tail(lines = 25): string {
    return [...this.logs.slice(-lines).map((l) => JSON.stringify(l)), ...this.stderr.slice(-5)].join('\n');
  }
}

/**
 * With AWARE_E2E_LOG_DIR set, every process's output is also written to `<dir>/<test file>.<name>-<pid>.log`, to read
 * after a run (e.g. a failure under the parallel suite, where printing everything would drown the report).
 */
function logFile(name: string, pid: number | undefined): WriteStream | null {
  const dir = process.env['AWARE_E2E_LOG_DIR'];
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const file = basename(expect.getState().testPath ?? 'unknown', '.test.ts');
  return createWriteStream(join(dir, `${file}.${name}-${pid ?? 'x'}.log`), { flags: 'a' });
}
