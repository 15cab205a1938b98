import { BrokerError, CONNACK } from '../errors.js';

/**
 * Bounds the slow hash checks in flight. argon2 runs on the libuv thread pool (4 threads by default,
 * shared with DNS and file I/O); queueing 10,000 verifies there at once would starve everything else.
 * Beyond `queueMax` waiting, new logins are refused with "server unavailable" so pendants back off
 * and retry, instead of every login timing out.
 */
export class VerifyQueue {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueMax: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.queueMax) {
        throw new BrokerError('BRK_ERR_AUTH_BUSY', `${this.#waiting.length} waiting`, CONNACK.SERVER_UNAVAILABLE);
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  get waiting(): number {
    return this.#waiting.length;
  }
}
