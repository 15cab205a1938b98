import { withTransaction, type PoolClient } from '@aware/db';
import type { CreateApplicationBody, ExtensionContent, InitialContent } from '@aware/casework/contract';
import { today, type CaseDeps } from '../case-deps.js';
import { eligibilityOf } from './eligibility-of.js';
import { inRegion, type Scope } from './scopes.js';
import { syncDossier } from './sync-dossier.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/**
 * A new draft. An initial application opens a client's dossier (or continues the one of
 * `previousApplicationId`, after "more information needed"); an extension belongs to the client who
 * holds the pendant of `assignmentId`. Returns the application's id.
 */
export async function createApplication(deps: CaseDeps, s: Scope, body: CreateApplicationBody): Promise<string> {
  return withTransaction(deps.db, async (tx) => {
    const { clientId, region, content } =
      body.content.kind === 'initial' ? await initial(tx, s, body.region, body.content) : await extension(tx, s, body.content);
    const eligibility = await eligibilityOf(tx, region, clientId, content, today(deps));
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO applications (client_id, region, kind, content, eligibility, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [clientId, region, content.kind, content, eligibility, s.principal.userId],
    );
    return rows[0]!.id;
  });
}

async function initial(tx: PoolClient, s: Scope, wanted: string | undefined, content: InitialContent) {
  let clientId: string;
  let region: string;
  if (content.previousApplicationId) {
    const { rows } = await tx.query<{ client_id: string; region: string }>(
      `SELECT client_id, region FROM applications WHERE id = $1 AND status IN ('more_info_needed', 'rejected', 'withdrawn')`,
      [content.previousApplicationId],
    );
    if (!rows[0] || !inRegion(s, rows[0].region)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such earlier application to follow up');
    ({ client_id: clientId, region } = rows[0]);
  } else {
    const r = wanted ?? s.region;
    if (!r) throw new DashboardError(DashboardErrorCode.BODY_INVALID, 'region: needed when you work nationally');
    if (!inRegion(s, r)) throw new DashboardError(DashboardErrorCode.FORBIDDEN, `not your region: ${r}`);
    region = r;
    const { rows } = await tx.query<{ id: string }>(`INSERT INTO clients (region, name, created_by) VALUES ($1, $2, $3) RETURNING id`, [
      region,
      content.client.name,
      s.principal.userId,
    ]);
    clientId = rows[0]!.id;
  }
  return { clientId, region, content: await syncDossier(tx, clientId, content) };
}

async function extension(tx: PoolClient, s: Scope, content: ExtensionContent) {
  const { rows } = await tx.query<{ client_id: string; region: string; open_extension: boolean }>(
    `SELECT a.client_id, c.region,
            EXISTS (SELECT 1 FROM applications x WHERE x.kind = 'extension' AND x.content ->> 'assignmentId' = a.id::text
                    AND x.status IN ('draft', 'submitted', 'under_review')) AS open_extension
     FROM device_assignments a JOIN clients c ON c.id = a.client_id
     WHERE a.id = $1 AND a.returned_at IS NULL`,
    [content.assignmentId],
  );
  const a = rows[0];
  if (!a || !inRegion(s, a.region)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no pendant in use with that assignment');
  if (a.open_extension) throw new CaseworkError(CaseworkErrorCode.APPLICATION_STATE, 'an extension of this assignment is already open');
  return { clientId: a.client_id, region: a.region, content };
}
