import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

interface Entry {
  /** The hash the secret was verified against (the same string the connection's state holds). */
  readonly secretHash: string;
  readonly mac: string;
}

/**
 * Remembers secrets that passed the slow hash check, so a reconnect storm (thousands of pendants after
 * a cell outage or a broker restart) costs one HMAC per CONNECT instead of one argon2 verify.
 *
 * Safe because: the key is random per process and never leaves it, so the stored MACs are useless
 * outside this process; an entry only matches the secret hash it was verified against, so a rotated
 * secret (new hash) misses; the device's status is read from the database on every CONNECT, the cache
 * only stands in for the hash computation; revocation `forget`s the device. Bounded: least recently
 * used entries go first.
 */
export class CredentialCache {
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  #mac(secretHash: string, secret: string): string {
    return createHmac('sha256', this.#key).update(secretHash).update('\0').update(secret).digest('base64');
  }

  #check(id: string, entry: Entry, secret: string): boolean {
    const ok = timingSafeEqual(Buffer.from(entry.mac), Buffer.from(this.#mac(entry.secretHash, secret)));
    if (ok) {
      this.#entries.delete(id);
      this.#entries.set(id, entry);
    }
    return ok;
  }

  /** True when `secret` was verified for this device against its current `secretHash`. */
  matches(id: string, secretHash: string, secret: string): boolean {
    const entry = this.#entries.get(id);
    return entry !== undefined && entry.secretHash === secretHash && this.#check(id, entry, secret);
  }

  /**
   * True when `secret` was verified for this device against the last hash this process saw. Only for
   * when the database cannot be asked: a pendant that was let in before is not locked out by a
   * database outage (its next alarm depends on it); revocations seen before the outage have removed it.
   */
  matchesLastKnown(id: string, secret: string): boolean {
    const entry = this.#entries.get(id);
    return entry !== undefined && this.#check(id, entry, secret);
  }

  remember(id: string, secretHash: string, secret: string): void {
    if (this.maxEntries === 0) return;
    this.#entries.delete(id);
    this.#entries.set(id, { secretHash, mac: this.#mac(secretHash, secret) });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}
