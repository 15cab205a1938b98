import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';

const running = new Set<ChildProcess>();

/** Kills every child still running (the bench never leaves processes behind). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** A TypeScript child process on IPC, in its own Node (tsx loader). */
export class Child {
  readonly process: ChildProcess;
  private readonly waiting: { event: string; resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];

  constructor(file: string, env: NodeJS.ProcessEnv = process.env, execArgv: string[] = []) {
    this.process = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: ['--import', 'tsx', ...execArgv],
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(this.process);
    this.process.on('message', (message: Record<string, unknown>) => {
      if (message['event'] === 'error') {
        for (const w of this.waiting.splice(0)) w.reject(new Error(`${file}: ${String(message['message'])}`));
        return;
      }
      const i = this.waiting.findIndex((w) => w.event === message['event']);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(message);
    });
    this.process.on('exit', (code) => {
      running.delete(this.process);
      for (const w of this.waiting.splice(0)) w.reject(new Error(`${file} exited (${code})`));
    });
  }

  /** Resolves with the next message of this `event`. */
  next(event: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({
        event,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  /** Sends a command and waits for the answering event. */
  async ask(command: Record<string, unknown>, event: string, timeoutMs?: number): Promise<Record<string, unknown>> {
    const answer = this.next(event, timeoutMs);
    this.process.send(command);
    return answer;
  }

  async exit(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.send({ cmd: 'exit' });
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The broker as its own process (`broker/src/main.ts`, production V8 flags), resolved with its MQTT port once listening. */
export async function startBrokerProcess(env: NodeJS.ProcessEnv): Promise<{ port: number; pid: number; stop(): Promise<void> }> {
  const main = fileURLToPath(new URL('../../broker/src/main.ts', import.meta.url));
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', main], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('broker did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`broker exited (${code})`)));
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; addresses?: { tcp?: { port: number } } };
        if (entry.msg === 'broker listening' && entry.addresses?.tcp) {
          clearTimeout(timer);
          resolve(entry.addresses.tcp.port);
        }
      } catch {
        // not JSON: ignore
      }
    });
  });
  return {
    port,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      running.delete(child);
    },
  };
}
