import type { Queryable } from '@aware/db';
import type { NotificationView } from '@aware/casework/contract';
import { iso } from '../iso.js';

/**
 * Tells case workers about their application or client: the ones who filed and submitted it. Detail holds
 * ids, outcomes and dates only; the page words the message.
 */
export async function notifyCaseWorkers(
  db: Queryable,
  userIds: readonly (string | null)[],
  n: { kind: NotificationView['kind']; applicationId: string | null; clientId: string; detail: Record<string, unknown> },
): Promise<void> {
  const to = [...new Set(userIds.filter((u): u is string => u !== null))];
  await db.query(
    `INSERT INTO case_notifications (user_id, kind, application_id, client_id, detail) SELECT u, $2, $3, $4, $5 FROM unnest($1::uuid[]) u`,
    [to, n.kind, n.applicationId, n.clientId, n.detail],
  );
}

/** The case workers of a client: who filed or submitted any of the client's applications. */
export async function caseWorkersOf(db: Queryable, clientId: string): Promise<string[]> {
  const { rows } = await db.query<{ u: string }>(
    `SELECT DISTINCT u FROM applications a, unnest(ARRAY[a.created_by, a.submitted_by]) u WHERE a.client_id = $1 AND u IS NOT NULL`,
    [clientId],
  );
  return rows.map((r) => r.u);
}

export async function listNotifications(db: Queryable, userId: string): Promise<NotificationView[]> {
  const { rows } = await db.query<{
    id: string;
    kind: NotificationView['kind'];
    application_id: string | null;
    client_id: string | null;
    detail: Record<string, unknown>;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT id::text, kind, application_id, client_id, detail, created_at, read_at FROM case_notifications
     WHERE user_id = $1 ORDER BY read_at IS NOT NULL, created_at DESC, case_notifications.id DESC LIMIT 200`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    applicationId: r.application_id,
    clientId: r.client_id,
    detail: r.detail,
    createdAt: iso(r.created_at),
    readAt: r.read_at ? iso(r.read_at) : null,
  }));
}

export async function markRead(db: Queryable, userId: string, id: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(id)) return false;
  const { rowCount } = await db.query(`UPDATE case_notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`, [id, userId]);
  return rowCount === 1;
}
