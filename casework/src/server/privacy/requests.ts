import type { Queryable } from '@aware/db';
import type { CreatePrivacyRequestBody, PrivacyRequestKind, PrivacyRequestView } from '@aware/casework/contract';
import { iso } from '../iso.js';
import { inRegion, type Scope } from '../commissie/scopes.js';
import { entitlement } from './entitlement.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

interface Row {
  id: string;
  client_id: string | null;
  kind: PrivacyRequestKind;
  requester_name: string;
  requester_capacity: PrivacyRequestView['requesterCapacity'];
  consent_reference: string | null;
  details: { text?: string; deletionScope?: 'dossier' | 'photo' };
  received_at: Date;
  due_at: Date;
  extended_due_at: Date | null;
  extension_reason: string | null;
  status: PrivacyRequestView['status'];
  outcome_reason: string | null;
  completed_at: Date | null;
  overdue: boolean;
}

const SELECT = `
SELECT r.id::text, r.client_id, r.kind, r.requester_name, r.requester_capacity, r.consent_reference, r.details, r.received_at,
       r.due_at, r.extended_due_at, r.extension_reason, r.status, r.outcome_reason, r.completed_at,
       r.status IN ('open', 'in_progress') AND coalesce(r.extended_due_at, r.due_at) < now() AS overdue
FROM privacy_requests r`;

function toView(r: Row): PrivacyRequestView {
  const opt = (d: Date | null) => (d ? iso(d) : null);
  return {
    id: r.id,
    clientId: r.client_id,
    kind: r.kind,
    requesterName: r.requester_name,
    requesterCapacity: r.requester_capacity,
    consentReference: r.consent_reference,
    details: r.details.text ?? '',
    deletionScope: r.kind === 'deletion' ? (r.details.deletionScope ?? 'dossier') : null,
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    extendedDueAt: opt(r.extended_due_at),
    extensionReason: r.extension_reason,
    status: r.status,
    outcomeReason: r.outcome_reason,
    completedAt: opt(r.completed_at),
    overdue: r.overdue,
  };
}

/** Requests of the scope's region, open ones by due date first; or those of one client. */
export async function listRequests(db: Queryable, region: string | null, clientId?: string): Promise<PrivacyRequestView[]> {
  const { rows } = await db.query<Row>(
    `${SELECT} LEFT JOIN clients c ON c.id = r.client_id
     WHERE ($1::text IS NULL OR c.region = $1 OR r.client_id IS NULL) AND ($2::uuid IS NULL OR r.client_id = $2)
     ORDER BY r.status NOT IN ('open', 'in_progress'), coalesce(r.extended_due_at, r.due_at), r.id LIMIT 1000`,
    [region, clientId ?? null],
  );
  return rows.map(toView);
}

export async function findRequest(db: Queryable, id: string, lock = false): Promise<PrivacyRequestView | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<Row>(`${SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/** The request, when it is in the scope's region and in one of `statuses`. */
export async function requestInScope(db: Queryable, s: Scope, id: string, statuses: readonly PrivacyRequestView['status'][], lock = false): Promise<PrivacyRequestView> {
  const r = await findRequest(db, id, lock);
  const region = r?.clientId ? (await db.query<{ region: string }>(`SELECT region FROM clients WHERE id = $1`, [r.clientId])).rows[0]?.region : null;
  if (!r || (region && !inRegion(s, region)) || (!region && s.region !== null)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such privacy request');
  if (!statuses.includes(r.status)) throw new CaseworkError(CaseworkErrorCode.PRIVACY_REQUEST_STATE, `it is ${r.status}`);
  return r;
}

/**
 * `POST /api/privacy/requests`: a request as received (by mail, with a copy of an ID), checked against who
 * may exercise the client's rights. Reply due within one month.
 */
export async function createRequest(db: Queryable, s: Scope, body: CreatePrivacyRequestBody): Promise<PrivacyRequestView> {
  const { rows } = await db.query<{ region: string; date_of_birth: string | null; legally_incapable: boolean; today: string }>(
    `SELECT region, date_of_birth::text, legally_incapable, (now() AT TIME ZONE 'Europe/Amsterdam')::date::text AS today FROM clients WHERE id = $1`,
    [body.clientId],
  );
  const c = rows[0];
  if (!c || !inRegion(s, c.region)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such client');
  const refusal = entitlement({ capacity: body.requesterCapacity, dateOfBirth: c.date_of_birth, legallyIncapable: c.legally_incapable, consent: body.consentReference ?? null, today: c.today });
  if (refusal) throw new CaseworkError(CaseworkErrorCode.REQUESTER_NOT_ENTITLED, refusal);
  const details = { text: body.details ?? '', ...(body.kind === 'deletion' ? { deletionScope: body.deletionScope ?? 'dossier' } : {}) };
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO privacy_requests (client_id, kind, requester_name, requester_capacity, consent_reference, details, due_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, now() + interval '1 month', $7) RETURNING id::text`,
    [body.clientId, body.kind, body.requesterName, body.requesterCapacity, body.consentReference ?? null, details, s.principal.userId],
  );
  return (await findRequest(db, inserted.rows[0]!.id))!;
}

/** Work has started (a copy was made, a record restricted, ...). */
export async function markInProgress(db: Queryable, id: string, by: string): Promise<void> {
  await db.query(`UPDATE privacy_requests SET status = 'in_progress', handled_by = coalesce(handled_by, $2) WHERE id = $1 AND status = 'open'`, [id, by]);
}

/** `POST /api/privacy/requests/:id/extend`: a copy of a complex dossier may take two more months, once. */
export async function extendRequest(db: Queryable, s: Scope, id: string, reason: string): Promise<PrivacyRequestView> {
  const r = await requestInScope(db, s, id, ['open', 'in_progress']);
  if (r.kind !== 'inzage' || r.extendedDueAt) throw new CaseworkError(CaseworkErrorCode.PRIVACY_REQUEST_STATE, 'only a copy request, and only once');
  await db.query(`UPDATE privacy_requests SET extended_due_at = due_at + interval '2 months', extension_reason = $2 WHERE id = $1`, [id, reason]);
  return (await findRequest(db, id))!;
}

/** `POST /api/privacy/requests/:id/close`: the reply was sent; a refusal says why. */
export async function closeRequest(db: Queryable, s: Scope, id: string, status: 'completed' | 'refused', outcomeReason: string | null): Promise<PrivacyRequestView> {
  await requestInScope(db, s, id, ['open', 'in_progress']);
  if (status === 'refused' && !outcomeReason) throw new DashboardError(DashboardErrorCode.BODY_INVALID, 'outcomeReason: a refusal says why');
  await db.query(
    `UPDATE privacy_requests SET status = $2, outcome_reason = $3, completed_at = now(), handled_by = coalesce(handled_by, $4) WHERE id = $1`,
    [id, status, outcomeReason, s.principal.userId],
  );
  return (await findRequest(db, id))!;
}
