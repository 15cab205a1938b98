import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';

export type BrokerName = 'aware' | 'aedes' | 'mosquitto';

export interface BrokerUnderTest {
  readonly name: BrokerName;
  readonly pid: number;
  /** SIGUSR2 makes it collect its garbage (the Node brokers). */
  readonly gcOnSignal: boolean;
  readonly url: string;
  readonly metricsUrl: string | null;
  stop(): Promise<void>;
}

const BROKER_MAIN = fileURLToPath(new URL('../../broker/src/main.ts', import.meta.url));
const PLAIN_AEDES = fileURLToPath(new URL('./plain-aedes.ts', import.meta.url));
/** Node flags of both Node brokers: a full GC on SIGUSR2 before memory samples (gc-on-signal.mjs). */
const GC_ON_SIGNAL = ['--expose-gc', '--import', fileURLToPath(new URL('./gc-on-signal.mjs', import.meta.url))];

/** A free TCP port below 32768 (outside the ephemeral range the 10,000 client sockets use). */
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

/** Our broker as its own process (broker/src/main.ts) with the production V8 flags, auth and ACL on, on the bench database. */
export async function startAwareBroker(databaseUrl: string, secrets: { dispatch: string; ingest: string }, n: number, port?: number): Promise<BrokerUnderTest> {
  port ??= await freePort();
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...(process.env['AWARE_BENCH_BROKER_NODE_FLAGS'] ?? '').split(' ').filter(Boolean), ...GC_ON_SIGNAL, '--import', 'tsx', BROKER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BROKER_HOST: '127.0.0.1',
      BROKER_TCP_PORT: String(port),
      BROKER_WS_PORT: 'off',
      BROKER_TLS_PORT: 'off',
      BROKER_METRICS_PORT: String(metricsPort),
      BROKER_MAX_CONNECTIONS: String(n + 100),
      // the per-device rate limit is a policy, not a capacity: it still runs on every message, but with
      // a burst no bench phase reaches, so small --pendants runs measure the broker and not the policy
      BROKER_DEVICE_RATE_BURST: '100000',
      BROKER_INGEST_SECRET: secrets.ingest,
      BROKER_DISPATCH_SECRET: secrets.dispatch,
      BROKER_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort(port, child);
  return { name: 'aware', pid: child.pid!, gcOnSignal: true, url: `mqtt://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, stop: () => stopChild(child) };
}

/** aedes without any of our hooks, same Node and aedes version (plain-aedes.ts). */
export async function startPlainAedes(): Promise<BrokerUnderTest> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env['AWARE_BENCH_AEDES_NODE_FLAGS'] ?? '').split(' ').filter(Boolean), ...GC_ON_SIGNAL, '--import', 'tsx', PLAIN_AEDES, String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForPort(port, child);
  return { name: 'aedes', pid: child.pid!, gcOnSignal: true, url: `mqtt://127.0.0.1:${port}`, metricsUrl: null, stop: () => stopChild(child) };
}

/**
 * Mosquitto 2 with a temporary config: one listener, anonymous (or, with `passwordFile`, logins checked
 * against that mosquitto_passwd file), no persistence, no connection limit, and tuned like our broker:
 * TCP_NODELAY on (Mosquitto's default is off, which adds Nagle delays to every delivery to a busy
 * subscriber) and a QoS 1 in-flight window of 1000 per client instead of 20 (aedes has no such window),
 * so neither setting handicaps the reference.
 */
export async function startMosquitto(options: { port?: number; passwordFile?: string } = {}): Promise<BrokerUnderTest> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'aware-bench-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [`listener ${port} 127.0.0.1`, ...(options.passwordFile ? ['allow_anonymous false', `password_file ${options.passwordFile}`] : ['allow_anonymous true']), 'persistence false', 'max_connections -1', 'log_dest stderr', 'log_type error', 'log_type warning', 'max_queued_messages 100000', 'set_tcp_nodelay true', 'max_inflight_messages 1000', ''].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForPort(port, child);
  return {
    name: 'mosquitto',
    pid: child.pid!,
    gcOnSignal: false,
    url: `mqtt://127.0.0.1:${port}`,
    metricsUrl: null,
    stop: async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`broker process exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
