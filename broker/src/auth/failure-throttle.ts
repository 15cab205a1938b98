/**
 * Counts login failures per key (a device id, a service, an address) within a sliding window and says
 * how long to hold the next one: after `allowance` free failures, each further one doubles the delay,
 * from 100 ms up to `maxDelayMs`. It only delays, never refuses. How the broker uses it (so that a
 * correct login is never held up by other devices' failures) is in hooks/authenticate.ts.
 */
export class FailureThrottle {
  readonly #failures = new Map<string, { count: number; last: number }>();
  readonly #sweep: NodeJS.Timeout;

  constructor(
    private readonly maxDelayMs: number,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.#sweep = setInterval(() => this.#forgetOld(), windowMs).unref();
  }

  /** The delay the failures of `key` call for; the first `allowance` failures in the window are free. */
  delayFor(key: string, allowance = 0): number {
    const entry = this.#failures.get(key);
    if (!entry || this.now() - entry.last > this.windowMs || entry.count <= allowance) return 0;
    return Math.min(this.maxDelayMs, 100 * 2 ** Math.min(entry.count - allowance - 1, 16));
  }

  /** Records a failure and returns how many there were in the window. */
  recordFailure(key: string): number {
    const now = this.now();
    const entry = this.#failures.get(key);
    if (entry && now - entry.last <= this.windowMs) {
      entry.count++;
      entry.last = now;
      return entry.count;
    }
    if (this.#failures.size >= this.maxKeys) this.#forgetOld();
    if (this.#failures.size >= this.maxKeys) this.#failures.clear();
    this.#failures.set(key, { count: 1, last: now });
    return 1;
  }

  forget(key: string): void {
    this.#failures.delete(key);
  }

  get size(): number {
    return this.#failures.size;
  }

  close(): void {
    clearInterval(this.#sweep);
  }

  #forgetOld(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [key, entry] of this.#failures) if (entry.last < cutoff) this.#failures.delete(key);
  }
}
