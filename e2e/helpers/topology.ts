import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { freeFixedPort } from '../../dispatch/test/helpers/ports.js';
import { TestRedis } from './redis.js';
import { ROOT, ServiceProcess, type LogLine } from './service-process.js';

const run = promisify(execFile);

export const SECRETS = Object.freeze({
  ingest: randomBytes(24).toString('base64url'),
  dispatch: randomBytes(24).toString('base64url'),
  simAdmin: randomBytes(24).toString('base64url'),
});

export interface BrokerNode {
  readonly process: ServiceProcess;
  /** Fixed, below the ephemeral range: a restarted broker comes back where the pendants look for it. */
  readonly port: number;
  readonly url: () => string;
}

export interface ConsoleNode {
  readonly process: ServiceProcess;
  readonly instance: string;
  /** The console's HTTP origin (dashboard + dispatch routes), what an operator's browser talks to. */
  readonly http: string;
  /** Dispatch's own listener (what the other nodes relay to). */
  readonly dispatchHttp: string;
  ws: () => string;
}

export interface Topology {
  readonly db: TestDatabase;
  readonly redis: TestRedis;
  readonly brokers: readonly [BrokerNode, BrokerNode];
  readonly consoles: readonly [ConsoleNode, ConsoleNode];
  readonly ingest: ServiceProcess;
  /** Every broker URL, for clients that move between them. */
  readonly mqttUrls: string;
  /** The console node holding the dispatch lease now (asks both). */
  active(): Promise<ConsoleNode>;
  startBroker(node: BrokerNode): Promise<void>;
  startConsole(node: ConsoleNode): Promise<void>;
  stop(): Promise<void>;
}

export interface NodeHealth {
  readonly role: 'active' | 'standby';
  readonly leader: string | null;
  readonly broker: boolean;
  readonly epoch: number | null;
}

/** A node's /healthz (retried once: a kept-alive connection to a process that was paused may be gone). */
export async function health(node: ConsoleNode): Promise<NodeHealth> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await (await fetch(`${node.dispatchHttp}/healthz`)).json()) as NodeHealth;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface TopologyOptions {
  /** Extra environment of both console nodes (e.g. DISPATCH_ESCALATION_MS). */
  readonly consoleEnv?: Record<string, string>;
  /** Environment of console-1 only, made once the database and brokers are up (e.g. links the test can cut). */
  readonly console1Env?: (parts: { readonly dbUrl: string; readonly brokerUrls: readonly string[] }) => Promise<Record<string, string>>;
}

/**
 * The production topology of docker-compose.yml as plain processes, each started from its own CLI:
 * PostgreSQL (a fresh database on the test server, migrated by `db/src/main.ts migrate` as the compose
 * `migrate` job does), Redis, two brokers clustered on it, two console nodes (dispatch + dashboard,
 * `dashboard/src/server/main-console.ts`) with their own journals, and ingest. Services log in as their
 * own role (`service-login aware_service`: a member of aware_app and nothing more) and run as the
 * application role (DB_ROLE=aware_app), as in compose. Every listener is on loopback, on a fixed port
 * below the ephemeral range (a restarted process comes back on the same one).
 */
