import type { Pool } from '@aware/db';
import type { Logger } from 'pino';
import type { SessionTimes } from './sessions.js';
import type { ThrottlePolicy } from './sign-in-throttle.js';
import type { TotpCipher } from './totp-cipher.js';

/** What sign-in works with, built once by the app. */
export interface AuthDeps {
  readonly db: Pool;
  readonly cipher: TotpCipher;
  readonly times: SessionTimes;
  readonly throttle: ThrottlePolicy;
  readonly totpIssuer: string;
  /** How long an activation link works (new accounts, reset credentials). */
  readonly activationTtlMs: number;
  readonly log: Logger;
  readonly now: () => number;
}

/** Where a sign-in attempt came from (stored with the session, logged with failures). */
export interface RequestMeta {
  readonly ip: string | null;
  readonly userAgent: string | null;
}
