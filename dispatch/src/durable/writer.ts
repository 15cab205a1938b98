import type pg from 'pg';
import type { Logger } from 'pino';
import { DispatchErrorCode, messageOf } from '../errors.js';
import { applyBatch } from './db-batch.js';
import { isRejectedByDatabase } from './db-errors.js';
import { isFenced } from '../lease/lease-sql.js';
import type { Journal } from './journal.js';
import { replayJournal } from './replay.js';
import { laneOf, type DurableWrite } from './writes.js';

export type DurableMode = 'db' | 'journal' | 'switching';

export interface RejectedWrite {
  readonly write: DurableWrite;
  readonly error: string;
  readonly code: string | null;
}

export interface DurableWriterOptions {
  readonly pool: pg.Pool;
  readonly journal: Journal<DurableWrite>;
  /** Writes the database refused for their content (a constraint): kept locally, reported, never lost. */
  readonly rejected: Journal<RejectedWrite>;
  readonly writeTimeoutMs: number;
  readonly probeMs: number;
  readonly logger: Logger;
  readonly maxBatch?: number;
  /** Database transactions in flight at once (each for a different set of pendants). */
  readonly maxInFlight?: number;
  /** After writes reached the database (the outbox worker wakes on these). */
  readonly onApplied?: (writes: readonly DurableWrite[]) => void;
  readonly onModeChange?: (mode: DurableMode) => void;
  /** The lease epoch every database write is fenced with (null: unfenced, a single-node test). */
  readonly fenceEpoch?: number | null;
  /**
   * The database refused a write for the fence: another node holds the lease. The writes of that batch and
   * all later ones are never resolved (their deliveries stay unacknowledged, for the new holder to handle).
   */
  readonly onFenced?: () => void;
  /**
   * Awaited before writes kept only in the journal are reported durable (and so confirmed to pendants):
   * the engine checks there that it is not the only node cut off from the database. Never resolving
   * keeps them unconfirmed (their deliveries unacknowledged, for the node that takes over).
   */
  readonly beforeJournalConfirm?: () => Promise<void>;
}

interface Item {
  readonly write: DurableWrite;
  readonly lane: string;
  readonly resolve: () => void;
}

/**
 * Makes writes durable: in PostgreSQL, or, while PostgreSQL is unreachable or too slow, in the local
 * fsync'ed journal. `write()` resolves only when the write is durable in one of the two and never
 * rejects: if both fail it keeps retrying (the caller keeps the broker's delivery unacknowledged).
 *
 * Order: writes of one pendant (a lane, `laneOf`) are applied in the order they were made, one
 * transaction of that lane at a time; writes of other pendants go in parallel transactions (up to
 * `maxInFlight`), and whatever queued meanwhile is batched into the next one. So one pendant's alarm
 * never waits for another's commit, and a burst becomes a few transactions rather than many.
 *
 * Modes: `db` -> (a batch fails for connectivity or times out) -> `journal`: that batch and everything
 * after it is appended to the journal; a probe every `probeMs` replays the journal into PostgreSQL ->
 * `switching`: new writes are held in memory while the last journal lines are applied and the journal is
 * emptied -> `db`. Nothing reaches the database before what was journaled earlier.
 */
export class DurableWriter {
  private modeValue: DurableMode = 'db';
  /** Queued writes per lane, lanes in the order they became non-empty. */
  private readonly lanes = new Map<string, Item[]>();
  /** Lanes with a batch in flight. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private probeTimer: NodeJS.Timeout | null = null;
  private replaying = false;
  private replayOffset = 0;
  private stopped = false;
  private fenced = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly log: Logger;

  constructor(private readonly o: DurableWriterOptions) {
    this.maxBatch = o.maxBatch ?? 256;
    this.maxInFlight = o.maxInFlight ?? 4;
    this.log = o.logger.child({ component: 'durable' });
  }

  get mode(): DurableMode {
    return this.modeValue;
  }

  /** Writes queued, not yet in flight. */
  get backlog(): number {
    let n = 0;
    for (const q of this.lanes.values()) n += q.length;
    return n;
  }

  /** At start-up: a non-empty journal (from an earlier run) is replayed before any new write reaches the database. */
  async start(): Promise<void> {
    if ((await this.o.journal.size()) > 0) {
      this.log.warn({ journal: this.o.journal.path }, 'journal from an earlier run found; replaying before database writes');
      this.setMode('journal');
      this.scheduleProbe(0);
    }
  }

  write(write: DurableWrite): Promise<void> {
    return new Promise((resolve) => {
      const lane = laneOf(write);
      const queue = this.lanes.get(lane);
      if (queue) queue.push({ write, lane, resolve });
      else this.lanes.set(lane, [{ write, lane, resolve }]);
      this.pump();
    });
  }

