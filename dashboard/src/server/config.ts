import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadCommissieConfig, type CommissieConfig } from '@aware/casework/server';
import { DashboardError, DashboardErrorCode } from './errors.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The built SPA (`vite build` writes it here). */
export const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

/**
 * The environment of `@aware/dashboard`, parsed once at start-up; nothing else reads `process.env`.
 * The database connection is `@aware/db`'s (`DATABASE_URL` / `PG*`).
 */
const DashboardEnv = z.object({
  DASHBOARD_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (tests). */
  DASHBOARD_HTTP_PORT: int(0, 65_535).default(8080),
  DASHBOARD_STATIC_DIR: z.string().min(1).default(DEFAULT_STATIC_DIR),
  /**
   * `auto`: the session cookie is Secure unless the dashboard is reached over plain HTTP on a loopback
   * address (development). `true`/`false` force it.
   */
  DASHBOARD_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto/-For (`true`, or the proxy's addresses/CIDRs, comma-separated). */
  DASHBOARD_TRUST_PROXY: z.string().default('false'),
  /** Comma-separated origins allowed besides the dashboard's own (e.g. a separate dev server). */
  DASHBOARD_ALLOWED_ORIGINS: z.string().default(''),
  /** A session with no activity for this long ends. */
  DASHBOARD_IDLE_TIMEOUT_MIN: int(1, 24 * 60).default(30),
  /** A session ends after this long whatever the activity (one shift). */
  DASHBOARD_SESSION_MAX_H: int(1, 72).default(12),
  /** Time to enter the second factor after the password. */
  DASHBOARD_MFA_WINDOW_MIN: int(1, 30).default(5),
  /**
   * Sign-in throttling (auth/sign-in-throttle.ts), never a lock-out: failed passwords or codes allowed from
   * one address for one user name, from one address for any name, and for one name from browsers it never
   * signed in on, before each further attempt waits DASHBOARD_SIGNIN_DELAY_S, doubling per failure up to
   * DASHBOARD_SIGNIN_DELAY_MAX_MIN. Failures count for DASHBOARD_SIGNIN_WINDOW_MIN.
   */
  DASHBOARD_SIGNIN_FREE_ATTEMPTS: int(1, 100).default(5),
  DASHBOARD_SIGNIN_ADDRESS_FREE: int(1, 10_000).default(20),
  DASHBOARD_SIGNIN_ACCOUNT_FREE: int(1, 1_000).default(10),
  DASHBOARD_SIGNIN_DELAY_S: int(1, 3600).default(30),
  DASHBOARD_SIGNIN_DELAY_MAX_MIN: int(1, 24 * 60).default(15),
  DASHBOARD_SIGNIN_WINDOW_MIN: int(1, 24 * 60).default(60),
  /** How long an activation link (new account, reset credentials) works. */
  DASHBOARD_ACTIVATION_H: int(1, 14 * 24).default(72),
  /** Map tiles; `none` for no background map. */
  DASHBOARD_TILE_URL: z.string().min(1).default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  DASHBOARD_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  /**
   * A test deployment (the all-in-one `npm start` sets it): a pendant's new secret can also be downloaded
   * as a credentials file for the simulator (`npm run sim -- ... --credentials FILE`). Never in production.
   */
  DASHBOARD_TEST_DEPLOYMENT: z.enum(['true', 'false']).default('false'),
  /** Issuer shown in authenticator apps. */
  DASHBOARD_TOTP_ISSUER: z.string().min(1).max(60).default('AWARE'),
  /** Key that encrypts TOTP secrets at rest: 32 bytes, base64. Wins over AWARE_TOTP_KEY_FILE. */
  AWARE_TOTP_KEY: z.string().optional(),
  /** Where the key lives when AWARE_TOTP_KEY is not set; created (mode 0600) when missing. */
  AWARE_TOTP_KEY_FILE: z.string().min(1).default('.data/totp.key'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface DashboardConfig {
  readonly http: Readonly<{ host: string; port: number }>;
  readonly staticDir: string;
  readonly secureCookies: 'auto' | boolean;
  readonly trustProxy: boolean | readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly session: Readonly<{ idleMs: number; maxMs: number; mfaWindowMs: number }>;
  readonly signInThrottle: Readonly<{ pairFree: number; addressFree: number; accountFree: number; baseDelayMs: number; maxDelayMs: number; windowMs: number }>;
  readonly activationTtlMs: number;
  readonly tiles: Readonly<{ url: string | null; attribution: string }>;
  readonly testDeployment: boolean;
  readonly totp: Readonly<{ issuer: string; key: string | null; keyFile: string }>;
  readonly logLevel: string;
  /** The commissie workflow: decision rule, default period of use, retention sweep (@aware/casework: server/config.ts). */
  readonly commissie: CommissieConfig;
}

/** Parses `env` once; the result is frozen. Throws DSH_ERR_CONFIG_INVALID listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): DashboardConfig {
  const parsed = DashboardEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new DashboardError(DashboardErrorCode.CONFIG_INVALID, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const e = parsed.data;
  const minutes = 60_000;
  return deepFreeze({
    http: { host: e.DASHBOARD_HTTP_HOST, port: e.DASHBOARD_HTTP_PORT },
    staticDir: path.resolve(e.DASHBOARD_STATIC_DIR),
    secureCookies: e.DASHBOARD_SECURE_COOKIES === 'auto' ? 'auto' : e.DASHBOARD_SECURE_COOKIES === 'true',
    trustProxy: parseTrustProxy(e.DASHBOARD_TRUST_PROXY),
    allowedOrigins: e.DASHBOARD_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    session: { idleMs: e.DASHBOARD_IDLE_TIMEOUT_MIN * minutes, maxMs: e.DASHBOARD_SESSION_MAX_H * 60 * minutes, mfaWindowMs: e.DASHBOARD_MFA_WINDOW_MIN * minutes },
    signInThrottle: {
      pairFree: e.DASHBOARD_SIGNIN_FREE_ATTEMPTS,
      addressFree: e.DASHBOARD_SIGNIN_ADDRESS_FREE,
      accountFree: e.DASHBOARD_SIGNIN_ACCOUNT_FREE,
      baseDelayMs: e.DASHBOARD_SIGNIN_DELAY_S * 1000,
      maxDelayMs: e.DASHBOARD_SIGNIN_DELAY_MAX_MIN * minutes,
      windowMs: e.DASHBOARD_SIGNIN_WINDOW_MIN * minutes,
    },
    activationTtlMs: e.DASHBOARD_ACTIVATION_H * 60 * minutes,
    tiles: { url: e.DASHBOARD_TILE_URL === 'none' ? null : e.DASHBOARD_TILE_URL, attribution: e.DASHBOARD_TILE_ATTRIBUTION },
    testDeployment: e.DASHBOARD_TEST_DEPLOYMENT === 'true',
    totp: { issuer: e.DASHBOARD_TOTP_ISSUER, key: e.AWARE_TOTP_KEY ?? null, keyFile: path.resolve(e.AWARE_TOTP_KEY_FILE) },
    logLevel: e.LOG_LEVEL,
    commissie: loadCommissieConfig(env),
  });
}

function parseTrustProxy(value: string): boolean | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