export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const db = await createTestDatabase({ migrate: false });
  const owner = { PATH: process.env['PATH'] ?? '', DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
  await run(process.execPath, ['--import', 'tsx', 'db/src/main.ts', 'migrate'], { cwd: ROOT, env: owner });
  await run(process.execPath, ['--import', 'tsx', 'db/src/main.ts', 'service-login', 'aware_service'], { cwd: ROOT, env: owner });
  const serviceUrl = new URL(db.url);
  serviceUrl.username = 'aware_service';
  serviceUrl.password = '';
  const redis = await TestRedis.start();
  const journals = await mkdtemp(join(tmpdir(), 'aware-e2e-journals-'));
  const common = { DATABASE_URL: serviceUrl.toString(), DB_ROLE: 'aware_app', BROKER_INGEST_SECRET: SECRETS.ingest, BROKER_DISPATCH_SECRET: SECRETS.dispatch, BROKER_SIM_ADMIN_SECRET: SECRETS.simAdmin };

  const broker = async (name: string): Promise<BrokerNode> => {
    const port = await freeFixedPort();
    const node: BrokerNode = {
      process: new ServiceProcess(name, 'broker/src/main.ts', {
        ...common,
        BROKER_NODE_ID: name,
        BROKER_HOST: '127.0.0.1',
        BROKER_TCP_PORT: String(port),
        BROKER_WS_PORT: 'off',
        BROKER_TLS_PORT: 'off',
        BROKER_METRICS_PORT: 'off',
        BROKER_REDIS_URL: redis.url,
        BROKER_REDIS_PREFIX: 'aware:e2e:',
        BROKER_REVOCATION_POLL_MS: '500',
        BROKER_DEVICE_RATE_PER_S: '50',
        BROKER_DEVICE_RATE_BURST: '100',
      }),
      port,
      url: () => `mqtt://127.0.0.1:${port}`,
    };
    return node;
  };
  const brokers = [await broker('broker-1'), await broker('broker-2')] as const;
  const startBroker = async (node: BrokerNode): Promise<void> => {
    await node.process.start((l) => l.msg === 'broker listening', 30_000);
  };
  await Promise.all(brokers.map(startBroker));
  const urls = brokers.map((b) => b.url());
  const mqttUrls = urls.join(',');

  const consoleNode = async (instance: string, brokerOrder: string, own: Record<string, string> = {}): Promise<ConsoleNode> => {
    const [dispatchPort, dashboardPort] = [await freeFixedPort(), await freeFixedPort()];
    const node: ConsoleNode = {
      instance,
      process: new ServiceProcess(instance, 'dashboard/src/server/main-console.ts', {
        ...common,
        DISPATCH_INSTANCE: instance,
        DISPATCH_MQTT_URL: brokerOrder,
        DISPATCH_MQTT_PASSWORD: SECRETS.dispatch,
        DISPATCH_HTTP_HOST: '127.0.0.1',
        DISPATCH_HTTP_PORT: String(dispatchPort),
        DISPATCH_JOURNAL_DIR: join(journals, instance),
        DASHBOARD_HTTP_HOST: '127.0.0.1',
        DASHBOARD_HTTP_PORT: String(dashboardPort),
        DASHBOARD_TILE_URL: 'none',
        // behind a load balancer, as in docker-compose.yml: its X-Forwarded-For names the operator
        DASHBOARD_TRUST_PROXY: 'true',
        AWARE_TOTP_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'info',
        ...options.consoleEnv,
        ...own,
      }),
      http: `http://127.0.0.1:${dashboardPort}`,
      dispatchHttp: `http://127.0.0.1:${dispatchPort}`,
      ws: () => node.http.replace(/^http/, 'ws'),
    };
    return node;
  };
  // each node prefers another broker: presses cross the cluster whichever node is active
  const own1 = (await options.console1Env?.({ dbUrl: db.url, brokerUrls: urls })) ?? {};
  const consoles = [await consoleNode('console-1', mqttUrls, own1), await consoleNode('console-2', [...urls].reverse().join(','))] as const;
  const startConsole = async (node: ConsoleNode): Promise<void> => {
    const from = node.process.logs.length;
    await node.process.start((l) => l.msg === 'dispatch started', 45_000);
    await node.process.waitForLog((l: LogLine) => l.msg === 'dashboard started', 30_000, from);
  };
  // one after the other: the first takes the lease, the second starts as its standby
  await startConsole(consoles[0]);
  await startConsole(consoles[1]);

  const ingest = new ServiceProcess('ingest', 'ingest/src/main.ts', { ...common, INGEST_MQTT_URL: mqttUrls, INGEST_MQTT_PASSWORD: SECRETS.ingest, LOG_LEVEL: 'info' });
  await ingest.start((l) => l.msg === 'subscribed to heartbeats and presence');

  const active = async (): Promise<ConsoleNode> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      for (const node of consoles) {
        if (!node.process.running) continue;
        const h = await health(node).catch(() => null);
        if (h?.role === 'active' && h.broker) return node;
      }
      if (Date.now() > deadline) throw new Error('no active dispatch node');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    db,
    redis,
    brokers,
    consoles,
    ingest,
    mqttUrls,
    active,
    startBroker,
    startConsole,
    async stop() {
      await Promise.all([ingest.stop(), ...consoles.map((c) => c.process.stop())]).catch(() => undefined);
      await Promise.all(brokers.map((b) => b.process.stop())).catch(() => undefined);
      await redis.destroy();
      await db.close();
      await rm(journals, { recursive: true, force: true });
    },
  };
}
