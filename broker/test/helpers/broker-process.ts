import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testEnv } from './broker-fixture.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface BrokerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly nodeId: string;
  /** Log lines of the process (JSON, parsed). */
  readonly logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Runs the broker CLI (src/main.ts) as its own process, like a cluster node, and resolves once it
 * listens (its "broker listening" log line carries the addresses of its port-0 listeners).
 */
export function spawnBroker(env: Record<string, string>): Promise<BrokerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...testEnv({ BROKER_LOG_LEVEL: 'debug', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker process did not start: ${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`broker process exited with ${code}: ${stderr}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry['msg'] === 'broker listening') {
          clearTimeout(timer);
          const addresses = entry['addresses'] as { tcp: { port: number } };
          resolve({
            child,
            url: `mqtt://127.0.0.1:${addresses.tcp.port}`,
            nodeId: String(entry['node']),
            logs,
            stop: () => stopProcess(child),
          });
        }
      }
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
