import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbDeviceDirectory, loadConfig as loadBrokerConfig, start as startBroker, type RunningBroker } from '@aware/broker';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { configFromEnv, start as startIngest } from '@aware/ingest';
import { loadConfig as loadDispatchConfig, start as startDispatch, type RunningDispatch } from '@aware/dispatch';
import pino from 'pino';
import { loadConfig } from '../../src/server/config.js';
import { start, type RunningDashboard } from '../../src/server/start.js';
import { waitFor } from './wait.js';

/** Everything real, in this process: test database, broker, dispatch, and the dashboard mounting dispatch's routes. */
export interface Stack {
  readonly db: TestDatabase;
  readonly mqttUrl: string;
  readonly broker: RunningBroker;
  /** AWARE_TOTP_KEY of the dashboard (random per stack). */
  readonly totpKey: string;
  /** Pool on the test database (admin role), for setting up rows. */
  readonly pool: import('@aware/db').Pool;
  dispatch: RunningDispatch;
  dashboard: RunningDashboard;
  /** http://127.0.0.1:port of the dashboard (one origin: SPA, dashboard routes, dispatch routes, live feed). */
  baseUrl: string;
  /** Stops dashboard and dispatch (not the broker and database): the "server is down" of the tests. */
  stopServer(): Promise<void>;
  /** Starts them again (same database, broker and port). */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly dashboardEnv?: Record<string, string>;
  readonly dispatchEnv?: Record<string, string>;
  /** The built SPA to serve (browser tests); default: none. */
  readonly staticDir?: string;
  /** Run ingest as well (heartbeats into device state, technical alarms): fleet health with data. */
  readonly ingest?: boolean;
  /** Ingest's environment beyond the stack's own (e.g. INGEST_SILENT_MULTIPLIER). */
  readonly ingestEnv?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase({ poolMax: 10 });
  const logger = pino({ level: process.env['DASHBOARD_TEST_LOG'] ? 'info' : 'warn' });
  const dispatchSecret = randomBytes(24).toString('base64url');
  const ingestSecret = randomBytes(24).toString('base64url');
  const broker = await startBroker(
    loadBrokerConfig({
      BROKER_HOST: '127.0.0.1',
      BROKER_TCP_PORT: '0',
      BROKER_TLS_PORT: 'off',
      BROKER_WS_PORT: 'off',
      BROKER_METRICS_PORT: 'off',
      BROKER_DISPATCH_SECRET: dispatchSecret,
      BROKER_INGEST_SECRET: ingestSecret,
      BROKER_LOG_LEVEL: 'warn',
    }),
    { devices: dbDeviceDirectory(db.pool), logger },
  );
  const mqttUrl = `mqtt://127.0.0.1:${broker.addresses.tcp!.port}`;
  const journalDir = await mkdtemp(join(tmpdir(), 'dashboard-test-'));
  const totpKey = randomBytes(32).toString('base64');
  const pool = db.newPool({ max: 10, applicationName: 'aware-dashboard-test' });
  let port = '0';

  const stack: Stack = {
    db,
    mqttUrl,
    broker,
    totpKey,
    pool,
    dispatch: undefined as unknown as RunningDispatch,
    dashboard: undefined as unknown as RunningDashboard,
    baseUrl: '',
    async startServer() {
      stack.dispatch = await startDispatch(
        loadDispatchConfig({
          DISPATCH_HTTP_HOST: '127.0.0.1',
          DISPATCH_HTTP_PORT: '0',
          DISPATCH_MQTT_URL: mqttUrl,
          DISPATCH_MQTT_PASSWORD: dispatchSecret,
          DISPATCH_JOURNAL_DIR: journalDir,
          DISPATCH_SESSION_CACHE_MS: '0',
          DISPATCH_STARTUP_DB_WAIT_MS: '2000',
          DISPATCH_METRICS: 'false',
          LOG_LEVEL: 'warn',
          ...options.dispatchEnv,
        }),
        { pool, logger },
      );
      stack.dashboard = await start(
        loadConfig({
          DASHBOARD_HTTP_HOST: '127.0.0.1',
          DASHBOARD_HTTP_PORT: port,
          AWARE_TOTP_KEY: totpKey,
          DASHBOARD_STATIC_DIR: options.staticDir ?? join(journalDir, 'no-spa'),
          DASHBOARD_TILE_URL: 'none',
          // every test client comes from 127.0.0.1: one address's allowance would be shared by all the
          // tests of a file (sign-in.test.ts tests the address rule with its own setting)
          DASHBOARD_SIGNIN_ADDRESS_FREE: '1000',
          ...options.dashboardEnv,
        }),
        { pool, logger, dispatch: stack.dispatch.services },
      );
      stack.baseUrl = stack.dashboard.address.replace('[::1]', '127.0.0.1');
      port = new URL(stack.baseUrl).port;
      await waitFor(async () => ((await (await fetch(`${stack.dispatch.address}/healthz`)).json()) as { broker: boolean }).broker, 5_000, 'dispatch on the broker');
    },
    async stopServer() {
      await stack.dashboard.stop();
      await stack.dispatch.stop();
    },
    async stop() {
      await stack.stopServer();
      await broker.stop();
      await db.close();
      await rm(journalDir, { recursive: true, force: true });
    },
  };
  await stack.startServer();
  if (options.ingest) {
    const ingest = await startIngest(configFromEnv({ INGEST_MQTT_URL: mqttUrl, INGEST_MQTT_PASSWORD: ingestSecret, INGEST_FLUSH_INTERVAL_MS: '100', ...options.ingestEnv }), { pool, logger });
    const stopAll = stack.stop;
    stack.stop = async () => {
      await ingest.stop();
      await stopAll();
    };
  }
  return stack;
}

/** The TOTP key the stack's dashboard uses is random per stack; tests read secrets from enrolment URIs. */
export function secretOfUri(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error('no secret in the enrolment URI');
  return secret;
}
