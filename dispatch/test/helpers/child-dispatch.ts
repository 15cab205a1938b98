import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildDispatch {
  readonly process: ChildProcess;
  /** http://127.0.0.1:port */
  readonly address: string;
  readonly logs: string[];
  /** Resolves once this process is the active node (holds the lease, its press session subscribed). */
  whenActive(timeoutMs?: number): Promise<void>;
  /** SIGKILL: no shutdown, no flush, nothing. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

/** Dispatch as its own process (`dispatch/src/main.ts`), as in production; resolves once it has started. */
export async function spawnDispatch(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildDispatch> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'dispatch/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dispatch did not start:\n${logs.slice(-20).join('\n')}`)), timeoutMs);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        logs.push(line);
        if (process.env['DISPATCH_TEST_LOG']) process.stderr.write(`[child] ${line}\n`);
        try {
          const parsed = JSON.parse(line) as { msg?: string; address?: string };
          if (parsed.msg === 'dispatch started' && parsed.address) {
            clearTimeout(timer);
            resolve(parsed.address);
          }
        } catch {
          // not JSON
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dispatch exited with ${code}:\n${logs.slice(-20).join('\n')}`));
    });
  });
  const isActiveLine = (line: string) => line.includes('"msg":"active: taking presses"');
  return {
    process: child,
    address,
    logs,
    async whenActive(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!logs.some(isActiveLine)) {
        if (Date.now() > deadline) throw new Error(`dispatch did not become active:\n${logs.slice(-20).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
