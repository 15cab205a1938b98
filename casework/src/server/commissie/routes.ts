import type { Principal } from '@aware/db';
import { AmendBody, ApplicationStatus, CreateApplicationBody, PhotoBody, SaveDraftBody, VoteBody, type ApplicationList, type ApplicationView, type DecisionOutcome, type NotificationList } from '@aware/casework/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { logAccess } from '../privacy/access-log.js';
import { accessReason } from '../privacy/access-reason.js';
import { amendApplication } from './amend-application.js';
import type { CaseDeps } from '../case-deps.js';
import { castVote } from './cast-vote.js';
import { createApplication } from './create-application.js';
import { applicationsVersion, findApplication, findSummary, listApplications } from './find-applications.js';
import { uuidOrNotFound } from './lock-application.js';
import { listNotifications, markRead } from './notify.js';
import { readPhoto, setPhoto } from './photos.js';
import { discardDraft, saveDraft, submitApplication, withdrawApplication } from './save-draft.js';
import { anyScope, caseWorker, commissieMember, inRegion, type Scope } from './scopes.js';
import { DashboardError, DashboardErrorCode, parseWith, signedIn } from '@aware/dashboard/host';

/** What the commissie sees: filed applications, never drafts or withdrawn ones. */
const COMMISSIE_SEES: readonly ApplicationStatus[] = ['submitted', 'under_review', 'more_info_needed', 'approved', 'rejected'];
const ListQuery = z.object({ status: ApplicationStatus.optional() }).strict();
const PHOTO_BODY_LIMIT = 3 * 1024 * 1024;

type Id = { Params: { id: string } };

/**
 * The indicatiecommissie workflow. Case workers (`vt_caseworker`, Veilig Thuis) file and amend; commissie
 * members (`commissie_member` of police, Moviera, Veilig Thuis) review and vote; both within their region.
 * Every read and change of an application is written to the access log. No route here carries a location.
 * - `GET  /api/applications?status=`                  case worker (all of the region), commissie (filed ones)
 * - `POST /api/applications` {region?, content}       case worker: a draft
 * - `GET  /api/applications/:id`                      case worker, commissie (filed ones)
 * - `PUT  /api/applications/:id` {content}            case worker: save the draft
 * - `POST /api/applications/:id/submit`               case worker: complete drafts; locks the content
 * - `POST /api/applications/:id/amendments` {content, reason}   case worker, after submission
 * - `POST /api/applications/:id/withdraw`             case worker: a filed one, before a decision
 * - `DELETE /api/applications/:id`                    case worker: discard a draft
 * - `POST /api/applications/:id/votes` {vote, motivation, organisation?}   commissie member, own organisation
 * - `PUT|DELETE /api/applications/:id/photos/client`, `.../photos/perpetrators/:pid`   case worker, drafts
 * - `GET  /api/applications/:id/photos/client`, `.../photos/perpetrators/:pid`   as the application
 * - `GET  /api/notifications`, `POST /api/notifications/:id/read`   case worker: decisions and pendants
 */
