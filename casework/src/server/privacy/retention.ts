import { withTransaction, type Pool } from '@aware/db';
import type { Logger } from 'pino';
import { deleteDossier } from './delete-dossier.js';

const BATCH = 200;

/**
 * The retention job: closed dossiers whose term (20 years after closing: clients.retain_until) has passed
 * are removed, in batches, each removal written to the access log as done by the system. Returns how many.
 * Concurrent runs (two dashboards) skip each other's rows.
 */
export async function purgeExpiredDossiers(db: Pool, log: Logger): Promise<number> {
  let purged = 0;
  for (;;) {
    const n = await withTransaction(db, async (tx) => {
      const { rows } = await tx.query<{ id: string; retain_until: string }>(
        `SELECT id, retain_until::text FROM clients
         WHERE status = 'closed' AND retain_until < (now() AT TIME ZONE 'Europe/Amsterdam')::date
         ORDER BY retain_until LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const r of rows) {
        await tx.query(
          `INSERT INTO access_log (user_id, username, organisation, role, action, subject_type, subject_id, client_id, reason)
           VALUES (NULL, 'system', NULL, 'system', 'purge', 'dossier', $1::text, $1::uuid, $2)`,
          [r.id, `retention term ended ${r.retain_until} (20 years after closing)`],
        );
        await deleteDossier(tx, r.id, null);
      }
      return rows.length;
    });
    purged += n;
    if (n < BATCH) break;
  }
  if (purged) log.info({ purged }, 'closed dossiers past their retention term purged');
  return purged;
}

/** Runs the purge every `everyMs` (0: never); returns the stop function. A failed run is logged and retried next time. */
export function scheduleRetention(db: Pool, log: Logger, everyMs: number): () => void {
  if (everyMs <= 0) return () => undefined;
  const run = () => void purgeExpiredDossiers(db, log).catch((error: Error) => log.warn({ err: error.message }, 'retention purge failed'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
