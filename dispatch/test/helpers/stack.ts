import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { dbDeviceDirectory, loadConfig as loadBrokerConfig, start as startBroker, type RunningBroker } from '@aware/broker';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import pino, { type Logger } from 'pino';
import type pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { start, type RunningDispatch } from '../../src/start.js';

export const DISPATCH_SECRET = randomBytes(24).toString('base64url');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A logger whose JSON lines are kept for assertions (and printed when DISPATCH_TEST_LOG is set). */
export function collectingLogger(level = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        lines.push(JSON.parse(line) as LogLine);
        if (process.env['DISPATCH_TEST_LOG']) process.stderr.write(`${line}\n`);
      }
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

/** The real broker (aedes with device and service authentication, ACL) on a test database, loopback, port 0. */
export async function startTestBroker(pool: pg.Pool, logger: Logger): Promise<{ broker: RunningBroker; url: string }> {
  const broker = await startBroker(
    loadBrokerConfig({
      BROKER_HOST: '127.0.0.1',
      BROKER_TCP_PORT: '0',
      BROKER_TLS_PORT: 'off',
      BROKER_WS_PORT: 'off',
      BROKER_METRICS_PORT: 'off',
      BROKER_DISPATCH_SECRET: DISPATCH_SECRET,
      BROKER_LOG_LEVEL: 'warn',
      BROKER_DEVICE_RATE_PER_S: '200',
      BROKER_DEVICE_RATE_BURST: '400',
    }),
    { devices: dbDeviceDirectory(pool), logger },
  );
  return { broker, url: `mqtt://127.0.0.1:${broker.addresses.tcp!.port}` };
}

/** Environment of a dispatch under test: port 0, this broker, a fresh journal folder. */
export function dispatchEnv(mqttUrl: string, journalDir: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DISPATCH_HTTP_HOST: '127.0.0.1',
    DISPATCH_HTTP_PORT: '0',
    DISPATCH_MQTT_URL: mqttUrl,
    DISPATCH_MQTT_PASSWORD: DISPATCH_SECRET,
    DISPATCH_JOURNAL_DIR: journalDir,
    DISPATCH_SESSION_CACHE_MS: '0',
    DISPATCH_STARTUP_DB_WAIT_MS: '2000',
    ...overrides,
  };
}

export interface Stack {
  readonly db: TestDatabase;
  readonly mqttUrl: string;
  readonly broker: RunningBroker;
  dispatch: RunningDispatch;
  /** http://127.0.0.1:port */
  readonly httpUrl: string;
  /** ws://127.0.0.1:port */
  readonly wsUrl: string;
  readonly logs: LogLine[];
  readonly journalDir: string;
  stop(): Promise<void>;
}

/** Database, broker and dispatch, all real, in this process. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const db = await createTestDatabase();
  const { logger, lines } = collectingLogger();
  const { broker, url } = await startTestBroker(db.pool, logger);
  const journalDir = await mkdtemp(join(tmpdir(), 'dispatch-test-'));
  const pool = db.newPool({ max: 10, applicationName: 'aware-dispatch' });
  const dispatch = await start(loadConfig(dispatchEnv(url, journalDir, env)), { pool, logger });
  await waitConnected(dispatch);
  const httpUrl = dispatch.address.replace('[::1]', '127.0.0.1');
  return {
    db,
    mqttUrl: url,
    broker,
    dispatch,
    httpUrl,
    wsUrl: httpUrl.replace(/^http/, 'ws'),
    logs: lines,
    journalDir,
    async stop() {
      await dispatch.stop();
      await broker.stop();
      await db.close();
      await rm(journalDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once dispatch's broker session is up and subscribed. */
export async function waitConnected(dispatch: RunningDispatch, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${dispatch.address}/healthz`)).json()) as { broker: boolean };
    if (health.broker) return new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('dispatch did not connect to the broker');
}
