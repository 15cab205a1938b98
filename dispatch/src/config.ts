import { hostname } from 'node:os';
import { DispatchInstance, parseBrokerUrls, serviceClientId, serviceUsername, type BrokerServer } from '@aware/protocol';
import { z } from 'zod';
import { DispatchError, DispatchErrorCode } from './errors.js';
import { WebhookTarget } from './outbox/targets.js';

const ms = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * The environment of `@aware/dispatch`, parsed once at start-up; nothing else reads `process.env`.
 * The database connection itself is `@aware/db`'s (`DATABASE_URL` / `PG*`, `DB_ROLE`, ...).
 */
const DispatchEnv = z.object({
  DISPATCH_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests). */
  DISPATCH_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(8082),
  /** One broker, or several comma-separated (the nodes of a cluster): tried in turn on each reconnect. */
  DISPATCH_MQTT_URL: z.string().default('mqtt://127.0.0.1:1883'),
  DISPATCH_MQTT_USERNAME: z.string().min(1).default(serviceUsername('dispatch')),
  /** The broker's BROKER_DISPATCH_SECRET. */
  DISPATCH_MQTT_PASSWORD: z.string().default(''),
  /**
   * The press session's client id, the same on every dispatch node: the broker keeps this persistent QoS 1
   * session while no node holds it, and hands it, with what was not acknowledged, to the next lease holder.
   */
  DISPATCH_MQTT_CLIENT_ID: z.string().min(1).max(64).default(serviceClientId('dispatch')),
  /** A SUBSCRIBE the broker does not acknowledge within this is an outage: logged, counted, reconnected. */
  DISPATCH_MQTT_SUBACK_TIMEOUT_MS: ms(100, 60_000).default(5_000),
  /** This node's name (lease holder, its own broker link `svc:dispatch:{instance}`, logs). */
  DISPATCH_INSTANCE: DispatchInstance.default(`${hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 30)}-${process.pid}`),
  /** Where the other nodes reach this node's dispatch HTTP API (relays); default: http://{DISPATCH_HTTP_HOST or hostname}:{port}. */
  DISPATCH_ADVERTISE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The lease lasts this long after each renewal; a stalled or dead active node is replaced after about this plus the grace. */
  DISPATCH_LEASE_TTL_MS: ms(300, 60_000).default(2_000),
  DISPATCH_LEASE_RENEW_MS: ms(50, 20_000).default(500),
  /** An expired lease is taken only after it stayed expired and unrenewed this long (the holder keeps it across a database restart). */
  DISPATCH_LEASE_GRACE_MS: ms(0, 60_000).default(1_000),
  DISPATCH_LEASE_POLL_MS: ms(50, 10_000).default(250),
  /** The active node whose press session is down this long gives the lease up (another node may reach a broker). */
  DISPATCH_BROKER_LOSS_MS: ms(200, 600_000).default(2_000),
  /** stop() takes at most this long, whatever is pending (then the process exits anyway). */
  DISPATCH_STOP_TIMEOUT_MS: ms(500, 120_000).default(8_000),
  /** Where the local alarm journal lives (used while PostgreSQL is unreachable). */
  DISPATCH_JOURNAL_DIR: z.string().min(1).default('var/dispatch'),
  /** An alarm not acknowledged within this time escalates. */
  DISPATCH_ESCALATION_MS: ms(100, 3_600_000).default(30_000),
  /** Test alarms (test pendants, a wearer's test press) on the police board too: off unless the police ask for them. */
  DISPATCH_TEST_ALARMS_TO_POLICE: z.enum(['true', 'false']).default('false'),
  /** A database write slower than this goes to the journal instead (the database is then considered down). */
  DISPATCH_DB_WRITE_TIMEOUT_MS: ms(50, 60_000).default(2_000),
  /** How often a down database is probed, and the journal replayed once it answers. */
  DISPATCH_DB_PROBE_MS: ms(50, 60_000).default(1_000),
  /** Database transactions dispatch keeps in flight at once (keep below DB_POOL_MAX). */
  DISPATCH_DB_MAX_INFLIGHT: ms(1, 64).default(4),
  /** How long start-up waits for the database before it starts without (alarms must flow). */
  DISPATCH_STARTUP_DB_WAIT_MS: ms(0, 600_000).default(10_000),
  DISPATCH_LIVE_BUFFER_EVENTS: ms(10, 1_000_000).default(10_000),
  DISPATCH_LIVE_MAX_BUFFERED_BYTES: ms(1024, 256 * 1024 * 1024).default(1024 * 1024),
  DISPATCH_LIVE_PING_MS: ms(100, 300_000).default(10_000),
  /** How often an open console's session is looked up again (signed out or revoked: closed with 4001). */
  DISPATCH_LIVE_RECHECK_MS: ms(100, 3_600_000).default(30_000),
  /** Comma-separated browser origins allowed to open the live feed; empty: any (cookies are SameSite=strict). */
  DISPATCH_ALLOWED_ORIGINS: z.string().default(''),
  /** How long a looked-up session is trusted before it is looked up again. */
  DISPATCH_SESSION_CACHE_MS: ms(0, 600_000).default(5_000),
  /** JSON array of webhook targets, see `outbox/targets.ts`. */
  DISPATCH_WEBHOOKS: z.string().default('[]'),
  DISPATCH_OUTBOX_MAX_ATTEMPTS: ms(1, 100).default(8),
  DISPATCH_OUTBOX_BACKOFF_BASE_MS: ms(10, 3_600_000).default(1_000),
  DISPATCH_OUTBOX_BACKOFF_MAX_MS: ms(10, 86_400_000).default(300_000),
  DISPATCH_OUTBOX_POLL_MS: ms(10, 600_000).default(1_000),
  DISPATCH_OUTBOX_TIMEOUT_MS: ms(100, 120_000).default(5_000),
  /** `sender` of CAP 1.2 messages. */
  DISPATCH_CAP_SENDER: z.string().min(1).max(200).default('aware@veiligthuis.nl'),
  /** Full re-read of the device directory, beside the change notifications. */
  DISPATCH_DIRECTORY_REFRESH_MS: ms(1_000, 86_400_000).default(300_000),
  /**
   * A press of a pendant the directory holds as unassigned waits at most this long for a fresh read of its
   * assignment (a hand-over moments ago may not have reached the directory yet); 0 never waits.
   */
  DISPATCH_DIRECTORY_LOOKUP_MS: ms(0, 5_000).default(150),
  /** Presses remembered for de-duplication (and warmed from the database at start). */
  DISPATCH_DEDUPE_WINDOW_H: ms(1, 24 * 365).default(24 * 30),
  /**
   * How long after its first copy a press of a resolved alarm still counts as that press arriving again
   * (broker redelivery, the pendant resending) instead of a pendant reusing its key (alarms/repeat.ts).
   */
  DISPATCH_PRESS_RESEND_WINDOW_S: ms(10, 3_600).default(300),
  DISPATCH_METRICS: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface DispatchConfig {
  readonly http: Readonly<{ host: string; port: number }>;
  readonly mqtt: Readonly<{ urls: readonly string[]; servers: readonly BrokerServer[]; username: string; password: string; clientId: string; subackTimeoutMs: number }>;
  readonly instance: string;
  /** null: derived from the HTTP listener once it listens. */
  readonly advertiseUrl: string | null;
  readonly lease: Readonly<{ ttlMs: number; renewMs: number; graceMs: number; pollMs: number }>;
  readonly brokerLossMs: number;
  readonly stopTimeoutMs: number;
  readonly journalDir: string;
  readonly escalationMs: number;
  readonly testAlarmsToPolice: boolean;
  readonly db: Readonly<{ writeTimeoutMs: number; probeMs: number; startupWaitMs: number; maxInFlight: number }>;
  readonly live: Readonly<{ bufferEvents: number; maxBufferedBytes: number; pingMs: number; recheckMs: number; allowedOrigins: readonly string[] }>;
  readonly sessionCacheMs: number;
  readonly webhooks: readonly WebhookTarget[];
  readonly outbox: Readonly<{ maxAttempts: number; backoffBaseMs: number; backoffMaxMs: number; pollMs: number; timeoutMs: number }>;
  readonly capSender: string;
  readonly directoryRefreshMs: number;
  readonly directoryLookupMs: number;
  readonly dedupeWindowMs: number;
  readonly pressResendWindowMs: number;
  readonly metrics: boolean;
  readonly logLevel: string;
}

/** Parses `env` once; the result is deeply frozen. Throws `DSP_ERR_CONFIG_INVALID` listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): DispatchConfig {
  const parsed = DispatchEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw configError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  let brokers: ReturnType<typeof parseBrokerUrls>;
  try {
    brokers = parseBrokerUrls(e.DISPATCH_MQTT_URL);
  } catch {
    throw configError([`DISPATCH_MQTT_URL: must be mqtt://, mqtts://, ws:// or wss:// URLs, comma-separated, got "${e.DISPATCH_MQTT_URL}"`]);
  }
  if (e.DISPATCH_LEASE_TTL_MS < 2 * e.DISPATCH_LEASE_RENEW_MS) {
    throw configError(['DISPATCH_LEASE_TTL_MS: must be at least twice DISPATCH_LEASE_RENEW_MS (one late renewal must not lose the lease)']);
  }
  return deepFreeze({
    http: { host: e.DISPATCH_HTTP_HOST, port: e.DISPATCH_HTTP_PORT },
    mqtt: {
      urls: brokers.urls,
      servers: brokers.servers,
      username: e.DISPATCH_MQTT_USERNAME,
      password: e.DISPATCH_MQTT_PASSWORD,
      clientId: e.DISPATCH_MQTT_CLIENT_ID,
      subackTimeoutMs: e.DISPATCH_MQTT_SUBACK_TIMEOUT_MS,
    },
    instance: e.DISPATCH_INSTANCE,
    advertiseUrl: e.DISPATCH_ADVERTISE_URL ?? null,
    lease: { ttlMs: e.DISPATCH_LEASE_TTL_MS, renewMs: e.DISPATCH_LEASE_RENEW_MS, graceMs: e.DISPATCH_LEASE_GRACE_MS, pollMs: e.DISPATCH_LEASE_POLL_MS },
    brokerLossMs: e.DISPATCH_BROKER_LOSS_MS,
    stopTimeoutMs: e.DISPATCH_STOP_TIMEOUT_MS,
    journalDir: e.DISPATCH_JOURNAL_DIR,
    escalationMs: e.DISPATCH_ESCALATION_MS,
    testAlarmsToPolice: e.DISPATCH_TEST_ALARMS_TO_POLICE === 'true',
    db: { writeTimeoutMs: e.DISPATCH_DB_WRITE_TIMEOUT_MS, probeMs: e.DISPATCH_DB_PROBE_MS, startupWaitMs: e.DISPATCH_STARTUP_DB_WAIT_MS, maxInFlight: e.DISPATCH_DB_MAX_INFLIGHT },
    live: {
      bufferEvents: e.DISPATCH_LIVE_BUFFER_EVENTS,
      maxBufferedBytes: e.DISPATCH_LIVE_MAX_BUFFERED_BYTES,
      pingMs: e.DISPATCH_LIVE_PING_MS,
      recheckMs: e.DISPATCH_LIVE_RECHECK_MS,
      allowedOrigins: e.DISPATCH_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    },
    sessionCacheMs: e.DISPATCH_SESSION_CACHE_MS,
    webhooks: parseWebhooks(e.DISPATCH_WEBHOOKS),
    outbox: {
      maxAttempts: e.DISPATCH_OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: e.DISPATCH_OUTBOX_BACKOFF_BASE_MS,
      backoffMaxMs: e.DISPATCH_OUTBOX_BACKOFF_MAX_MS,
      pollMs: e.DISPATCH_OUTBOX_POLL_MS,
      timeoutMs: e.DISPATCH_OUTBOX_TIMEOUT_MS,
    },
    capSender: e.DISPATCH_CAP_SENDER,
    directoryRefreshMs: e.DISPATCH_DIRECTORY_REFRESH_MS,
    directoryLookupMs: e.DISPATCH_DIRECTORY_LOOKUP_MS,
    dedupeWindowMs: e.DISPATCH_DEDUPE_WINDOW_H * 3_600_000,
    pressResendWindowMs: e.DISPATCH_PRESS_RESEND_WINDOW_S * 1_000,
    metrics: e.DISPATCH_METRICS,
    logLevel: e.LOG_LEVEL,
  });
}

function parseWebhooks(text: string): WebhookTarget[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw configError(['DISPATCH_WEBHOOKS: not JSON']);
  }
  const parsed = z.array(WebhookTarget).safeParse(json);
  if (!parsed.success) throw configError(parsed.error.issues.map((i) => `DISPATCH_WEBHOOKS.${i.path.join('.')}: ${i.message}`));
  const names = parsed.data.map((t) => t.name);
  if (new Set(names).size !== names.length) throw configError(['DISPATCH_WEBHOOKS: target names must be unique']);
  return parsed.data;
}

function configError(problems: string[]): DispatchError {
  return new DispatchError(DispatchErrorCode.CONFIG_INVALID, problems.join('; '));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
