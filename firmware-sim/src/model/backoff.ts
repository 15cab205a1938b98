import type { Random } from './random.js';

export interface BackoffPolicy {
  /** Ceiling of the first delay, ms. */
  initialMs: number;
  /** No delay ever exceeds this, ms. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
}

/** Reconnecting after a lost connection: 1 s, 2 s, 4 s ... up to a minute. */
export const RECONNECT_BACKOFF: BackoffPolicy = Object.freeze({ initialMs: 1000, maxMs: 60_000, factor: 2 });

/** Resending an unconfirmed press: 3 s, 6 s, 12 s ... up to 30 s, for as long as it takes. */
export const ALARM_RETRY_BACKOFF: BackoffPolicy = Object.freeze({ initialMs: 3000, maxMs: 30_000, factor: 2 });

/**
 * Delay before attempt `attempt` (1 = the first retry): exponential growth with "equal jitter",
 * a random delay between half and all of the ceiling. Half keeps a floor so a pendant never
 * hammers the broker; the random half spreads thousands of pendants that lost the same
 * broker, so they do not all come back in the same millisecond.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
