import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createDevice, setDeviceStatus } from '@aware/db';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { dbDeviceDirectory, loadConfig, start as startBroker, type RunningBroker } from '@aware/broker';
import { deviceTopic, type Heartbeat } from '@aware/protocol';
import { ingestConfig, type IngestConfigInput } from '../../src/config.js';
import { start, type IngestDeps, type RunningIngest } from '../../src/start.js';

const INGEST_SECRET = randomBytes(24).toString('base64url');
export const quietLogger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

export interface Pendant {
  readonly id: string;
  readonly secret: string;
}

export interface Stack {
  readonly db: TestDatabase;
  readonly broker: RunningBroker;
  readonly brokerUrl: string;
  /** Sum of a broker metric's samples whose line contains `match` (its Prometheus endpoint, scraped). */
  brokerMetric(name: string, match?: string): Promise<number>;
  /** Starts (another) ingest on this stack. */
  startIngest(config?: IngestConfigInput, deps?: Partial<IngestDeps>): Promise<RunningIngest>;
  /** Registers pendants (active), optionally with a client (an open assignment). */
  provision(ids: readonly string[], options?: { assigned?: boolean; hbIntervalS?: number; region?: string }): Promise<Pendant[]>;
  connectPendant(pendant: Pendant): Promise<MqttClient>;
  stop(): Promise<void>;
}

/** A fresh database, the real broker on port 0, and helpers to start ingest and pendants on them. */
export async function startStack(brokerEnv: Record<string, string> = {}): Promise<Stack> {
  const db = await createTestDatabase({ poolMax: 10 });
  const broker = await startBroker(
    loadConfig({
      BROKER_HOST: '127.0.0.1',
      BROKER_TCP_PORT: '0',
      BROKER_TLS_PORT: 'off',
      BROKER_WS_PORT: 'off',
      BROKER_METRICS_PORT: '0',
      BROKER_METRICS_HOST: '127.0.0.1',
      BROKER_INGEST_SECRET: INGEST_SECRET,
      BROKER_LOG_LEVEL: 'silent',
      ...brokerEnv,
    }),
    { devices: dbDeviceDirectory(db.pool), logger: quietLogger },
  );
  const brokerUrl = `mqtt://127.0.0.1:${broker.addresses.tcp?.port ?? 0}`;
  const ingests: RunningIngest[] = [];
  const clients: MqttClient[] = [];
  let clientSeq = 0;

  return {
    db,
    broker,
    brokerUrl,
    async brokerMetric(name, match = '') {
      const text = await (await fetch(`http://127.0.0.1:${broker.addresses.metrics?.port ?? 0}/metrics`)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith(name) && line.includes(match))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    },
    async startIngest(config = {}, deps = {}) {
      const ingest = await start(
        ingestConfig({
          mqttUrl: brokerUrl,
          mqttPassword: INGEST_SECRET,
          // Distinct client ids: a test may run a second ingest (restart) while the first is stopping.
          mqttClientId: `svc:ingest:test-${++clientSeq}`,
          flushIntervalMs: 50,
          retentionCheckIntervalS: 3600,
          // ingest shares this process with the broker and the test itself: its event loop load is
          // not ingest's (shedding when busy is covered in heartbeat-receiver.test.ts)
          shedAboveUtilization: 1,
          ...config,
        }),
        { pool: db.pool, logger: quietLogger, registry: new Registry(), ...deps },
      );
      ingests.push(ingest);
      return ingest;
    },
    async provision(ids, options = {}) {
      return Promise.all(
        ids.map(async (id) => {
          const pendant = await createDevice(
            db.pool,
            { id, hbIntervalS: options.hbIntervalS ?? 5, region: options.region ?? 'utrecht' }
          );
          await setDeviceStatus(db.pool, id, 'active');
          if (options.assigned ?? true) await assign(db, id);
          return pendant;
        }),
      );
    },
    async connectPendant(pendant) {
      const client = await new Promise<MqttClient>((resolve, reject) => {
        const c = mqtt.connect(brokerUrl, {
          clientId: pendant.id,
          username: pendant.id,
          password: pendant.secret,
          protocolVersion: 4,
          reconnectPeriod: 0,
          connectTimeout: 5000,
        });
        c.once('connect', () => resolve(c));
        c.once('error', reject);
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync(true)));
      await Promise.all(ingests.map((i) => i.stop()));
      await broker.stop();
      await db.close();
    },
  };
}

/** Gives the pendant to a (new) client: an open assignment. */
export async function assign(db: TestDatabase, deviceId: string): Promise<void> {
  await db.pool.query(
    `WITH c AS (INSERT INTO clients (region, name, status) VALUES ('utrecht', 'Test client', 'active') RETURNING id)
     INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at)
     SELECT $1, c.id, now() - interval '1 day', now() + interval '1 year' FROM c`,
    [deviceId],
  );
}

/** Ends a pendant's assignment (returned). */
export async function unassign(db: TestDatabase, deviceId: string): Promise<void> {
  await db.pool.query(
    `UPDATE device_assignments SET returned_at = now(), end_reason = 'period_ended' WHERE device_id = $1 AND returned_at IS NULL`,
    [deviceId],
  );
}

let seqBase = 0;
/** A valid heartbeat; override any field. */
export function heartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return { seq: ++seqBase, ts: Date.now(), battery: 80, charging: false, rssi: -70, firmware: '1.2.3', ...overrides };
}

export function publishHeartbeat(client: MqttClient, deviceId: string, body: Heartbeat | string | Buffer): Promise<void> {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return client.publishAsync(deviceTopic(deviceId, 'hb'), payload, { qos: 0 }).then(() => undefined);
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Current value of a counter (optionally one label set) on ingest's metrics. */
export async function counter(metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .reduce((sum, v) => sum + v.value, 0);
}
