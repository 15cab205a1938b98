import type { Queryable } from '@aware/db';
import type { PrivacyRequestChange, RestrictedRecord } from '@aware/casework/contract';
import { iso } from '../iso.js';

/**
 * What was changed for a request, from the records that prove it: dossier_corrections (old and new value)
 * and the append-only access log (restrictions set and lifted, with the reason given). Oldest first.
 */
export async function requestChanges(db: Queryable, requestId: string): Promise<PrivacyRequestChange[]> {
  const { rows } = await db.query<{
    at: Date;
    by: string | null;
    kind: PrivacyRequestChange['kind'];
    subject_type: 'client' | 'perpetrator';
    subject_name: string | null;
    field: string | null;
    old_value: string | null;
    new_value: string | null;
    reason: string;
  }>(
    `SELECT k.corrected_at AS at, u.display_name AS by, 'correction' AS kind, k.subject_type,
            coalesce(c.name, p.name) AS subject_name, k.field, k.old_value #>> '{}' AS old_value, k.new_value #>> '{}' AS new_value, k.reason
     FROM dossier_corrections k
     LEFT JOIN users u ON u.id = k.corrected_by
     LEFT JOIN clients c ON k.subject_type = 'client' AND c.id::text = k.subject_id
     LEFT JOIN perpetrators p ON k.subject_type = 'perpetrator' AND p.id::text = k.subject_id
     WHERE k.privacy_request_id = $1
     UNION ALL
     SELECT l.at, coalesce(u.display_name, l.username), CASE l.action WHEN 'restrict' THEN 'restrict' ELSE 'lift' END, l.subject_type,
            coalesce(c.name, p.name), NULL, NULL, NULL, substr(l.reason, length($2) + 1)
     FROM access_log l
     LEFT JOIN users u ON u.id = l.user_id
     LEFT JOIN clients c ON l.subject_type = 'client' AND c.id::text = l.subject_id
     LEFT JOIN perpetrators p ON l.subject_type = 'perpetrator' AND p.id::text = l.subject_id
     WHERE l.action IN ('restrict', 'lift_restriction') AND starts_with(l.reason, $2)
     ORDER BY 1`,
    [requestId, `privacy request ${requestId}: `],
  );
  return rows.map((r) => ({
    at: iso(r.at),
    by: r.by ?? '—',
    kind: r.kind,
    subjectType: r.subject_type,
    subjectName: r.subject_name,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    reason: r.reason,
  }));
}

/** The records of the client's dossier that are restricted now: hers and each perpetrator's. */
export async function restrictedRecords(db: Queryable, clientId: string): Promise<RestrictedRecord[]> {
  const { rows } = await db.query<{ subject_type: 'client' | 'perpetrator'; subject_id: string; subject_name: string; since: Date; reason: string | null }>(
    `SELECT 'client' AS subject_type, id::text AS subject_id, name AS subject_name, restricted_at AS since, restriction_reason AS reason
     FROM clients WHERE id = $1 AND restricted_at IS NOT NULL
     UNION ALL
     SELECT 'perpetrator', id::text, name, restricted_at, restriction_reason FROM perpetrators WHERE client_id = $1 AND restricted_at IS NOT NULL
     ORDER BY 4`,
    [clientId],
  );
  return rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id, subjectName: r.subject_name, since: iso(r.since), reason: r.reason }));
}
