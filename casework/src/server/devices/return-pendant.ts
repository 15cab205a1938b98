import { setDeviceStatus, withTransaction } from '@aware/db';
import type { ReturnBody } from '@aware/casework/contract';
import type { CaseDeps } from '../case-deps.js';
import { caseWorkersOf, notifyCaseWorkers } from '../commissie/notify.js';
import type { Scope } from '../commissie/scopes.js';
import { logAccess } from '../privacy/access-log.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/**
 * `POST /api/assignments/:id/return`: the use ends (period over, withdrawn, lost, ...). The pendant is
 * revoked in the same transaction: its secret stops working and the broker drops it within seconds; it
 * is back in stock but needs a fresh secret (issued with its next hand-over) before anyone can use it.
 * The assignment, its extensions and follow-ups stay with the client's dossier (monitoring goes on).
 */
export async function returnPendant(deps: CaseDeps, s: Scope, assignmentId: string, body: ReturnBody, ip: string | null): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ device_id: string; client_id: string; returned_at: Date | null }>(
      `SELECT device_id, client_id, returned_at FROM device_assignments WHERE id = $1 FOR UPDATE`,
      [assignmentId],
    );
    const a = rows[0];
    if (!a) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such assignment');
    if (a.returned_at) throw new CaseworkError(CaseworkErrorCode.ASSIGNMENT_STATE, 'returned already');
    await tx.query(`UPDATE device_assignments SET returned_at = now(), end_reason = $2, end_note = $3 WHERE id = $1`, [assignmentId, body.reason, body.note ?? null]);
    await setDeviceStatus(tx, a.device_id, 'revoked');
    await notifyCaseWorkers(tx, await caseWorkersOf(tx, a.client_id), {
      kind: 'returned',
      applicationId: null,
      clientId: a.client_id,
      detail: { assignmentId, deviceId: a.device_id, reason: body.reason },
    });
    await logAccess(tx, s, ip, { action: 'return', subjectType: 'assignment', subjectId: assignmentId, clientId: a.client_id, reason: `pendant ${a.device_id} returned: ${body.reason}` });
    deps.log.info({ deviceId: a.device_id, assignmentId, reason: body.reason, by: s.principal.username }, 'pendant returned and revoked');
  });
}
