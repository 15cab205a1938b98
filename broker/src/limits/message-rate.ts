/**
 * Per-device message rate, as a generic cell rate algorithm (a token bucket without a timer): each
 * message advances the device's theoretical arrival time by 1/rate; up to `burst` messages may arrive
 * ahead of it. Returns how long the message must wait (0 = now). Delays grow monotonically for messages
 * taken in arrival order, so delaying rather than dropping keeps a device's messages in order.
 */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export function rateDelayMs(holder: { rateTat: number }, limit: RateLimit, now: number): number {
  const interval = 1000 / limit.perSecond;
  const tat = Math.max(holder.rateTat, now) + interval;
  holder.rateTat = tat;
  const allowedAhead = limit.burst * interval;
  return Math.max(0, tat - now - allowedAhead);
}
