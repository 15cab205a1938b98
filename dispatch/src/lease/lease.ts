import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Logger } from 'pino';
import { messageOf } from '../errors.js';
import { readLease, releaseLease, renewLease, takeLease, type LeaseRow } from './lease-sql.js';

export interface LeaseTimings {
  /** The lease lasts this long after each renewal (database time). */
  readonly ttlMs: number;
  /** A holder renews this often. */
  readonly renewMs: number;
  /**
   * A node takes an expired lease only after seeing it expired, unrenewed, for this long: after a database
   * outage the holder renews within `renewMs` of the database answering again and keeps its lease.
   */
  readonly graceMs: number;
  /** A standby reads the lease this often. */
  readonly pollMs: number;
}

export interface LeaseOptions extends LeaseTimings {
  /** Connection settings of the platform pool; the lease uses a small pool of its own (never starved by writes). */
  readonly pool: pg.Pool;
  readonly instance: string;
  /** This node's dispatch HTTP API, written into the lease row for the other nodes' relays. */
  readonly url: string;
  readonly log: Logger;
  /** May this node take the lease now (broker reachable, no journal of an earlier run left)? */
  readonly eligible: () => boolean;
}

export interface LeaseEvents {
  acquired: [epoch: number];
  /** The lease was renewed or taken by another node: stop handling at once. */
  lost: [epoch: number];
  /** A standby read the lease (or failed to: the database is unreachable from here). */
  polled: [reachable: boolean];
}

/** Who holds the lease as this node last saw it (for relays). */
export interface LeaderView {
  readonly instance: string | null;
  readonly url: string | null;
  readonly epoch: number;
}

/**
 * The dispatch lease of db/migrations/0015_dispatch_lease.sql, from one node's side.
 *
 * Standby: reads the row every `pollMs`; takes it when it is released, or when it has been expired and
 * unrenewed for `graceMs` (two reads of the same row), and only while `eligible()`.
 * Holder: renews every `renewMs`. The lease is *valid* locally until `ttlMs` after the moment the last
 * successful renewal was sent, which is never later than the database's own expiry: a holder that stalls
 * stops counting itself valid before any other node may take over. A renewal that finds the row taken
 * emits `lost`. A renewal that fails for connectivity leaves the holder `unreachable`: whether it may go
 * on is the engine's call (it may, while its broker session proves no one else took over).
 */
export class Lease extends EventEmitter<LeaseEvents> {
  /** This process: a restarted node is a new holder, whatever its instance name. */
  readonly token = randomUUID();
  private readonly db: pg.Pool;
  private readonly log: Logger;
  private epochValue: number | null = null;
  private validUntil = 0;
  private unreachableSince: number | null = null;
  private leader: LeaderView = { instance: null, url: null, epoch: 0 };
  private expiredSeen: { row: LeaseRow; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** When this node last gave the lease up (performance.now), see `release`. */
  private releasedAt: number | null = null;
  private settledWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly o: LeaseOptions) {
    super();
    this.log = o.log.child({ component: 'lease' });
    this.db = new pg.Pool({
      ...o.pool.options,
      max: 2,
      application_name: 'aware-dispatch-lease',
      connectionTimeoutMillis: Math.max(200, Math.floor(o.renewMs * 0.8)),
      idleTimeoutMillis: 0,
    });
    this.db.on('error', () => undefined);
    // a link that breaks during a lease query fails that query (handled); unheard on the client, the
    // same error would end the process (pg-pool listens only to idle clients)
    this.db.on('connect', (client) => client.on('error', () => undefined));
  }

  get epoch(): number | null {
    return this.epochValue;
  }

  get isHolder(): boolean {
    return this.epochValue !== null;
  }

  /** Renewed recently enough that no other node can have taken the lease. */
  validNow(): boolean {
    return this.epochValue !== null && performance.now() < this.validUntil;
  }

  /** The last renewal failed for connectivity (not because the lease was taken). */
  get unreachable(): boolean {
    return this.unreachableSince !== null;
  }

  get leaderView(): LeaderView {
    return this.leader;
  }

