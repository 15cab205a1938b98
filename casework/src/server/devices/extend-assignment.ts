import type { Queryable } from '@aware/db';

/** The end of a period that runs until and including `day` (Europe/Amsterdam): the next midnight there. */
export const END_OF_DAY_SQL = `(($1::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

/**
 * An approved extension moves the assignment's end to the end of `endsOn`, recorded with its decision in
 * assignment_extensions. Nothing happens when the pendant was returned meanwhile or the new end is not
 * later. Returns the move, or null.
 */
export async function extendAssignment(
  tx: Queryable,
  assignmentId: string,
  decisionId: string,
  endsOn: string,
  by: string,
): Promise<{ previousEndsAt: Date; newEndsAt: Date } | null> {
  const { rows } = await tx.query<{ previous: Date; next: Date }>(
    `WITH target AS (
       SELECT id, ends_at AS previous, ${END_OF_DAY_SQL.replace('$1', '$2')} AS next
       FROM device_assignments WHERE id = $1 AND returned_at IS NULL FOR UPDATE
     ), moved AS (
       UPDATE device_assignments a SET ends_at = t.next FROM target t WHERE a.id = t.id AND t.next > t.previous RETURNING a.id
     ), recorded AS (
       INSERT INTO assignment_extensions (assignment_id, decision_id, previous_ends_at, new_ends_at, extended_by)
       SELECT t.id, $3, t.previous, t.next, $4 FROM target t WHERE t.id IN (SELECT id FROM moved)
     )
     SELECT previous, next FROM target WHERE id IN (SELECT id FROM moved)`,
    [assignmentId, endsOn, decisionId, by],
  );
  const r = rows[0];
  return r ? { previousEndsAt: r.previous, newEndsAt: r.next } : null;
}
