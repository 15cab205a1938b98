import { randomBytes } from 'node:crypto';
import { withTransaction } from '@aware/db';
import type { Principal } from '@aware/db';
import { AccessLogQuery, CloseDossierBody, CloseRequestBody, CorrectionBody, CreatePrivacyRequestBody, DeletionBody, ExtendRequestBody, RestrictionBody, type AccessLogPage, type DeletionOutcome, type DossierDocument, type PrivacyRequestList, type PrivacyRequestDetail, type PrivacyRequestView, type RetentionRun } from '@aware/casework/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CaseDeps } from '../case-deps.js';
import { uuidOrNotFound } from '../commissie/lock-application.js';
import { caseWorker, privacyOfficer } from '../commissie/scopes.js';
import { logAccess } from './access-log.js';
import { queryAccessLog } from './access-log-query.js';
import { closeDossier } from './close-dossier.js';
import { collectDossier } from './collect-dossier.js';
import { decideDeletion } from './decide-deletion.js';
import { dossierRoutes } from './dossier-routes.js';
import { inzageHtml } from './inzage-html.js';
import { correctRecord, setRestriction } from './records.js';
import { redactForClient } from './redact.js';
import { loadStaff } from './staff-directory.js';
import { closeRequest, createRequest, extendRequest, listRequests, markInProgress, requestInScope } from './requests.js';
import { purgeExpiredDossiers } from './retention.js';
import { requestChanges, restrictedRecords } from './request-changes.js';
import { DashboardError, DashboardErrorCode, parseWith, signedIn } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

const ListQuery = z.object({ clientId: z.uuid().optional() }).strict();
const ExportQuery = z.object({ format: z.enum(['json', 'html']).optional() }).strict();
type Id = { Params: { id: string } };

/**
 * The client's rights over her dossier, for privacy officers (`privacy_officer`, within their region):
 * - `GET  /api/privacy/requests?clientId=`, `GET /api/privacy/requests/:id`
 * - `POST /api/privacy/requests` {clientId, kind, requesterName, requesterCapacity, consentReference?, details?, deletionScope?}
 * - `POST /api/privacy/requests/:id/extend` {reason}                  copy of a complex dossier: +2 months, once
 * - `GET  /api/privacy/requests/:id/export?format=json|html`         inzage: the client's copy (logged)
 * - `POST /api/privacy/requests/:id/corrections` {subjectType, subjectId, field, value, reason}
 * - `POST /api/privacy/requests/:id/restrict|lift` {subjectType, subjectId, reason}
 * - `POST /api/privacy/requests/:id/deletion` {otherInterest}          carried out or refused with the reason
 * - `POST /api/privacy/requests/:id/close` {status, outcomeReason}
 * - `GET  /api/privacy/access-log?clientId&username&action&subjectType&from&to&before&limit`
 * - `POST /api/privacy/retention/run`                                 purge closed dossiers past their term now
 * - `POST /api/dossiers/:clientId/close` {reason}                      case worker: retention starts
 * and the dossier reads of dossier-routes.ts.
 */
/** Region code to name, for the printable copy. */
async function regionNames(db: CaseDeps['db']): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM regions');
  return new Map(rows.map((r) => [r.code, r.name]));
}

