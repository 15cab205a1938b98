import type { Queryable } from '@aware/db';
import type { AssignmentView } from '@aware/casework/contract';
import { iso } from '../iso.js';

interface Row {
  id: string;
  device_id: string;
  application_id: string | null;
  client_id: string;
  client_name: string;
  region: string;
  starts_at: Date;
  ends_at: Date;
  handed_over_at: Date | null;
  returned_at: Date | null;
  end_reason: AssignmentView['endReason'];
  extensions: { previousEndsAt: string; newEndsAt: string; decisionId: string | null; extendedAt: string }[];
}

export interface AssignmentFilter {
  /** null: every region. */
  readonly region: string | null;
  /** Only pendants still out whose end falls within this many days (overdue ones included). */
  readonly endingWithinDays?: number;
  readonly assignmentId?: string;
  readonly clientId?: string;
  /** Include the client's name (case workers); device administrators get null. */
  readonly withNames: boolean;
}

/** Assignments, the ones ending soonest first. Returned ones only when asked for one id or one client. */
export async function listAssignments(db: Queryable, f: AssignmentFilter): Promise<AssignmentView[]> {
  const { rows } = await db.query<Row>(
    `SELECT a.id, a.device_id, d.application_id, a.client_id, c.name AS client_name, c.region, a.starts_at, a.ends_at,
            a.handed_over_at, a.returned_at, a.end_reason,
            coalesce((SELECT jsonb_agg(jsonb_build_object('previousEndsAt', e.previous_ends_at, 'newEndsAt', e.new_ends_at,
                        'decisionId', e.decision_id, 'extendedAt', e.extended_at) ORDER BY e.extended_at)
                      FROM assignment_extensions e WHERE e.assignment_id = a.id), '[]') AS extensions
     FROM device_assignments a JOIN clients c ON c.id = a.client_id LEFT JOIN decisions d ON d.id = a.decision_id
     WHERE ($1::text IS NULL OR c.region = $1)
       AND ($2::int IS NULL OR (a.returned_at IS NULL AND a.ends_at < now() + make_interval(days => $2)))
       AND ($3::uuid IS NULL OR a.id = $3)
       AND ($4::uuid IS NULL OR a.client_id = $4)
       AND (a.returned_at IS NULL OR $3::uuid IS NOT NULL OR $4::uuid IS NOT NULL)
     ORDER BY a.returned_at IS NOT NULL, a.ends_at
     LIMIT 2000`,
    [f.region, f.endingWithinDays ?? null, f.assignmentId ?? null, f.clientId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    applicationId: r.application_id,
    clientId: r.client_id,
    clientName: f.withNames ? r.client_name : null,
    region: r.region,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    handedOverAt: r.handed_over_at ? iso(r.handed_over_at) : null,
    returnedAt: r.returned_at ? iso(r.returned_at) : null,
    endReason: r.end_reason,
    extensions: r.extensions.map((e) => ({ ...e, previousEndsAt: iso(e.previousEndsAt), newEndsAt: iso(e.newEndsAt), extendedAt: iso(e.extendedAt) })),
  }));
}
