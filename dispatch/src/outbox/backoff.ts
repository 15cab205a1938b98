/**
 * Delay before the next attempt after `attempts` failed ones: exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so many failed rows do not retry in lock-step.
 */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