  /** Resolves after the next renewal attempt of a holder (at once for a standby). */
  settled(): Promise<void> {
    if (!this.isHolder) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** One attempt to take the lease now (start-up); then the loop runs in the background. */
  async start(): Promise<boolean> {
    await this.tick();
    this.schedule();
    return this.isHolder;
  }

  /**
   * Gives the lease up (if held) so another node takes it at once. This node then leaves a free lease to
   * the others for one lease time (its own polling would otherwise often win the race for what it has just
   * given up); after that it takes it again if nobody did.
   */
  async release(): Promise<void> {
    const epoch = this.epochValue;
    if (epoch === null) return;
    this.epochValue = null;
    this.releasedAt = performance.now();
    this.validUntil = 0;
    this.wakeSettled();
    try {
      await this.withClient((c) => releaseLease(c, epoch, this.token));
      this.log.info({ epoch }, 'dispatch lease released');
    } catch (error) {
      this.log.warn({ epoch, err: messageOf(error) }, 'lease release failed; it expires by itself');
    }
  }

  /** A write was refused by the fence: the lease is gone, whatever the last renewal said. */
  fenced(): void {
    if (this.epochValue === null) return;
    this.loseLease('a write was refused by the lease fence');
  }

  /**
   * This node gives the lease up without reaching the database (it is cut off from it): it counts as lost
   * here at once; in the database it expires, and a standby that reaches it takes it.
   */
  abandon(reason: string): void {
    if (this.epochValue === null) return;
    this.loseLease(reason);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await this.release();
    await this.db.end().catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.isHolder ? (this.unreachableSince === null ? this.o.renewMs : Math.min(this.o.renewMs, 200)) : this.o.pollMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule();
      });
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.isHolder) await this.renew();
    else await this.poll();
  }

  private async renew(): Promise<void> {
    const epoch = this.epochValue!;
    const sentAt = performance.now();
    try {
      const held = await this.withClient((c) => renewLease(c, epoch, this.token, this.o.ttlMs));
      if (this.epochValue !== epoch) return;
      if (!held) return this.loseLease('renewal found the lease taken');
      this.validUntil = sentAt + this.o.ttlMs;
      if (this.unreachableSince !== null) this.log.info({ epoch, unreachableMs: Math.round(performance.now() - this.unreachableSince) }, 'lease renewed again');
      this.unreachableSince = null;
    } catch (error) {
      if (this.unreachableSince === null) {
        this.unreachableSince = performance.now();
        this.log.warn({ epoch, err: messageOf(error) }, 'lease renewal failed (database unreachable); retrying');
      }
    } finally {
      this.wakeSettled();
    }
  }

  private async poll(): Promise<void> {
    let row: LeaseRow;
    try {
      row = await this.withClient((c) => readLease(c));
    } catch (error) {
      this.expiredSeen = null;
      this.log.debug({ err: messageOf(error) }, 'lease unreadable (database unreachable)');
      this.emit('polled', false);
      return;
    }
    this.emit('polled', true);
    this.leader = { instance: row.holder, url: row.holderToken ? row.holderUrl : null, epoch: row.epoch };
    const free = row.holderToken === null;
    if (!free && !row.expired) {
      this.expiredSeen = null;
      return;
    }
    const seen = this.expiredSeen;
    const sameRow = seen !== null && seen.row.epoch === row.epoch && seen.row.renewedAt === row.renewedAt;
    if (!free && !sameRow) {
      this.expiredSeen = { row, at: performance.now() };
      return;
    }
    if (!free && performance.now() - seen!.at < this.o.graceMs) return;
    if (free && this.releasedAt !== null && performance.now() - this.releasedAt < this.o.ttlMs) return;
    if (!this.o.eligible()) return;
    await this.take(row);
  }

  private async take(row: LeaseRow): Promise<void> {
    const sentAt = performance.now();
    let epoch: number | null;
    try {
      epoch = await this.withClient((c) =>
        takeLease(c, { holder: this.o.instance, token: this.token, url: this.o.url, ttlMs: this.o.ttlMs, seen: row }),
      );
    } catch (error) {
      this.log.warn({ err: messageOf(error) }, 'taking the lease failed');
      return;
    }
    this.expiredSeen = null;
    if (epoch === null) return;
    this.epochValue = epoch;
    this.validUntil = sentAt + this.o.ttlMs;
    this.unreachableSince = null;
    this.leader = { instance: this.o.instance, url: this.o.url, epoch };
    this.log.info({ epoch, previous: row.holder, released: row.holderToken === null }, 'dispatch lease taken: this node handles alarms');
    this.emit('acquired', epoch);
  }

  private loseLease(reason: string): void {
    const epoch = this.epochValue!;
    this.epochValue = null;
    // who holds it now is known at the next read; until then relays answer "no active node"
    this.leader = { instance: null, url: null, epoch };
    this.validUntil = 0;
    this.unreachableSince = null;
    this.log.error({ epoch, reason }, 'dispatch lease lost: this node stops handling alarms');
    this.wakeSettled();
    this.emit('lost', epoch);
  }

  private wakeSettled(): void {
    for (const w of this.settledWaiters.splice(0)) w();
  }

  /** One query on the lease pool, abandoned (and its connection destroyed) after `renewMs`. */
  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.db.connect();
    let timer: NodeJS.Timeout | undefined;
    // a failed or abandoned query leaves the connection in an unknown state: it is not reused
    let discard = false;
    try {
      return await Promise.race([
        fn(client),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`lease query took longer than ${this.o.renewMs} ms`)), this.o.renewMs);
        }),
      ]);
    } catch (error) {
      discard = true;
      throw error;
    } finally {
      clearTimeout(timer);
      client.release(discard ? new Error('lease connection discarded') : undefined);
    }
  }
}