export function commissieRoutes(app: FastifyInstance, deps: CaseDeps): void {
  const who = async (request: FastifyRequest): Promise<Principal> => (await signedIn(deps.db, request)).principal;

  /** Who may read application `id`, and why (the workflow reason recorded in the access log). */
  const readable = async (request: FastifyRequest, id: string): Promise<{ s: Scope; clientId: string; reason: string }> => {
    const s = anyScope(await who(request), caseWorker, commissieMember);
    const a = await findSummary(deps.db, uuidOrNotFound(id));
    const commissie = s.role === 'commissie_member';
    if (!a || !inRegion(s, a.region) || (commissie && !COMMISSIE_SEES.includes(a.status))) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such application');
    return { s, clientId: a.clientId, reason: commissie ? `commissie review of application ${id}` : `case work: application ${id}` };
  };

  /** The application after a change by `s`, the change logged. */
  const afterChange = async (request: FastifyRequest, s: Scope, id: string, action: string): Promise<ApplicationView> => {
    const view = await findApplication(deps.db, id);
    if (!view) throw new DashboardError(DashboardErrorCode.NOT_FOUND);
    await logAccess(deps.db, s, request.ip, { action, subjectType: 'application', subjectId: id, clientId: view.clientId, reason: `case work: ${action} application ${id}` });
    return view;
  };

  app.get('/api/applications', async (request): Promise<ApplicationList> => {
    const s = anyScope(await who(request), caseWorker, commissieMember);
    const q = parseWith(ListQuery, request.query, 'query');
    const allowed = s.role === 'commissie_member' ? COMMISSIE_SEES : ApplicationStatus.options;
    const applications = await listApplications(deps.db, s.region, q.status ? allowed.filter((x) => x === q.status) : allowed);
    const reason = s.role === 'commissie_member' ? 'commissie: applications of the region' : 'case work: applications of the region';
    await logAccess(deps.db, s, request.ip, applications.map((a) => ({ action: 'list', subjectType: 'application', subjectId: a.id, clientId: a.clientId, reason })));
    return { applications };
  });

  // what changes the list above, without its contents: consoles poll this and reload the list when it differs
  app.get('/api/applications/version', async (request): Promise<{ version: string }> => {
    const s = anyScope(await who(request), caseWorker, commissieMember);
    const allowed = s.role === 'commissie_member' ? COMMISSIE_SEES : ApplicationStatus.options;
    return { version: await applicationsVersion(deps.db, s.region, allowed) };
  });

  app.post('/api/applications', async (request, reply) => {
    const s = caseWorker(await who(request));
    const body = parseWith(CreateApplicationBody, request.body, 'body');
    const id = await createApplication(deps, s, body);
    return reply.code(201).send(await afterChange(request, s, id, 'create'));
  });

  app.get<Id>('/api/applications/:id', async (request): Promise<ApplicationView> => {
    const { s, clientId, reason } = await readable(request, request.params.id);
    await logAccess(deps.db, s, request.ip, { action: 'read', subjectType: 'application', subjectId: request.params.id, clientId, reason: accessReason(reason, request.query) });
    const view = await findApplication(deps.db, request.params.id);
    if (!view) throw new DashboardError(DashboardErrorCode.NOT_FOUND);
    return view;
  });

  app.put<Id>('/api/applications/:id', async (request): Promise<ApplicationView> => {
    const s = caseWorker(await who(request));
    const body = parseWith(SaveDraftBody, request.body, 'body');
    await saveDraft(deps, s, uuidOrNotFound(request.params.id), body.content);
    return afterChange(request, s, request.params.id, 'update');
  });

  app.post<Id>('/api/applications/:id/submit', async (request): Promise<ApplicationView> => {
    const s = caseWorker(await who(request));
    await submitApplication(deps, s, uuidOrNotFound(request.params.id));
    return afterChange(request, s, request.params.id, 'submit');
  });

  app.post<Id>('/api/applications/:id/amendments', async (request): Promise<ApplicationView> => {
    const s = caseWorker(await who(request));
    const body = parseWith(AmendBody, request.body, 'body');
    await amendApplication(deps, s, uuidOrNotFound(request.params.id), body.content, body.reason);
    return afterChange(request, s, request.params.id, 'amend');
  });

  app.post<Id>('/api/applications/:id/withdraw', async (request): Promise<ApplicationView> => {
    const s = caseWorker(await who(request));
    await withdrawApplication(deps, s, uuidOrNotFound(request.params.id));
    return afterChange(request, s, request.params.id, 'withdraw');
  });

  app.delete<Id>('/api/applications/:id', async (request, reply) => {
    const s = caseWorker(await who(request));
    const clientId = await discardDraft(deps, s, uuidOrNotFound(request.params.id));
    await logAccess(deps.db, s, request.ip, { action: 'discard', subjectType: 'application', subjectId: request.params.id, clientId, reason: `case work: draft ${request.params.id} discarded` });
    return reply.code(204).send();
  });

  app.post<Id>('/api/applications/:id/votes', async (request): Promise<{ decision: DecisionOutcome | null; application: ApplicationView }> => {
    const s = commissieMember(await who(request));
    const body = parseWith(VoteBody, request.body, 'body');
    const decision = await castVote(deps, s, uuidOrNotFound(request.params.id), body);
    const application = await findApplication(deps.db, request.params.id);
    if (!application) throw new DashboardError(DashboardErrorCode.NOT_FOUND);
    await logAccess(deps.db, s, request.ip, {
      action: 'vote',
      subjectType: 'application',
      subjectId: application.id,
      clientId: application.clientId,
      reason: `commissie vote on application ${application.id}`,
      details: { vote: body.vote, decision },
    });
    return { decision, application };
  });

  const photoTarget = (pid: string | undefined) => ({ perpetratorId: pid === undefined ? null : uuidOrNotFound(pid) });
  for (const path of ['/api/applications/:id/photos/client', '/api/applications/:id/photos/perpetrators/:pid']) {
    app.put<{ Params: { id: string; pid?: string } }>(path, { bodyLimit: PHOTO_BODY_LIMIT }, async (request, reply) => {
      const s = caseWorker(await who(request));
      const body = parseWith(PhotoBody, request.body, 'body');
      await setPhoto(deps, s, uuidOrNotFound(request.params.id), photoTarget(request.params.pid), body);
      return reply.code(204).send();
    });
    app.delete<{ Params: { id: string; pid?: string } }>(path, async (request, reply) => {
      const s = caseWorker(await who(request));
      await setPhoto(deps, s, uuidOrNotFound(request.params.id), photoTarget(request.params.pid), null);
      return reply.code(204).send();
    });
    app.get<{ Params: { id: string; pid?: string } }>(path, async (request, reply) => {
      const { s, clientId, reason } = await readable(request, request.params.id);
      const target = photoTarget(request.params.pid);
      await logAccess(deps.db, s, request.ip, {
        action: 'read',
        subjectType: target.perpetratorId ? 'perpetrator_photo' : 'client_photo',
        subjectId: target.perpetratorId ?? clientId,
        clientId,
        reason,
      });
      const photo = await readPhoto(deps, clientId, target.perpetratorId);
      if (!photo) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no photo');
      return reply.type(photo.mime).header('content-disposition', 'inline').send(photo.bytes);
    });
  }

  app.get('/api/notifications', async (request): Promise<NotificationList> => {
    const s = caseWorker(await who(request));
    return { notifications: await listNotifications(deps.db, s.principal.userId) };
  });

  app.post<Id>('/api/notifications/:id/read', async (request, reply) => {
    const s = caseWorker(await who(request));
    if (!(await markRead(deps.db, s.principal.userId, request.params.id))) throw new DashboardError(DashboardErrorCode.NOT_FOUND);
    return reply.code(204).send();
  });
}
