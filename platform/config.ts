import path from 'node:path';
import { z } from 'zod';

/**
 * The all-in-one process (`npm start`). Each service still reads its own variables through its own
 * config schema; this file holds only what the composition root itself decides. Ports default to
 * values that do not collide with a system MQTT broker on 1883: the containers in
 * docker-compose.yml use the standard ports.
 */
const PlatformEnv = z.object({
  /** Where the embedded PostgreSQL cluster and the simulator's credentials live. */
  AWARE_DATA_DIR: z.string().min(1).default('.data'),
  /** Port of the embedded PostgreSQL (only without DATABASE_URL / PG*). */
  AWARE_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(15432),
  /** Test pendants the all-in-one process registers (secrets rotated at each start) for the simulator. 0 = none. */
  AWARE_SIM_DEVICES: z.coerce.number().int().min(0).max(10_000).default(5),
  AWARE_SIM_REGION: z.string().min(1).default('utrecht'),
  AWARE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AWARE_LOG_PRETTY: z.enum(['auto', 'true', 'false']).default('auto'),
});

export interface PlatformConfig {
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly simDevices: number;
  readonly simRegion: string;
  readonly logLevel: string;
  readonly logPretty: boolean;
}

/** Defaults the all-in-one process gives the services, unless the environment sets them. */
export const EMBEDDED_SERVICE_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  BROKER_TCP_PORT: '11883',
  BROKER_WS_PORT: '18083',
  BROKER_METRICS_PORT: '19464',
  BROKER_HOST: '127.0.0.1',
  // Dispatch's own listener keeps /healthz and /metrics; the console (its routes included) is the dashboard's.
  DISPATCH_HTTP_PORT: '8082',
  DASHBOARD_HTTP_PORT: '8080',
  // The all-in-one process is a test deployment: testers may take a pendant's new secret as a simulator file.
  DASHBOARD_TEST_DEPLOYMENT: 'true',
  // Every pooled connection runs as the application role (migrations run as the owner), so the
  // database's grants, such as the append-only access log, hold for everything the services do.
  DB_ROLE: 'aware_app',
});

export function loadPlatformConfig(env: Readonly<Record<string, string | undefined>> = process.env): PlatformConfig {
  const parsed = PlatformEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`AWARE_ERR_CONFIG: ${problems}`);
  }
  const e = parsed.data;
  return Object.freeze({
    dataDir: path.resolve(e.AWARE_DATA_DIR),
    embeddedPgPort: e.AWARE_EMBEDDED_PG_PORT,
    simDevices: e.AWARE_SIM_DEVICES,
    simRegion: e.AWARE_SIM_REGION,
    logLevel: e.AWARE_LOG_LEVEL,
    logPretty: e.AWARE_LOG_PRETTY === 'auto' ? Boolean(process.stdout.isTTY) : e.AWARE_LOG_PRETTY === 'true',
  });
}

/** The environment every service of the all-in-one process parses: the real one over our defaults. */
export function serviceEnv(
  env: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  return { ...EMBEDDED_SERVICE_DEFAULTS, ...env, ...extra };
}
