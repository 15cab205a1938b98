import { rotateDeviceSecret, setDeviceStatus, withTransaction, type PoolClient } from '@aware/db';
import { amsterdamDate, type IssueBody, type IssuedPendant } from '@aware/casework/contract';
import { today, type CaseDeps } from '../case-deps.js';
import { addMonths, iso } from '../iso.js';
import { notifyCaseWorkers } from '../commissie/notify.js';
import type { Scope } from '../commissie/scopes.js';
import { logAccess } from '../privacy/access-log.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/** The longest period one decision may cover; longer use goes through extensions. */
const MAX_PERIOD_MONTHS = 36;

/**
 * `POST /api/assignments`: a device administrator hands a pendant from stock to the client of an approved
 * application, in one transaction:
 * 1. a fresh secret (every earlier one revoked; a connected pendant is dropped by the broker), shown once;
 * 2. the pendant `active`, registered to the client's region;
 * 3. the assignment, from `startsOn` (today by default; never before the decision, never in the future:
 *    it is the hand-over) to the end of `endsOn` (default: the configured period);
 * 4. follow-up contacts 3 and 12 months after the hand-over, the dossier `active`, the case worker told.
 * From the commit on, dispatch shows the client's dossier card on a press and ingest's watchdog watches
 * the pendant (both learn it from the assignment's NOTIFY).
 */
export async function issuePendant(deps: CaseDeps, s: Scope, body: IssueBody, ip: string | null): Promise<IssuedPendant> {
  const day = today(deps);
  return withTransaction(deps.db, async (tx) => {
    const a = await approvedApplication(tx, body.applicationId);
    const startsOn = body.startsOn ?? day;
    const endsOn = body.endsOn ?? addMonths(startsOn, deps.config.defaultPeriodMonths);
    if (startsOn > day || startsOn < a.decidedOn) throw new DashboardError(DashboardErrorCode.BODY_INVALID, `startsOn: between ${a.decidedOn} and ${day}`);
    if (endsOn <= startsOn || endsOn > addMonths(startsOn, MAX_PERIOD_MONTHS)) {
      throw new DashboardError(DashboardErrorCode.BODY_INVALID, `endsOn: after ${startsOn}, within ${MAX_PERIOD_MONTHS} months`);
    }
    await availablePendant(tx, body.deviceId);
    const secret = await rotateDeviceSecret(tx, body.deviceId, { issuedBy: s.principal.userId, reason: 'issued to a client' });
    await setDeviceStatus(tx, body.deviceId, 'active');
    await tx.query(`UPDATE devices SET region = $2 WHERE id = $1`, [body.deviceId, a.region]);
    const { rows } = await tx.query<{ id: string; starts_at: Date; ends_at: Date }>(
      `INSERT INTO device_assignments (device_id, client_id, decision_id, starts_at, ends_at, handed_over_at, created_by)
       SELECT $1, $2, $3, s.at, (($5::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'), s.at, $6
       FROM (SELECT CASE WHEN $4::date = $7::date THEN now() ELSE $4::date::timestamp AT TIME ZONE 'Europe/Amsterdam' END AS at) s
       RETURNING id, starts_at, ends_at`,
      [body.deviceId, a.clientId, a.decisionId, startsOn, endsOn, s.principal.userId, day],
    );
    const assignment = rows[0]!;
    const handOver = amsterdamDate(assignment.starts_at);
    const followUps = [
      { kind: 'three_months' as const, dueOn: addMonths(handOver, 3) },
      { kind: 'twelve_months' as const, dueOn: addMonths(handOver, 12) },
    ];
    await tx.query(
      `INSERT INTO follow_up_tasks (client_id, assignment_id, kind, due_on) SELECT $1, $2, f.kind, f.due_on
       FROM jsonb_to_recordset($3::jsonb) AS f(kind text, due_on date)`,
      [a.clientId, assignment.id, JSON.stringify(followUps.map((f) => ({ kind: f.kind, due_on: f.dueOn })))],
    );
    await tx.query(`UPDATE clients SET status = 'active', updated_at = now() WHERE id = $1 AND status = 'applicant'`, [a.clientId]);
    await notifyCaseWorkers(tx, a.caseWorkers, {
      kind: 'issued',
      applicationId: body.applicationId,
      clientId: a.clientId,
      detail: { assignmentId: assignment.id, deviceId: body.deviceId, endsAt: iso(assignment.ends_at) },
    });
    await logAccess(tx, s, ip, {
      action: 'issue',
      subjectType: 'assignment',
      subjectId: assignment.id,
      clientId: a.clientId,
      reason: `pendant ${body.deviceId} issued on application ${body.applicationId}`,
    });
    deps.log.info({ deviceId: body.deviceId, assignmentId: assignment.id, by: s.principal.username }, 'pendant issued');
    return { assignmentId: assignment.id, deviceId: body.deviceId, secret, startsAt: iso(assignment.starts_at), endsAt: iso(assignment.ends_at), followUps };
  });
}

