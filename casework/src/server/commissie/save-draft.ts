import { withTransaction } from '@aware/db';
import type { ApplicationContent } from '@aware/casework/contract';
import { today, type CaseDeps } from '../case-deps.js';
import { missingForSubmission } from './completeness.js';
import { eligibilityOf } from './eligibility-of.js';
import { lockApplication, type LockedApplication } from './lock-application.js';
import type { Scope } from './scopes.js';
import { syncDossier } from './sync-dossier.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/** The same kind (and, for an extension, the same assignment; for an initial one, the same predecessor). */
export function sameSubject(a: LockedApplication, next: ApplicationContent): ApplicationContent {
  if (next.kind !== a.kind) throw new DashboardError(DashboardErrorCode.BODY_INVALID, `content.kind: this is an ${a.kind} application`);
  if (next.kind === 'extension' && a.content.kind === 'extension' && next.assignmentId !== a.content.assignmentId) {
    throw new DashboardError(DashboardErrorCode.BODY_INVALID, 'content.assignmentId: cannot change');
  }
  if (next.kind === 'initial' && a.content.kind === 'initial') return { ...next, previousApplicationId: a.content.previousApplicationId };
  return next;
}

/** `PUT /api/applications/:id`: a draft is saved as it is (it may be incomplete). */
export async function saveDraft(deps: CaseDeps, s: Scope, id: string, next: ApplicationContent): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const a = await lockApplication(tx, id, s, ['draft']);
    let content = sameSubject(a, next);
    if (content.kind === 'initial') content = await syncDossier(tx, a.clientId, content);
    const eligibility = await eligibilityOf(tx, a.region, a.clientId, content, today(deps));
    await tx.query(`UPDATE applications SET content = $2, eligibility = $3, updated_at = now() WHERE id = $1`, [id, content, eligibility]);
  });
}

/** `POST /api/applications/:id/submit`: complete drafts only; the content is locked from here on (amendments only). */
export async function submitApplication(deps: CaseDeps, s: Scope, id: string): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const a = await lockApplication(tx, id, s, ['draft']);
    const missing = missingForSubmission(a.content, today(deps));
    if (missing.length) throw new CaseworkError(CaseworkErrorCode.APPLICATION_INCOMPLETE, missing.join(', '));
    const eligibility = await eligibilityOf(tx, a.region, a.clientId, a.content, today(deps));
    await tx.query(
      `UPDATE applications SET status = 'submitted', submitted_at = now(), submitted_by = $2, eligibility = $3, updated_at = now() WHERE id = $1`,
      [id, s.principal.userId, eligibility],
    );
  });
}

/** `POST /api/applications/:id/withdraw`: a filed application, before a decision (the record stays). */
export async function withdrawApplication(deps: CaseDeps, s: Scope, id: string): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    await lockApplication(tx, id, s, ['submitted', 'under_review']);
    await tx.query(`UPDATE applications SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [id]);
  });
}

/**
 * `DELETE /api/applications/:id`: a draft is discarded (nothing was filed, nothing is kept); the client's
 * record goes with it when the draft was all there was. Returns the client's id.
 */
export async function discardDraft(deps: CaseDeps, s: Scope, id: string): Promise<string> {
  return withTransaction(deps.db, async (tx) => {
    const a = await lockApplication(tx, id, s, ['draft']);
    await tx.query(`DELETE FROM applications WHERE id = $1`, [id]);
    await tx.query(
      `DELETE FROM clients c WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.client_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM device_assignments x WHERE x.client_id = c.id) AND NOT EXISTS (SELECT 1 FROM alarms x WHERE x.client_id = c.id)`,
      [a.clientId],
    );
    return a.clientId;
  });
}
