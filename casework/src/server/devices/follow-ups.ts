import type { Queryable } from '@aware/db';
import type { FollowUpView } from '@aware/casework/contract';
import { iso } from '../iso.js';

/** Follow-up contacts of the region (null: all), open ones by due date; `open` false adds the completed ones. */
export async function listFollowUps(db: Queryable, region: string | null, open: boolean): Promise<FollowUpView[]> {
  const { rows } = await db.query<{
    id: string;
    client_id: string;
    client_name: string;
    assignment_id: string;
    kind: FollowUpView['kind'];
    due_on: string;
    completed_at: Date | null;
    notes: string | null;
  }>(
    `SELECT f.id::text, f.client_id, c.name AS client_name, f.assignment_id, f.kind, f.due_on::text, f.completed_at, f.notes
     FROM follow_up_tasks f JOIN clients c ON c.id = f.client_id
     WHERE ($1::text IS NULL OR c.region = $1) AND (NOT $2 OR f.completed_at IS NULL)
     ORDER BY f.completed_at IS NOT NULL, f.due_on LIMIT 2000`,
    [region, open],
  );
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    assignmentId: r.assignment_id,
    kind: r.kind,
    dueOn: r.due_on,
    completedAt: r.completed_at ? iso(r.completed_at) : null,
    notes: r.notes,
  }));
}

/** Marks a follow-up contact done; the client id, or null when there is no such open task in the region. */
export async function completeFollowUp(db: Queryable, region: string | null, id: string, by: string, notes: string): Promise<string | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<{ client_id: string }>(
    `UPDATE follow_up_tasks f SET completed_at = now(), completed_by = $3, notes = $4
     FROM clients c WHERE f.id = $1 AND c.id = f.client_id AND ($2::text IS NULL OR c.region = $2) AND f.completed_at IS NULL
     RETURNING f.client_id`,
    [id, region, by, notes],
  );
  return rows[0]?.client_id ?? null;
}
