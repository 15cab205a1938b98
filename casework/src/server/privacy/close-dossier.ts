import { withTransaction } from '@aware/db';
import type { CaseDeps } from '../case-deps.js';
import { inRegion, type Scope } from '../commissie/scopes.js';
import { logAccess } from './access-log.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/**
 * `POST /api/dossiers/:clientId/close`: the case is over — no pendant out, no application open, every
 * follow-up contact done (Veilig Thuis monitors for a year). The legal retention starts: the dossier is
 * kept until 20 years after today, then the retention job purges it.
 */
export async function closeDossier(deps: CaseDeps, s: Scope, clientId: string, reason: string, ip: string | null): Promise<string> {
  return withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ region: string; status: string; pendant: boolean; open_application: boolean; open_follow_up: boolean }>(
      `SELECT c.region, c.status,
              EXISTS (SELECT 1 FROM device_assignments a WHERE a.client_id = c.id AND a.returned_at IS NULL) AS pendant,
              EXISTS (SELECT 1 FROM applications a WHERE a.client_id = c.id AND a.status IN ('draft', 'submitted', 'under_review')) AS open_application,
              EXISTS (SELECT 1 FROM follow_up_tasks f WHERE f.client_id = c.id AND f.completed_at IS NULL) AS open_follow_up
       FROM clients c WHERE c.id = $1 FOR UPDATE`,
      [clientId],
    );
    const c = rows[0];
    if (!c || !inRegion(s, c.region)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such client');
    const blockers = [
      c.status === 'closed' && 'closed already',
      c.pendant && 'a pendant is still out',
      c.open_application && 'an application is open',
      c.open_follow_up && 'a follow-up contact is open',
    ].filter((b): b is string => typeof b === 'string');
    if (blockers.length) throw new CaseworkError(CaseworkErrorCode.DOSSIER_OPEN, blockers.join(', '));
    const closed = await tx.query<{ retain_until: string }>(
      `UPDATE clients SET status = 'closed', closed_at = now(),
              retain_until = ((now() AT TIME ZONE 'Europe/Amsterdam')::date + interval '20 years')::date, updated_at = now()
       WHERE id = $1 RETURNING retain_until::text`,
      [clientId],
    );
    await logAccess(tx, s, ip, { action: 'close', subjectType: 'dossier', subjectId: clientId, clientId, reason });
    return closed.rows[0]!.retain_until;
  });
}