  /** Waits (up to `timeoutMs`) until every write made so far is durable. */
  async flush(timeoutMs: number): Promise<boolean> {
    if (this.fenced) return false;
    const deadline = Date.now() + timeoutMs;
    while ((this.lanes.size > 0 || this.inFlight > 0) && Date.now() < deadline) await sleep(10);
    await this.o.journal.drain();
    return this.lanes.size === 0 && this.inFlight === 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private setMode(mode: DurableMode): void {
    if (mode === this.modeValue) return;
    this.modeValue = mode;
    this.log.warn({ mode }, mode === 'journal' ? 'database unavailable: writing the local journal' : `durable mode ${mode}`);
    this.o.onModeChange?.(mode);
  }

  private pump(): void {
    while (!this.fenced && this.modeValue !== 'switching' && this.inFlight < this.maxInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight++;
      const run = this.modeValue === 'db' ? this.toDatabase(batch) : this.toJournal(batch);
      void run
        .catch((error: unknown) => {
          // only the rejected-writes journal can throw here (disk failing): those writes stay unresolved
          // and their deliveries unacknowledged (the broker redelivers them to the next session)
          this.log.error({ code: DispatchErrorCode.JOURNAL_WRITE, err: messageOf(error) }, 'writes could not be kept anywhere');
        })
        .finally(() => {
          this.inFlight--;
          for (const item of batch) this.busy.delete(item.lane);
          this.pump();
        });
    }
  }

  /** Everything queued in lanes that have nothing in flight (up to maxBatch), those lanes marked busy. */
  private takeBatch(): Item[] {
    const batch: Item[] = [];
    for (const [lane, queue] of this.lanes) {
      if (this.busy.has(lane)) continue;
      const take = queue.splice(0, this.maxBatch - batch.length);
      batch.push(...take);
      this.busy.add(lane);
      if (queue.length === 0) this.lanes.delete(lane);
      if (batch.length >= this.maxBatch) break;
    }
    return batch;
  }

  private async toDatabase(batch: Item[]): Promise<void> {
    try {
      await applyBatch(this.o.pool, batch.map((i) => i.write), this.o.writeTimeoutMs, this.o.fenceEpoch ?? null);
      this.done(batch);
      this.o.onApplied?.(batch.map((i) => i.write));
    } catch (error) {
      if (isFenced(error)) return this.fence(batch.length);
      if (isRejectedByDatabase(error)) return this.oneByOne(batch);
      this.log.warn({ err: messageOf(error), writes: batch.length }, 'database write failed; switching to the journal');
      this.setMode('journal');
      this.scheduleProbe(this.o.probeMs);
      await this.toJournal(batch);
    }
  }

  /** A batch the database refused: apply each write alone so one bad write does not hold back the rest. */
  private async oneByOne(batch: Item[]): Promise<void> {
    for (const [index, item] of batch.entries()) {
      try {
        await applyBatch(this.o.pool, [item.write], this.o.writeTimeoutMs, this.o.fenceEpoch ?? null);
        this.done([item]);
        this.o.onApplied?.([item.write]);
      } catch (error) {
        if (isFenced(error)) return this.fence(batch.length - index);
        if (isRejectedByDatabase(error)) {
          await this.reject(item.write, error);
          this.done([item]);
          continue;
        }
        this.setMode('journal');
        this.scheduleProbe(this.o.probeMs);
        return this.toJournal(batch.slice(index));
      }
    }
  }

  private async toJournal(batch: Item[]): Promise<void> {
    for (;;) {
      try {
        await Promise.all(batch.map((i) => this.o.journal.append(i.write)));
        await this.o.beforeJournalConfirm?.();
        this.done(batch);
        return;
      } catch (error) {
        // Neither the database nor the disk: keep the deliveries unacknowledged and try again.
        this.log.error({ code: DispatchErrorCode.JOURNAL_WRITE, err: messageOf(error) }, 'journal append failed; retrying');
        await sleep(Math.max(100, this.o.probeMs));
        if (this.stopped) return;
      }
    }
  }

  /** Another node holds the lease: nothing more is written, nothing pending is confirmed. */
  private fence(writes: number): void {
    if (this.fenced) return;
    this.fenced = true;
    this.log.error({ code: DispatchErrorCode.LEASE_LOST, writes, epoch: this.o.fenceEpoch }, 'write refused by the lease fence: another node is active; nothing more is written');
    this.lanes.clear();
    this.o.onFenced?.();
  }

  async reject(write: DurableWrite, error: unknown): Promise<void> {
    const code = (error as { code?: string }).code ?? null;
    this.log.error({ code: DispatchErrorCode.NOT_DURABLE, sqlstate: code, kind: write.kind, err: messageOf(error) }, 'database refused a write; kept in the rejected journal');
    await this.o.rejected.append({ write, error: messageOf(error), code });
  }

  private done(items: Item[]): void {
    for (const i of items) i.resolve();
  }

  private scheduleProbe(delayMs: number): void {
    if (this.probeTimer || this.stopped) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probe();
    }, delayMs);
  }

  /** Journal mode: is the database back? Then replay the journal and switch back. */
  private async probe(): Promise<void> {
    if (this.replaying || this.stopped || this.modeValue === 'db') return;
    this.replaying = true;
    try {
      await replayJournal({
        pool: this.o.pool,
        journal: this.o.journal,
        timeoutMs: this.o.writeTimeoutMs,
        fromOffset: this.replayOffset,
        onProgress: (offset) => (this.replayOffset = offset),
        reject: (w, e) => this.reject(w, e),
        onApplied: (writes) => this.o.onApplied?.(writes),
        // Called once the journal is fully applied: hold new writes, apply the tail, then switch.
        beginSwitch: async () => {
          this.setMode('switching');
          while (this.inFlight > 0) await sleep(1);
          await this.o.journal.drain();
        },
      });
      this.setMode('db');
      this.log.info('journal replayed into the database; writing the database again');
    } catch (error) {
      this.log.warn({ err: messageOf(error) }, 'journal replay stopped; database still unavailable');
      if (this.modeValue === 'switching') this.setMode('journal');
    } finally {
      this.replaying = false;
      if (this.mode !== 'db') this.scheduleProbe(this.o.probeMs);
      this.pump();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
