import { join } from 'node:path';
import { TestRedis } from '../../e2e/helpers/redis.js';
import { SERVICE_NODE_FLAGS } from '../../platform/node-flags.js';
import type { MeasurementUrls } from './measure.js';
import { freePort, spawnTs, waitForPort, type Child } from './processes.js';

export type Topology = 'single' | 'cluster';

export interface TopologyOptions {
  readonly dbUrl: string;
  readonly work: string;
  readonly tag: string;
  readonly secrets: { dispatch: string; simAdmin: string };
  readonly maxConnections: number;
}

export interface RunningTopology {
  readonly urls: MeasurementUrls;
  /** The broker the heartbeating fleet connects to. */
  readonly fleetUrl: string;
  /** Every dispatch node's HTTP API (metrics are scraped from the first, the active one). */
  readonly dispatchUrls: readonly string[];
  stop(): Promise<void>;
}

/**
 * `single`: one broker, one dispatch node (the all-in-one shape, as processes).
 * `cluster`: the production topology of docker-compose.yml: Redis (AOF, fsync always), two brokers
 * clustered on it, two dispatch nodes. The pendants (pressers and fleet) are on broker A; the active
 * dispatch node and the floor subscriber on broker B, so every press crosses the cluster; the police
 * console is on the active node, the Veilig Thuis console on the standby, which relays it.
 */
export async function startTopology(kind: Topology, o: TopologyOptions): Promise<RunningTopology> {
  const children: Child[] = [];
  let redis: TestRedis | null = null;
  const stop = async () => {
    for (const child of children.reverse()) await child.stop();
    await redis?.destroy();
  };
  try {
    if (kind === 'cluster') redis = await TestRedis.start();
    const broker = async (name: string): Promise<string> => {
      const port = await freePort();
      const child = spawnTs('broker/src/main.ts', [], {
        DATABASE_URL: o.dbUrl,
        BROKER_NODE_ID: name,
        BROKER_HOST: '127.0.0.1',
        BROKER_TCP_PORT: String(port),
        BROKER_TLS_PORT: 'off',
        BROKER_WS_PORT: 'off',
        BROKER_METRICS_PORT: 'off',
        BROKER_MAX_CONNECTIONS: String(o.maxConnections),
        BROKER_DISPATCH_SECRET: o.secrets.dispatch,
        BROKER_SIM_ADMIN_SECRET: o.secrets.simAdmin,
        BROKER_LOG_LEVEL: 'warn',
        ...(redis ? { BROKER_REDIS_URL: redis.url, BROKER_REDIS_PREFIX: `aware:bench:${o.tag}:` } : {}),
        // e.g. BENCH_BROKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the broker under this load
      }, { nodeArgs: [...SERVICE_NODE_FLAGS, ...(process.env['BENCH_BROKER_NODE_ARGS']?.split(' ').filter(Boolean) ?? [])] });
      children.push(child);
      await waitForPort(port, child, name);
      return `mqtt://127.0.0.1:${port}`;
    };
    const brokerA = await broker('broker-a');
    const brokerB = kind === 'cluster' ? await broker('broker-b') : brokerA;

    const dispatchNode = async (instance: string, mqttUrl: string): Promise<string> => {
      const port = await freePort();
      const child = spawnTs('dispatch/src/main.ts', [], {
        DATABASE_URL: o.dbUrl,
        DISPATCH_INSTANCE: instance,
        DISPATCH_HTTP_PORT: String(port),
        DISPATCH_MQTT_URL: mqttUrl,
        DISPATCH_MQTT_PASSWORD: o.secrets.dispatch,
        DISPATCH_JOURNAL_DIR: join(o.work, `journal-${o.tag}-${instance}`),
        LOG_LEVEL: process.env['BENCH_DISPATCH_LOG_LEVEL'] ?? 'warn',
      }, { nodeArgs: SERVICE_NODE_FLAGS });
      children.push(child);
      await waitForPort(port, child, instance);
      return `http://127.0.0.1:${port}`;
    };
    const active = await dispatchNode('dispatch-1', brokerB);
    await untilActive(active);
    const standby = kind === 'cluster' ? await dispatchNode('dispatch-2', brokerA) : null;
    return {
      urls: { press: brokerA, floor: brokerB, http: active, consoles: [active, standby ?? active] },
      fleetUrl: brokerA,
      dispatchUrls: standby ? [active, standby] : [active],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function untilActive(httpUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = (await fetch(`${httpUrl}/healthz`).then((r) => r.json()).catch(() => null)) as { role?: string; broker?: boolean } | null;
    if (health?.role === 'active' && health.broker) return;
    if (Date.now() > deadline) throw new Error(`dispatch at ${httpUrl} did not become active`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
