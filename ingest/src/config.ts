import { z } from 'zod';
import { parseBrokerUrls, serviceClientId, serviceUsername } from '@aware/protocol';
import { IngestError } from './errors.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting of the ingest service, with its default. Parsed once, then frozen. */
export const IngestConfigSchema = z
  .object({
    /** Broker the internal ingest client connects to. */
    /** One broker, or several comma-separated (a cluster): the next one on every reconnect. */
    mqttUrl: z
      .string()
      .refine((v) => {
        try {
          return parseBrokerUrls(v).urls.length > 0;
        } catch {
          return false;
        }
      }, 'must be mqtt://, mqtts://, ws:// or wss:// URLs, comma-separated')
      .default('mqtt://127.0.0.1:1883'),
    /** Internal service login at the broker (`svc:ingest`), never a device's. */
    mqttUsername: z.string().min(1).default(serviceUsername('ingest')),
    /** The broker's BROKER_INGEST_SECRET. */
    mqttPassword: z.string().default(''),
    /** Fixed, so that a restarted ingest takes over its own old connection at the broker. */
    mqttClientId: z.string().min(1).max(64).default(serviceClientId('ingest')),
    /** How long start() waits for the first connection and subscription. */
    mqttConnectTimeoutMs: int(100, 600_000).default(15_000),
    /** A batch is flushed when it reaches this many rows ... */
    batchMaxRows: int(1, 100_000).default(5_000),
    /** ... or when its oldest row has waited this long, whichever comes first. */
    flushIntervalMs: int(5, 60_000).default(200),
    /** Heartbeats waiting to be written; beyond this, new heartbeats are shed (and counted). */
    queueMaxRows: int(100, 10_000_000).default(200_000),
    /**
     * Shed heartbeats before parsing while the event loop is busier than this fraction (0..1) of the
     * last 250 ms, until it is below this minus 0.2, so a saturated ingest never makes the broker wait
     * on its socket. 1 switches it off.
     */
    shedAboveUtilization: z.coerce.number().min(0.3).max(1).default(0.9),
    /**
     * K: an assigned pendant is silent when not heard for K x its heartbeat interval. Below 1.5 a single
     * late heartbeat raises an alarm; values below 1 exist for tests (the database's shortest interval is 5 s).
     */
    silentMultiplier: z.coerce.number().min(0.1).max(100).default(3),
    /** Battery below this (percent) opens a `battery_low` episode. */
    batteryLowPct: int(1, 100).default(20),
    /** Battery below this opens a `battery_critical` episode. */
    batteryCriticalPct: int(1, 100).default(5),
    /** An episode ends when the pendant charges or reports at least this much. */
    batteryClearPct: int(1, 100).default(25),
    /** Raw telemetry (which holds location) is dropped by the database after this many days. */
    locationRetentionDays: int(1, 3650).default(30),
    /** How often ingest runs the database's partition maintenance (plain PostgreSQL only). */
    retentionCheckIntervalS: int(1, 86_400).default(3_600),
    /** Prometheus endpoint of the CLI (0 = any free port; unset = no endpoint). */
    metricsPort: int(0, 65_535).optional(),
    metricsHost: z.string().default('127.0.0.1'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict()
  .refine((c) => c.batteryCriticalPct < c.batteryLowPct && c.batteryLowPct < c.batteryClearPct, {
    message: 'battery thresholds must satisfy critical < low < clear',
  });

export type IngestConfig = Readonly<z.infer<typeof IngestConfigSchema>>;
export type IngestConfigInput = z.input<typeof IngestConfigSchema>;

/** Environment variable of each setting. */
export const ENV_VARS = {
  mqttUrl: 'INGEST_MQTT_URL',
  mqttUsername: 'INGEST_MQTT_USERNAME',
  mqttPassword: 'INGEST_MQTT_PASSWORD',
  mqttClientId: 'INGEST_MQTT_CLIENT_ID',
  mqttConnectTimeoutMs: 'INGEST_MQTT_CONNECT_TIMEOUT_MS',
  batchMaxRows: 'INGEST_BATCH_MAX_ROWS',
  flushIntervalMs: 'INGEST_FLUSH_INTERVAL_MS',
  queueMaxRows: 'INGEST_QUEUE_MAX_ROWS',
  shedAboveUtilization: 'INGEST_SHED_ABOVE_UTILIZATION',
  silentMultiplier: 'INGEST_SILENT_MULTIPLIER',
  batteryLowPct: 'INGEST_BATTERY_LOW_PCT',
  batteryCriticalPct: 'INGEST_BATTERY_CRITICAL_PCT',
  batteryClearPct: 'INGEST_BATTERY_CLEAR_PCT',
  locationRetentionDays: 'INGEST_LOCATION_RETENTION_DAYS',
  retentionCheckIntervalS: 'INGEST_RETENTION_CHECK_INTERVAL_S',
  metricsPort: 'INGEST_METRICS_PORT',
  metricsHost: 'INGEST_METRICS_HOST',
  logLevel: 'LOG_LEVEL',
} as const satisfies Record<keyof IngestConfigInput, string>;

/** Validates settings given in code (tests, the all-in-one process) and freezes them. */
export function ingestConfig(input: IngestConfigInput = {}): IngestConfig {
  const parsed = IngestConfigSchema.safeParse(input);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ');
    throw new IngestError('ING_ERR_CONFIG', why);
  }
  return Object.freeze(parsed.data);
}

/**
 * Reads the settings from environment variables (empty values count as unset). The broker password
 * falls back to BROKER_INGEST_SECRET, so one variable serves both sides in docker-compose.
 * The database connection is `@aware/db`'s (DATABASE_URL or PG*).
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): IngestConfig {
  const input: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '') input[key] = value;
  }
  if (input.mqttPassword === undefined && env.BROKER_INGEST_SECRET) input.mqttPassword = env.BROKER_INGEST_SECRET;
  return ingestConfig(input as IngestConfigInput);
}
