import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serviceUsername } from '@aware/protocol';

const require = createRequire(import.meta.url);
/** Every service has its CLI entry at src/main.ts, beside the index its package exports. */
const BROKER_MAIN = join(dirname(require.resolve('@aware/broker')), 'main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

/**
 * TEST HARNESS: our broker (`@aware/broker`) as its own process, the way it runs in a container:
 * `tsx broker/src/main.ts` on a test database, TCP on a free port, the sim-admin service enabled
 * for the test responder. The simulator shares no code with it; it only talks MQTT to it.
 */
export interface AwareBroker {
  url: string;
  /** Credentials of the `sim-admin` service client (may publish on every `cmd`, see every topic). */
  admin: { username: string; password: string };
  stop(): Promise<void>;
}

export async function startAwareBroker(databaseUrl: string): Promise<AwareBroker> {
  const adminSecret = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, ['--import', TSX, BROKER_MAIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      DEVICE_SECRET_KEYS: process.env['DEVICE_SECRET_KEYS'] ?? '',
      DATABASE_URL: databaseUrl,
      BROKER_HOST: '127.0.0.1',
      BROKER_TCP_PORT: '0',
      BROKER_TLS_PORT: 'off',
      BROKER_WS_PORT: 'off',
      BROKER_METRICS_PORT: 'off',
      BROKER_SIM_ADMIN_SECRET: adminSecret,
      BROKER_AUTH_FAILURE_DELAY_MAX_MS: '0',
      BROKER_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await listeningPort(child);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    admin: { username: serviceUsername('sim-admin'), password: adminSecret },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Reads the broker's JSON log until `broker listening` names the TCP port. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`broker did not start in 20 s: ${stderr.slice(-500)}`)), 20_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => fail(new Error(`broker exited with ${code}: ${stderr.slice(-500)} ${buffered.slice(-500)}`)));
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split('\n')) {
        if (!line.includes('broker listening')) continue;
        const port = (JSON.parse(line) as { addresses?: { tcp?: { port?: number } } }).addresses?.tcp?.port;
        if (port) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          child.stdout?.removeAllListeners('data');
          child.stdout?.resume();
          resolve(port);
        }
      }
    });
  });
}
