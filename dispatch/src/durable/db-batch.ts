import type pg from 'pg';
import { planStatements } from './apply/index.js';
import { isRetryable } from './db-errors.js';
import type { DurableWrite } from './writes.js';

export class BatchTimeoutError extends Error {
  override readonly name = 'BatchTimeoutError';
}

/**
 * Applies `writes` (after the lease fence, when `fenceEpoch` is given) in one transaction of a few bulk statements (apply/index.ts; a single statement runs
 * without BEGIN/COMMIT), or throws. Bounded by `timeoutMs` from asking the pool for
 * a connection to COMMIT: on timeout the connection is destroyed (the server rolls back whatever had
 * not committed) and BatchTimeoutError is thrown. A COMMIT that raced the timeout is harmless: the
 * caller then journals writes that are already in the database, and replaying them changes nothing.
 */
export async function applyBatch(pool: pg.Pool, writes: readonly DurableWrite[], timeoutMs: number, fenceEpoch: number | null = null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(pool, writes, timeoutMs, fenceEpoch);
    } catch (error) {
      // a deadlock or serialization failure rolled everything back: run it again (then give up to the caller)
      if (!isRetryable(error) || attempt >= 3) throw error;
    }
  }
}

async function applyOnce(pool: pg.Pool, writes: readonly DurableWrite[], timeoutMs: number, fenceEpoch: number | null): Promise<void> {
  let client: pg.PoolClient | undefined;
  let released = false;
  let timedOut = false;
  // A checked-out client whose server goes away emits 'error' between queries; without a listener that
  // would be an uncaught exception. The failure itself surfaces through the next query.
  const ignore = () => undefined;
  const release = (destroy: boolean) => {
    if (client && !released) {
      released = true;
      client.removeListener('error', ignore);
      client.release(destroy ? new Error('dispatch: connection discarded') : undefined);
    }
  };

  const work = (async () => {
    client = await pool.connect();
    client.on('error', ignore);
    if (timedOut) return release(true);
    try {
      const statements = planStatements(writes);
      // The lease's fencing token first, in the same transaction (db/migrations/0015_dispatch_lease.sql):
      // a node that lost the lease commits nothing. Journal replays carry none: they are writes already
      // made durable, and confirmed, under the lease of their time. The fence holds a shared lock that a
      // new holder must wait for: should this process stall mid-transaction (paused, swapped out), the
      // server ends the transaction once it has been idle for this batch's own bound, so the stalled
      // node cannot keep the others from taking over.
      if (fenceEpoch !== null) {
        statements.unshift((c) =>
          c.query(`SELECT dispatch_fence($1), set_config('idle_in_transaction_session_timeout', $2, true)`, [fenceEpoch, String(timeoutMs)]).then(() => undefined),
        );
      }
      if (statements.length === 1) {
        // one statement is atomic on its own: no BEGIN/COMMIT round trips
        await statements[0]!(client);
      } else {
        await client.query('BEGIN');
        for (const statement of statements) await statement(client);
        await client.query('COMMIT');
      }
      release(false);
    } catch (error) {
      if (!timedOut) await client.query('ROLLBACK').catch(() => undefined);
      release(true);
      throw error;
    }
  })();

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      release(true);
      reject(new BatchTimeoutError(`database write took longer than ${timeoutMs} ms`));
    }, timeoutMs);
  });
  work.catch(() => undefined);
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
