import type { Principal } from '@aware/db';
import { AssignmentQuery, CompleteFollowUpBody, IssueBody, RegisterPendantsBody, ReturnBody, type AssignmentList, type AssignmentView, type AwaitingIssueList, type FollowUpList, type IssuedPendant, type StockList } from '@aware/casework/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CaseDeps } from '../case-deps.js';
import { uuidOrNotFound } from '../commissie/lock-application.js';
import { anyScope, caseWorker, deviceAdmin } from '../commissie/scopes.js';
import { logAccess } from '../privacy/access-log.js';
import { completeFollowUp, listFollowUps } from './follow-ups.js';
import { issuePendant } from './issue-pendant.js';
import { registerPendants } from './register-pendants.js';
import { listAssignments } from './list-assignments.js';
import { returnPendant } from './return-pendant.js';
import { listAwaitingIssue, listStock } from './stock.js';
import { DashboardError, DashboardErrorCode, parseWith, signedIn } from '@aware/dashboard/host';

const FollowUpQuery = z.object({ open: z.enum(['true', 'false']).optional() }).strict();
type Id = { Params: { id: string } };

/**
 * Pendants with clients. Device administrators (`device_admin`) issue and take back pendants in every
 * region and see references, periods and pendant ids, never a client's name, dossier or location. Case
 * workers (`vt_caseworker`) see their region's assignments with names, and do the follow-up contacts.
 * - `GET  /api/stock`                         device admin: pendants that can be issued
 * - `POST /api/stock` {pendants: [{id, region?}]}  device admin: register a delivery (secrets shown once)
 * - `GET  /api/assignments/awaiting`          device admin: approved applications without a pendant
 * - `POST /api/assignments` {applicationId, deviceId, startsOn?, endsOn?}   device admin: issue (secret shown once)
 * - `GET  /api/assignments?ending=days`       device admin, case worker: pendants out (ending within `days`)
 * - `GET  /api/assignments/:id`               device admin, case worker
 * - `POST /api/assignments/:id/return` {reason, note?}   device admin: end of use; the pendant is revoked
 * - `GET  /api/follow-ups?open=`              case worker: contacts at 3 and 12 months after hand-over
 * - `POST /api/follow-ups/:id/complete` {notes}          case worker
 */
export function deviceRoutes(app: FastifyInstance, deps: CaseDeps): void {
  const who = async (request: FastifyRequest): Promise<Principal> => (await signedIn(deps.db, request)).principal;

  app.get('/api/stock', async (request): Promise<StockList> => {
    deviceAdmin(await who(request));
    return listStock(deps.db);
  });

  app.post('/api/stock', async (request, reply) => {
    const s = deviceAdmin(await who(request));
    const body = parseWith(RegisterPendantsBody, request.body, 'body');
    return reply.code(201).header('cache-control', 'no-store').send(await registerPendants(deps, s, body));
  });

  app.get('/api/assignments/awaiting', async (request): Promise<AwaitingIssueList> => {
    deviceAdmin(await who(request));
    return listAwaitingIssue(deps.db);
  });

  app.post('/api/assignments', async (request, reply) => {
    const s = deviceAdmin(await who(request));
    const body = parseWith(IssueBody, request.body, 'body');
    const issued: IssuedPendant = await issuePendant(deps, s, body, request.ip);
    return reply.code(201).send(issued);
  });

  app.get('/api/assignments', async (request): Promise<AssignmentList> => {
    const s = anyScope(await who(request), deviceAdmin, caseWorker);
    const q = parseWith(AssignmentQuery, request.query, 'query');
    const withNames = s.role === 'vt_caseworker';
    const assignments = await listAssignments(deps.db, { region: s.region, withNames, ...(q.ending === undefined ? {} : { endingWithinDays: q.ending }) });
    if (withNames) {
      const reason = 'case work: pendants of the region';
      await logAccess(deps.db, s, request.ip, assignments.map((a) => ({ action: 'list', subjectType: 'assignment', subjectId: a.id, clientId: a.clientId, reason })));
    }
    return { assignments };
  });

  app.get<Id>('/api/assignments/:id', async (request): Promise<AssignmentView> => {
    const s = anyScope(await who(request), deviceAdmin, caseWorker);
    const withNames = s.role === 'vt_caseworker';
    const [a] = await listAssignments(deps.db, { region: s.region, withNames, assignmentId: uuidOrNotFound(request.params.id) });
    if (!a) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such assignment');
    if (withNames) await logAccess(deps.db, s, request.ip, { action: 'read', subjectType: 'assignment', subjectId: a.id, clientId: a.clientId, reason: 'case work: pendant in use' });
    return a;
  });

  app.post<Id>('/api/assignments/:id/return', async (request, reply) => {
    const s = deviceAdmin(await who(request));
    const body = parseWith(ReturnBody, request.body, 'body');
    await returnPendant(deps, s, uuidOrNotFound(request.params.id), body, request.ip);
    return reply.code(204).send();
  });

  app.get('/api/follow-ups', async (request): Promise<FollowUpList> => {
    const s = caseWorker(await who(request));
    const q = parseWith(FollowUpQuery, request.query, 'query');
    const followUps = await listFollowUps(deps.db, s.region, q.open !== 'false');
    const reason = 'case work: monitoring contacts';
    await logAccess(deps.db, s, request.ip, followUps.map((f) => ({ action: 'list', subjectType: 'follow_up', subjectId: f.id, clientId: f.clientId, reason })));
    return { followUps };
  });

  app.post<Id>('/api/follow-ups/:id/complete', async (request, reply) => {
    const s = caseWorker(await who(request));
    const body = parseWith(CompleteFollowUpBody, request.body, 'body');
    const clientId = await completeFollowUp(deps.db, s.region, request.params.id, s.principal.userId, body.notes);
    if (!clientId) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such open follow-up');
    await logAccess(deps.db, s, request.ip, { action: 'update', subjectType: 'follow_up', subjectId: request.params.id, clientId, reason: 'case work: monitoring contact done' });
    return reply.code(204).send();
  });
}
