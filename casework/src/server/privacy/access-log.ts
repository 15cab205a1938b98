import type { Queryable } from '@aware/db';
import type { Scope } from '../commissie/scopes.js';

/** One entry of the access log: what was touched, in which dossier, why. */
export interface AccessEntry {
  /** 'read', 'list', 'export', 'update', 'issue', 'return', 'delete', ... */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly clientId: string | null;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Writes entries to the append-only access log ("bijhouden wie toegang heeft") as the caller, under the
 * role that granted the access. Callers log before they read: a read whose entry could not be written
 * does not happen.
 */
export async function logAccess(db: Queryable, scope: Scope, ip: string | null, entries: AccessEntry | readonly AccessEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AccessEntry];
  if (list.length === 0) return;
  const p = scope.principal;
  await db.query(
    `INSERT INTO access_log (user_id, username, organisation, role, action, subject_type, subject_id, client_id, reason, ip, details)
     SELECT $1, $2, $3, $4, x.action, x.subject_type, x.subject_id, x.client_id, left(x.reason, 500), $5::inet, coalesce(x.details, '{}')
     FROM jsonb_to_recordset($6::jsonb) AS x(action text, subject_type text, subject_id text, client_id uuid, reason text, details jsonb)`,
    [
      p.userId,
      p.username,
      p.organisation,
      scope.role,
      ip,
      JSON.stringify(list.map((e) => ({ action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, client_id: e.clientId, reason: e.reason, details: e.details ?? {} }))),
    ],
  );
}