async function approvedApplication(tx: PoolClient, applicationId: string) {
  const { rows } = await tx.query<{
    kind: string;
    status: string;
    client_id: string;
    region: string;
    decision_id: string | null;
    decided_on: string | null;
    issued: boolean;
    client_has_pendant: boolean;
    created_by: string;
    submitted_by: string | null;
  }>(
    `SELECT a.kind, a.status, a.client_id, c.region, d.id AS decision_id,
            (d.decided_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS decided_on,
            EXISTS (SELECT 1 FROM device_assignments x WHERE x.decision_id = d.id) AS issued,
            EXISTS (SELECT 1 FROM device_assignments x WHERE x.client_id = a.client_id AND x.returned_at IS NULL) AS client_has_pendant,
            a.created_by, a.submitted_by
     FROM applications a JOIN clients c ON c.id = a.client_id LEFT JOIN decisions d ON d.application_id = a.id
     WHERE a.id = $1 FOR UPDATE OF a`,
    [applicationId],
  );
  const r = rows[0];
  if (!r) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such application');
  if (r.kind !== 'initial' || r.status !== 'approved' || !r.decision_id || !r.decided_on) {
    throw new CaseworkError(CaseworkErrorCode.APPLICATION_STATE, 'a pendant is issued on an approved initial application');
  }
  if (r.issued) throw new CaseworkError(CaseworkErrorCode.APPLICATION_STATE, 'a pendant was issued on this decision already');
  if (r.client_has_pendant) throw new CaseworkError(CaseworkErrorCode.ASSIGNMENT_STATE, 'the client holds a pendant: return it first (reason: replaced)');
  return { clientId: r.client_id, region: r.region, decisionId: r.decision_id, decidedOn: r.decided_on, caseWorkers: [r.created_by, r.submitted_by] };
}

/** In stock, or returned (revoked; the new secret brings it back), not a test pendant, with nobody. */
async function availablePendant(tx: PoolClient, deviceId: string): Promise<void> {
  const { rows } = await tx.query<{ status: string; is_test: boolean; taken: boolean }>(
    `SELECT status, is_test, EXISTS (SELECT 1 FROM device_assignments a WHERE a.device_id = d.id AND a.returned_at IS NULL) AS taken
     FROM devices d WHERE id = $1 FOR UPDATE`,
    [deviceId],
  );
  const d = rows[0];
  if (!d) throw new DashboardError(DashboardErrorCode.NOT_FOUND, `no pendant ${deviceId}`);
  if (d.is_test) throw new CaseworkError(CaseworkErrorCode.DEVICE_UNAVAILABLE, 'a test pendant is never issued to a client (its alarms show as tests)');
  if (d.taken || (d.status !== 'stock' && d.status !== 'revoked')) throw new CaseworkError(CaseworkErrorCode.DEVICE_UNAVAILABLE, `it is ${d.taken ? 'with a client' : d.status}`);
}
