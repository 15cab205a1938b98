import { withTransaction, type PoolClient } from '@aware/db';
import { CLIENT_CORRECTABLE, PERPETRATOR_CORRECTABLE, type CorrectionBody, type PrivacyRequestView, type RestrictionBody } from '@aware/casework/contract';
import type { CaseDeps } from '../case-deps.js';
import { translateRestricted } from '../commissie/restricted.js';
import type { Scope } from '../commissie/scopes.js';
import { logAccess } from './access-log.js';
import { correctApplications } from './correct-applications.js';
import { markInProgress, requestInScope } from './requests.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

const COLUMNS: Record<string, string> = {
  name: 'name',
  dateOfBirth: 'date_of_birth',
  address: 'address',
  phone: 'phone',
  preferredContact: 'preferred_contact',
  relation: 'relation',
  description: 'description',
  vehicle: 'vehicle',
};
const TABLE = { client: 'clients', perpetrator: 'perpetrators' } as const;

const OPEN: readonly PrivacyRequestView['status'][] = ['open', 'in_progress'];
const ANY: readonly PrivacyRequestView['status'][] = ['open', 'in_progress', 'completed', 'refused'];

/** The request (of `kinds`, in one of `statuses`) and the record it concerns, which must be in the request's dossier. */
async function requestAndRecord(
  tx: PoolClient,
  s: Scope,
  id: string,
  kinds: PrivacyRequestView['kind'][],
  record: { subjectType: 'client' | 'perpetrator'; subjectId: string },
  statuses: readonly PrivacyRequestView['status'][] = OPEN,
) {
  const r = await requestInScope(tx, s, id, statuses, true);
  if (!kinds.includes(r.kind) || !r.clientId) throw new CaseworkError(CaseworkErrorCode.PRIVACY_REQUEST_STATE, `this is a ${r.kind} request`);
  const owner =
    record.subjectType === 'client'
      ? record.subjectId === r.clientId
      : (await tx.query(`SELECT 1 FROM perpetrators WHERE id = $1 AND client_id = $2`, [record.subjectId, r.clientId])).rowCount === 1;
  if (!owner) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such record in this dossier');
  return { request: r, clientId: r.clientId };
}

/**
 * `POST /api/privacy/requests/:id/corrections`: a factually wrong or incomplete value is corrected, with
 * the old and new value and the reason in dossier_corrections, everywhere it appears: the record (what
 * the control room sees) and the applications that carry it (as amendments). A restriction on the record
 * (the dispute) ends with the correction.
 */
export async function correctRecord(deps: CaseDeps, s: Scope, id: string, body: CorrectionBody, ip: string | null): Promise<void> {
  const allowed: readonly string[] = body.subjectType === 'client' ? CLIENT_CORRECTABLE : PERPETRATOR_CORRECTABLE;
  if (!allowed.includes(body.field)) throw new DashboardError(DashboardErrorCode.BODY_INVALID, `field: one of ${allowed.join(', ')}`);
  if (body.field === 'name' && !body.value?.trim()) throw new DashboardError(DashboardErrorCode.BODY_INVALID, 'value: a name cannot be empty');
  if (body.field === 'dateOfBirth' && body.value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(body.value)) throw new DashboardError(DashboardErrorCode.BODY_INVALID, 'value: YYYY-MM-DD');
  await withTransaction(deps.db, async (tx) => {
    const { clientId } = await requestAndRecord(tx, s, id, ['correction'], body);
    const table = TABLE[body.subjectType];
    const column = COLUMNS[body.field]!;
    try {
      const { rows } = await tx.query<{ old: string | null }>(`SELECT ${column}::text AS old FROM ${table} WHERE id = $1 FOR UPDATE`, [body.subjectId]);
      await tx.query(`UPDATE ${table} SET ${column} = $2, restricted_at = NULL, restriction_reason = NULL, updated_at = now() WHERE id = $1`, [
        body.subjectId,
        body.value,
      ]);
      await tx.query(
        `INSERT INTO dossier_corrections (privacy_request_id, client_id, subject_type, subject_id, field, old_value, new_value, reason, corrected_by)
         VALUES ($1, $2, $3, $4, $5, to_jsonb($6::text), to_jsonb($7::text), $8, $9)`,
        [id, clientId, body.subjectType, body.subjectId, body.field, rows[0]?.old ?? null, body.value, body.reason, s.principal.userId],
      );
    } catch (error) {
      throw translateRestricted(error);
    }
    await correctApplications(tx, clientId, body, `correctie (privacyverzoek ${id}): ${body.reason}`, s.principal.userId);
    await markInProgress(tx, id, s.principal.userId);
    await logAccess(tx, s, ip, { action: 'correct', subjectType: body.subjectType, subjectId: body.subjectId, clientId, reason: `privacy request ${id}: correction of ${body.field}` });
  });
}

/**
 * `POST /api/privacy/requests/:id/restrict` (correction or restriction request): the disputed record is
 * frozen and marked (the database refuses changes to it) until `.../lift` or a correction. Alarms keep
 * working for a restricted dossier: the client's vital interest (AVG art. 18(2)). A restriction is set
 * while the request is open; it is lifted under the same request also after that request is closed
 * (the dispute is often settled later), so a frozen record never needs a new request to thaw.
 */
export async function setRestriction(deps: CaseDeps, s: Scope, id: string, body: RestrictionBody, restrict: boolean, ip: string | null): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const { clientId } = await requestAndRecord(tx, s, id, ['correction', 'restriction'], body, restrict ? OPEN : ANY);
    const table = TABLE[body.subjectType];
    const { rowCount } = restrict
      ? await tx.query(`UPDATE ${table} SET restricted_at = now(), restriction_reason = $2 WHERE id = $1 AND restricted_at IS NULL`, [body.subjectId, body.reason])
      : await tx.query(`UPDATE ${table} SET restricted_at = NULL, restriction_reason = NULL WHERE id = $1 AND restricted_at IS NOT NULL`, [body.subjectId]);
    if (rowCount !== 1) throw new CaseworkError(CaseworkErrorCode.PRIVACY_REQUEST_STATE, restrict ? 'the record is restricted already' : 'the record is not restricted');
    await markInProgress(tx, id, s.principal.userId);
    await logAccess(tx, s, ip, {
      action: restrict ? 'restrict' : 'lift_restriction',
      subjectType: body.subjectType,
      subjectId: body.subjectId,
      clientId,
      reason: `privacy request ${id}: ${body.reason}`,
    });
  });
}
