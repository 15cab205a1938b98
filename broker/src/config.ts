import { hostname } from 'node:os';
import { z } from 'zod';
import { BrokerError } from './errors.js';

/** A listener port: a number (0 = any free port) or `off`. */
const port = (fallback: number | 'off') =>
  z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)])
    .default(fallback)
    .transform((v) => (v === 'off' ? null : v));

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Service secrets come from the environment only; short ones are refused. */
const secret = z.string().min(16, 'service secrets must be at least 16 characters').optional();

/**
 * The broker's environment. Nothing else in the broker reads `process.env`.
 * Defaults suit one node with devices on the public internet behind TLS.
 */
export const BrokerEnv = z.object({
  BROKER_NODE_ID: z.string().min(1).max(64).default(`${hostname()}-${process.pid}`),
  BROKER_HOST: z.string().default('0.0.0.0'),
  BROKER_TCP_PORT: port(1883),
  BROKER_TLS_PORT: port(8883),
  BROKER_TLS_CERT_FILE: z.string().optional(),
  BROKER_TLS_KEY_FILE: z.string().optional(),
  /** CA that signs client certificates; with BROKER_TLS_REQUIRE_CLIENT_CERT, clients without one are refused. */
  BROKER_TLS_CA_FILE: z.string().optional(),
  BROKER_TLS_REQUIRE_CLIENT_CERT: bool(false),
  BROKER_WS_PORT: port(8083),
  BROKER_WS_PATH: z.string().startsWith('/').default('/mqtt'),
  BROKER_METRICS_PORT: port(9464),
  BROKER_METRICS_HOST: z.string().default('127.0.0.1'),
  /** Cluster mode: subscriptions, retained messages and QoS 1 sessions in Redis. */
  BROKER_REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key and pub/sub channel, so several clusters can share one Redis. */
  BROKER_REDIS_PREFIX: z.string().max(64).default('aware:broker:'),
  BROKER_MAX_CONNECTIONS: int(100_000, 1, 10_000_000),
  /** Completed connections the kernel holds for accepting (capped by net.core.somaxconn; see listeners/listen.ts). */
  BROKER_LISTEN_BACKLOG: int(16_384, 1, 1_000_000),
  /** Largest MQTT packet accepted from anyone; a device payload is further limited to LIMITS.maxPayloadBytes. */
  BROKER_MAX_PACKET_BYTES: int(4096, 1024, 1_048_576),
  BROKER_CONNECT_TIMEOUT_MS: int(10_000, 100, 120_000),
  /** Clients must announce a keep-alive between 1 s and this (0, "never", is refused). */
  BROKER_KEEPALIVE_MAX_S: int(1200, 1, 65535),
  /** Sustained messages per second per device, and the burst on top of it. */
  BROKER_DEVICE_RATE_PER_S: z.coerce.number().positive().max(10_000).default(5),
  BROKER_DEVICE_RATE_BURST: int(20, 1, 100_000),
  /** A device that would have to wait longer than this for its rate is disconnected instead. */
  BROKER_RATE_MAX_DELAY_MS: int(3000, 0, 60_000),
  BROKER_AUTH_CONCURRENCY: int(4, 1, 256),
  BROKER_AUTH_QUEUE_MAX: int(20_000, 1, 1_000_000),
  BROKER_AUTH_CACHE_SIZE: int(200_000, 0, 10_000_000),
  /** Longest delay added before refusing a login for a device id (or service) that keeps failing. */
  BROKER_AUTH_FAILURE_DELAY_MAX_MS: int(5000, 0, 60_000),
  /**
   * Failed slow (argon2id, from before keyed hashes) secret checks an address may cause per minute before
   * further slow checks from it wait. Successful logins spend none of it.
   */
  BROKER_AUTH_ADDRESS_SLOW_FAILURES: int(20, 0, 100_000),
  /** Devices in status `stock` that are marked as test devices may connect (simulator, bench). */
  BROKER_ALLOW_TEST_STOCK: bool(true),
  BROKER_REVOCATION_POLL_MS: int(1000, 100, 60_000),
  /** Unsent bytes on a service's socket beyond which QoS 0 deliveries to it (heartbeats) are shed, not queued. */
  BROKER_QOS0_BACKLOG_MAX_BYTES: int(4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
  BROKER_INGEST_SECRET: secret,
  BROKER_DISPATCH_SECRET: secret,
  BROKER_SIM_ADMIN_SECRET: secret,
  BROKER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface BrokerConfig {
  readonly nodeId: string;
  readonly host: string;
  readonly tcpPort: number | null;
  readonly tls: { readonly port: number; readonly certFile: string; readonly keyFile: string; readonly caFile: string | null; readonly requireClientCert: boolean } | null;
  readonly ws: { readonly port: number; readonly path: string } | null;
  readonly metrics: { readonly port: number; readonly host: string } | null;
  readonly redis: { readonly url: string; readonly prefix: string } | null;
  readonly maxConnections: number;
  readonly listenBacklog: number;
  readonly maxPacketBytes: number;
  readonly connectTimeoutMs: number;
  readonly keepaliveMaxS: number;
  readonly deviceRate: { readonly perSecond: number; readonly burst: number; readonly maxDelayMs: number };
  readonly auth: {
    readonly concurrency: number;
    readonly queueMax: number;
    readonly cacheSize: number;
    readonly failureDelayMaxMs: number;
    readonly addressSlowFailures: number;
    readonly allowTestStock: boolean;
  };
  readonly revocationPollMs: number;
  readonly qos0BacklogMaxBytes: number;
  /** Secrets of the internal service clients; a service without one cannot log in. */
  readonly serviceSecrets: Readonly<{ ingest?: string; dispatch?: string; 'sim-admin'?: string }>;
  readonly logLevel: string;
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const v of Object.values(value)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(value);
}

/** Parses the environment once into a frozen config; an invalid value throws BRK_ERR_CONFIG naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): BrokerConfig {
  const parsed = BrokerEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BrokerError('BRK_ERR_CONFIG', detail);
  }
  const e = parsed.data;
  if (Boolean(e.BROKER_TLS_CERT_FILE) !== Boolean(e.BROKER_TLS_KEY_FILE)) {
    throw new BrokerError('BRK_ERR_CONFIG', 'BROKER_TLS_CERT_FILE and BROKER_TLS_KEY_FILE go together');
  }
  if (e.BROKER_TLS_REQUIRE_CLIENT_CERT && !e.BROKER_TLS_CA_FILE) {
    throw new BrokerError('BRK_ERR_CONFIG', 'BROKER_TLS_REQUIRE_CLIENT_CERT needs BROKER_TLS_CA_FILE');
  }
  return deepFreeze({
    nodeId: e.BROKER_NODE_ID,
    host: e.BROKER_HOST,
    tcpPort: e.BROKER_TCP_PORT,
    tls:
      e.BROKER_TLS_PORT !== null && e.BROKER_TLS_CERT_FILE && e.BROKER_TLS_KEY_FILE
        ? {
            port: e.BROKER_TLS_PORT,
            certFile: e.BROKER_TLS_CERT_FILE,
            keyFile: e.BROKER_TLS_KEY_FILE,
            caFile: e.BROKER_TLS_CA_FILE ?? null,
            requireClientCert: e.BROKER_TLS_REQUIRE_CLIENT_CERT,
          }
        : null,
    ws: e.BROKER_WS_PORT === null ? null : { port: e.BROKER_WS_PORT, path: e.BROKER_WS_PATH },
    metrics: e.BROKER_METRICS_PORT === null ? null : { port: e.BROKER_METRICS_PORT, host: e.BROKER_METRICS_HOST },
    redis: e.BROKER_REDIS_URL ? { url: e.BROKER_REDIS_URL, prefix: e.BROKER_REDIS_PREFIX } : null,
    maxConnections: e.BROKER_MAX_CONNECTIONS,
    listenBacklog: e.BROKER_LISTEN_BACKLOG,
    maxPacketBytes: e.BROKER_MAX_PACKET_BYTES,
    connectTimeoutMs: e.BROKER_CONNECT_TIMEOUT_MS,
    keepaliveMaxS: e.BROKER_KEEPALIVE_MAX_S,
    deviceRate: {
      perSecond: e.BROKER_DEVICE_RATE_PER_S,
      burst: e.BROKER_DEVICE_RATE_BURST,
      maxDelayMs: e.BROKER_RATE_MAX_DELAY_MS,
    },
    auth: {
      concurrency: e.BROKER_AUTH_CONCURRENCY,
      queueMax: e.BROKER_AUTH_QUEUE_MAX,
      cacheSize: e.BROKER_AUTH_CACHE_SIZE,
      failureDelayMaxMs: e.BROKER_AUTH_FAILURE_DELAY_MAX_MS,
      addressSlowFailures: e.BROKER_AUTH_ADDRESS_SLOW_FAILURES,
      allowTestStock: e.BROKER_ALLOW_TEST_STOCK,
    },
    revocationPollMs: e.BROKER_REVOCATION_POLL_MS,
    qos0BacklogMaxBytes: e.BROKER_QOS0_BACKLOG_MAX_BYTES,
    serviceSecrets: {
      ...(e.BROKER_INGEST_SECRET ? { ingest: e.BROKER_INGEST_SECRET } : {}),
      ...(e.BROKER_DISPATCH_SECRET ? { dispatch: e.BROKER_DISPATCH_SECRET } : {}),
      ...(e.BROKER_SIM_ADMIN_SECRET ? { 'sim-admin': e.BROKER_SIM_ADMIN_SECRET } : {}),
    },
    logLevel: e.BROKER_LOG_LEVEL,
  });
}
