import { withTransaction } from '@aware/db';
import { ClientSearch, type ClientMatches, type DossierDocument } from '@aware/casework/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CaseDeps } from '../case-deps.js';
import { uuidOrNotFound } from '../commissie/lock-application.js';
import { anyScope, caseWorker, inRegion, privacyOfficer, type Scope } from '../commissie/scopes.js';
import { logAccess } from './access-log.js';
import { accessReason } from './access-reason.js';
import { collectDossier } from './collect-dossier.js';
import { DashboardError, DashboardErrorCode, parseWith, signedIn } from '@aware/dashboard/host';

const DossierQuery = z.object({ reason: z.string().optional(), request: z.string().regex(/^\d{1,18}$/).optional() }).strict();

/**
 * Reading a whole dossier is need-to-know and always logged:
 * - `GET /api/dossiers/:clientId?reason=&request=` case worker (region) — without a reason only for the
 *   case worker who filed or submitted one of the client's applications; privacy officer (region) — for
 *   an open privacy request of that client (`request`), else with a reason (for a closed request the
 *   refusal says it is closed, and the log records the request with the reason).
 * - `GET /api/privacy/clients?name=` privacy officer: find the client a request is about (each match logged).
 */
export function dossierRoutes(app: FastifyInstance, deps: CaseDeps): void {
  /**
   * The workflow a read belongs to, if any. A privacy request opens the dossier while it is being handled;
   * once closed it no longer does: the read then needs a reason of its own (a complaint, a new request
   * not yet registered), and the log names both.
   */
  const workflowReason = async (s: Scope, clientId: string, requestId: string | undefined): Promise<{ reason: string | null; context?: string }> => {
    if (s.role === 'vt_caseworker') {
      const { rowCount } = await deps.db.query(`SELECT 1 FROM applications WHERE client_id = $1 AND $2 IN (created_by, submitted_by) LIMIT 1`, [clientId, s.principal.userId]);
      return { reason: rowCount ? 'case work: own client' : null };
    }
    if (!requestId) return { reason: null };
    const { rows } = await deps.db.query<{ status: string }>(`SELECT status FROM privacy_requests WHERE id = $1 AND client_id = $2`, [requestId, clientId]);
    const status = rows[0]?.status;
    if (status === 'open' || status === 'in_progress') return { reason: `privacy request ${requestId}` };
    return status ? { reason: null, context: `privacy request ${requestId} (${status})` } : { reason: null };
  };

  app.get<{ Params: { clientId: string } }>('/api/dossiers/:clientId', async (request: FastifyRequest<{ Params: { clientId: string } }>): Promise<DossierDocument> => {
    const s = anyScope((await signedIn(deps.db, request)).principal, caseWorker, privacyOfficer);
    const q = parseWith(DossierQuery, request.query, 'query');
    const clientId = uuidOrNotFound(request.params.clientId);
    const { rows } = await deps.db.query<{ region: string }>(`SELECT region FROM clients WHERE id = $1`, [clientId]);
    if (!rows[0] || !inRegion(s, rows[0].region)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such client');
    const workflow = await workflowReason(s, clientId, q.request);
    const reason = accessReason(workflow.reason, q, workflow.context);
    await logAccess(deps.db, s, request.ip, { action: 'read', subjectType: 'dossier', subjectId: clientId, clientId, reason });
    const doc = await withTransaction(deps.db, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return collectDossier(tx, clientId, false);
    });
    if (!doc) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such client');
    return doc;
  });

  app.get('/api/privacy/clients', async (request): Promise<ClientMatches> => {
    const s = privacyOfficer((await signedIn(deps.db, request)).principal);
    const q = parseWith(ClientSearch, request.query, 'query');
    const { rows } = await deps.db.query<{ id: string; name: string; date_of_birth: string | null; region: string; status: string }>(
      `SELECT id, name, date_of_birth::text, region, status FROM clients
       WHERE ($1::text IS NULL OR region = $1) AND name ILIKE '%' || replace(replace(replace($2, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
       ORDER BY name LIMIT 20`,
      [s.region, q.name],
    );
    await logAccess(
      deps.db,
      s,
      request.ip,
      rows.map((r) => ({ action: 'search', subjectType: 'client', subjectId: r.id, clientId: r.id, reason: 'privacy request intake: finding the client' })),
    );
    return { clients: rows.map((r) => ({ id: r.id, name: r.name, dateOfBirth: r.date_of_birth, region: r.region, status: r.status })) };
  });
}
