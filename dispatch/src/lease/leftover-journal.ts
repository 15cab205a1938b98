import { join } from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';
import { DispatchErrorCode, messageOf } from '../errors.js';
import { Journal } from '../durable/journal.js';
import { replayJournal } from '../durable/replay.js';
import type { RejectedWrite } from '../durable/writer.js';
import type { DurableWrite } from '../durable/writes.js';

/** NOTIFY channel between dispatch nodes. */
export const DISPATCH_CHANNEL = 'aware_dispatch';
/** Payload: a node replayed a journal it kept while it was active; the active node reads the open alarms again. */
export const JOURNAL_REPLAYED = 'journal_replayed';

/**
 * A node that is not active but has a journal (it was active during a database outage and lost the lease,
 * or crashed then): those writes were confirmed to pendants, so they go into the database as they are
 * (not fenced: they happened under the lease of their time; every write is idempotent), and the active
 * node is told to read the open alarms again. Retries every `probeMs` until the database takes them.
 * Resolves when the journal is empty; the node takes no lease before that.
 */
export async function replayLeftoverJournal(o: { pool: pg.Pool; journalDir: string; timeoutMs: number; probeMs: number; log: Logger; stopped: () => boolean }): Promise<void> {
  const journal = await Journal.open<DurableWrite>(o.journalDir);
  const rejected = await Journal.open<RejectedWrite>(join(o.journalDir, 'rejected'));
  try {
    if ((await journal.size()) === 0) return;
    o.log.warn({ journal: journal.path }, 'journal of an earlier term found: replaying it before this node may become active');
    let offset = 0;
    for (;;) {
      try {
        await replayJournal({
          pool: o.pool,
          journal,
          timeoutMs: o.timeoutMs,
          fromOffset: offset,
          onProgress: (next) => (offset = next),
          reject: async (write, error) => {
            o.log.error({ code: DispatchErrorCode.NOT_DURABLE, kind: write.kind, err: messageOf(error) }, 'database refused a journaled write; kept in the rejected journal');
            await rejected.append({ write, error: messageOf(error), code: (error as { code?: string }).code ?? null });
          },
          onApplied: () => undefined,
          beginSwitch: () => journal.drain(),
        });
        await o.pool.query('SELECT pg_notify($1, $2)', [DISPATCH_CHANNEL, JOURNAL_REPLAYED]);
        o.log.info('journal of an earlier term replayed into the database');
        return;
      } catch (error) {
        if (o.stopped()) return;
        o.log.warn({ err: messageOf(error) }, 'journal replay failed (database unavailable?); retrying');
        await new Promise((resolve) => setTimeout(resolve, o.probeMs));
      }
    }
  } finally {
    await journal.close();
    await rejected.close();
  }
}
