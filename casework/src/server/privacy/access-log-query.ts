import type { Queryable } from '@aware/db';
import type { AccessLogEntry, AccessLogQuery } from '@aware/casework/contract';
import { iso } from '../iso.js';

/**
 * The access log, newest first, filtered; page back with `before` (the smallest id seen). `region`: the
 * privacy officer's (need-to-know, as for the dossiers themselves): entries about clients of that region,
 * and entries about no client made by users of that region. Null: a national officer, everything.
 */
export async function queryAccessLog(db: Queryable, q: AccessLogQuery, region: string | null): Promise<AccessLogEntry[]> {
  const { rows } = await db.query<{
    id: string;
    at: Date;
    user_id: string | null;
    username: string;
    organisation: string | null;
    role: string;
    action: string;
    subject_type: string;
    subject_id: string;
    client_id: string | null;
    reason: string;
    ip: string | null;
    display_name: string | null;
    client_name: string | null;
  }>(
    `SELECT l.id::text, l.at, l.user_id, l.username, l.organisation, l.role, l.action, l.subject_type, l.subject_id, l.client_id, l.reason,
            host(l.ip) AS ip, su.display_name, sc.name AS client_name
     FROM access_log l
     LEFT JOIN users su ON su.id = l.user_id
     LEFT JOIN clients sc ON sc.id = l.client_id
     WHERE ($1::uuid IS NULL OR l.client_id = $1) AND ($2::text IS NULL OR l.username = $2) AND ($3::text IS NULL OR l.action = $3)
       AND ($4::text IS NULL OR l.subject_type = $4) AND ($5::timestamptz IS NULL OR l.at >= $5) AND ($6::timestamptz IS NULL OR l.at < $6)
       AND ($7::bigint IS NULL OR l.id < $7)
       AND ($9::text IS NULL OR CASE WHEN l.client_id IS NOT NULL
             THEN EXISTS (SELECT 1 FROM clients c WHERE c.id = l.client_id AND c.region = $9)
             ELSE EXISTS (SELECT 1 FROM users u WHERE u.id = l.user_id AND u.region = $9) END)
     ORDER BY l.id DESC LIMIT $8`,
    [q.clientId ?? null, q.username ?? null, q.action ?? null, q.subjectType ?? null, q.from ?? null, q.to ?? null, q.before ?? null, q.limit ?? 200, region],
  );
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at),
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    organisation: r.organisation,
    role: r.role,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    clientId: r.client_id,
    clientName: r.client_name,
    reason: r.reason,
    ip: r.ip,
  }));
}