export function privacyRoutes(app: FastifyInstance, deps: CaseDeps): void {
  const who = async (request: FastifyRequest): Promise<Principal> => (await signedIn(deps.db, request)).principal;
  dossierRoutes(app, deps);

  app.get('/api/privacy/requests', async (request): Promise<PrivacyRequestList> => {
    const s = privacyOfficer(await who(request));
    const q = parseWith(ListQuery, request.query, 'query');
    return { requests: await listRequests(deps.db, s.region, q.clientId) };
  });

  app.post('/api/privacy/requests', async (request, reply) => {
    const s = privacyOfficer(await who(request));
    const body = parseWith(CreatePrivacyRequestBody, request.body, 'body');
    const created = await createRequest(deps.db, s, body);
    return reply.code(201).send(created);
  });

  app.get<Id>('/api/privacy/requests/:id', async (request): Promise<PrivacyRequestDetail> => {
    const s = privacyOfficer(await who(request));
    const view = await requestInScope(deps.db, s, request.params.id, ['open', 'in_progress', 'completed', 'refused']);
    const restricted = view.clientId && (view.kind === 'correction' || view.kind === 'restriction') ? await restrictedRecords(deps.db, view.clientId) : [];
    return { ...view, changes: await requestChanges(deps.db, view.id), restricted };
  });

  app.post<Id>('/api/privacy/requests/:id/extend', async (request): Promise<PrivacyRequestView> => {
    const s = privacyOfficer(await who(request));
    return extendRequest(deps.db, s, request.params.id, parseWith(ExtendRequestBody, request.body, 'body').reason);
  });

  app.get<Id>('/api/privacy/requests/:id/export', async (request, reply) => {
    const s = privacyOfficer(await who(request));
    const q = parseWith(ExportQuery, request.query, 'query');
    const r = await requestInScope(deps.db, s, request.params.id, ['open', 'in_progress', 'completed']);
    if (r.kind !== 'inzage' || !r.clientId) throw new CaseworkError(CaseworkErrorCode.PRIVACY_REQUEST_STATE, 'an export answers an inzage request');
    const clientId = r.clientId;
    const copy = await withTransaction(deps.db, async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const doc = await collectDossier(tx, clientId, true);
      return doc && redactForClient(doc, await loadStaff(tx, doc));
    });
    if (!copy) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'the dossier no longer exists');
    await withTransaction(deps.db, async (tx) => {
      await logAccess(tx, s, request.ip, { action: 'export', subjectType: 'dossier', subjectId: clientId, clientId, reason: `inzage request ${r.id} (${q.format ?? 'json'})` });
      await markInProgress(tx, r.id, s.principal.userId);
    });
    const name = `inzage-${r.id}`;
    if (q.format === 'html') {
      const nonce = randomBytes(16).toString('base64');
      return reply
        .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`)
        .header('content-disposition', `inline; filename="${name}.html"`)
        .type('text/html; charset=utf-8')
        .send(inzageHtml(copy, r.id, nonce, await regionNames(deps.db)));
    }
    return reply.header('content-disposition', `attachment; filename="${name}.json"`).send(copy);
  });

  app.post<Id>('/api/privacy/requests/:id/corrections', async (request, reply) => {
    const s = privacyOfficer(await who(request));
    await correctRecord(deps, s, request.params.id, parseWith(CorrectionBody, request.body, 'body'), request.ip);
    return reply.code(204).send();
  });

  for (const [path, restrict] of [['restrict', true], ['lift', false]] as const) {
    app.post<Id>(`/api/privacy/requests/:id/${path}`, async (request, reply) => {
      const s = privacyOfficer(await who(request));
      await setRestriction(deps, s, request.params.id, parseWith(RestrictionBody, request.body, 'body'), restrict, request.ip);
      return reply.code(204).send();
    });
  }

  app.post<Id>('/api/privacy/requests/:id/deletion', async (request): Promise<DeletionOutcome> => {
    const s = privacyOfficer(await who(request));
    return decideDeletion(deps, s, request.params.id, parseWith(DeletionBody, request.body, 'body'), request.ip);
  });

  app.post<Id>('/api/privacy/requests/:id/close', async (request): Promise<PrivacyRequestView> => {
    const s = privacyOfficer(await who(request));
    const body = parseWith(CloseRequestBody, request.body, 'body');
    return closeRequest(deps.db, s, request.params.id, body.status, body.outcomeReason);
  });

  app.get('/api/privacy/access-log', async (request): Promise<AccessLogPage> => {
    const s = privacyOfficer(await who(request));
    return { entries: await queryAccessLog(deps.db, parseWith(AccessLogQuery, request.query, 'query'), s.region) };
  });

  app.post('/api/privacy/retention/run', async (request): Promise<RetentionRun> => {
    const s = privacyOfficer(await who(request));
    if (s.region !== null) throw new DashboardError(DashboardErrorCode.FORBIDDEN, 'the purge covers every region: for a privacy officer who works nationally');
    return { purged: await purgeExpiredDossiers(deps.db, deps.log), at: new Date().toISOString() };
  });

  app.post<{ Params: { clientId: string } }>('/api/dossiers/:clientId/close', async (request) => {
    const s = caseWorker(await who(request));
    const body = parseWith(CloseDossierBody, request.body, 'body');
    return { retainUntil: await closeDossier(deps, s, uuidOrNotFound(request.params.clientId), body.reason, request.ip) };
  });
}
