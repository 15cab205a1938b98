import type pg from 'pg';
import { applyBatch } from './db-batch.js';
import { isRejectedByDatabase } from './db-errors.js';
import type { Journal } from './journal.js';
import type { DurableWrite } from './writes.js';

export interface ReplayOptions {
  readonly pool: pg.Pool;
  readonly journal: Journal<DurableWrite>;
  readonly timeoutMs: number;
  /** Where the previous (interrupted) replay got to; lines before it are already in the database. */
  readonly fromOffset: number;
  readonly onProgress: (offset: number) => void;
  readonly reject: (write: DurableWrite, error: unknown) => Promise<void>;
  readonly onApplied: (writes: readonly DurableWrite[]) => void;
  /** Stop new writes reaching the journal; resolves when the journal has no append in flight. */
  readonly beginSwitch: () => Promise<void>;
}

const BATCH = 256;
/** Replay is not on anyone's critical path: a busy database gets longer than a live write. */
const REPLAY_TIMEOUT_FLOOR_MS = 30_000;

/**
 * Applies the journal to PostgreSQL, oldest line first, in batches; then, with new writes held back by
 * `beginSwitch`, the lines appended meanwhile; then empties the journal. Throws (leaving the journal as it
 * is) when the database fails again; the next attempt starts at the last offset reported, and lines
 * applied twice change nothing (every write is idempotent): each journaled alarm reaches the database
 * exactly once.
 */
export async function replayJournal(options: ReplayOptions): Promise<void> {
  await applyBatch(options.pool, [], options.timeoutMs);
  const o = { ...options, timeoutMs: Math.max(options.timeoutMs, REPLAY_TIMEOUT_FLOOR_MS) };
  let offset = o.fromOffset;
  for (;;) {
    const { entries, nextOffset } = await o.journal.readFrom(offset);
    if (entries.length === 0) break;
    await applyInBatches(o, entries.map((e) => e.rec));
    offset = nextOffset;
    o.onProgress(offset);
  }
  await o.beginSwitch();
  const tail = await o.journal.readFrom(offset);
  await applyInBatches(o, tail.entries.map((e) => e.rec));
  await o.journal.truncate();
  o.onProgress(0);
}

async function applyInBatches(o: ReplayOptions, writes: DurableWrite[]): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = writes.slice(i, i + BATCH);
    try {
      await applyBatch(o.pool, batch, o.timeoutMs);
      o.onApplied(batch);
    } catch (error) {
      if (!isRejectedByDatabase(error)) throw error;
      for (const write of batch) {
        try {
          await applyBatch(o.pool, [write], o.timeoutMs);
          o.onApplied([write]);
        } catch (single) {
          if (!isRejectedByDatabase(single)) throw single;
          await o.reject(write, single);
        }
      }
    }
  }
}
