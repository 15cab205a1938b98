import type { Queryable } from '@aware/db';

/**
 * Removes a client's dossier: her alarms (with their trail and history), her privacy requests (except
 * `keepRequestId`, the deletion request being carried out: the proof that it was, kept without the link),
 * and the client with everything that hangs off her (perpetrators, applications, votes, decisions,
 * assignments, extensions, follow-ups, corrections, notifications). The access log keeps its entries: they
 * are evidence, name only ids, and are append-only.
 */
export async function deleteDossier(db: Queryable, clientId: string, keepRequestId: string | null): Promise<void> {
  await db.query(`DELETE FROM alarms WHERE client_id = $1`, [clientId]);
  await db.query(`DELETE FROM privacy_requests WHERE client_id = $1 AND ($2::bigint IS NULL OR id <> $2)`, [clientId, keepRequestId]);
  await db.query(`DELETE FROM clients WHERE id = $1`, [clientId]);
}
