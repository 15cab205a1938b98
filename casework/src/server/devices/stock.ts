import type { Queryable } from '@aware/db';
import type { AwaitingIssueList, StockList } from '@aware/casework/contract';
import { iso } from '../iso.js';

/** Pendants that can be issued: in stock or returned (revoked), not test pendants, with nobody. */
export async function listStock(db: Queryable): Promise<StockList> {
  const { rows } = await db.query<{ id: string; status: 'stock' | 'revoked'; region: string | null; firmware: string | null; returned_at: Date | null }>(
    `SELECT d.id, d.status, d.region, d.firmware,
            (SELECT max(a.returned_at) FROM device_assignments a WHERE a.device_id = d.id) AS returned_at
     FROM devices d
     WHERE d.status IN ('stock', 'revoked') AND NOT d.is_test
       AND NOT EXISTS (SELECT 1 FROM device_assignments a WHERE a.device_id = d.id AND a.returned_at IS NULL)
     ORDER BY d.status, d.id LIMIT 2000`,
  );
  return { pendants: rows.map((r) => ({ id: r.id, status: r.status, region: r.region, firmware: r.firmware, returnedAt: r.returned_at ? iso(r.returned_at) : null })) };
}

/** Approved initial applications with no pendant yet: reference, region, date, case worker; no client data. */
export async function listAwaitingIssue(db: Queryable): Promise<AwaitingIssueList> {
  const { rows } = await db.query<{ id: string; region: string; decided_at: Date; case_worker: string }>(
    `SELECT a.id, a.region, d.decided_at, u.display_name AS case_worker
     FROM applications a JOIN decisions d ON d.application_id = a.id JOIN users u ON u.id = a.created_by
     WHERE a.kind = 'initial' AND a.status = 'approved'
       AND NOT EXISTS (SELECT 1 FROM device_assignments x WHERE x.decision_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM device_assignments x WHERE x.client_id = a.client_id AND x.returned_at IS NULL)
     ORDER BY d.decided_at`,
  );
  return { applications: rows.map((r) => ({ applicationId: r.id, region: r.region, decidedAt: iso(r.decided_at), caseWorker: r.case_worker })) };
}
