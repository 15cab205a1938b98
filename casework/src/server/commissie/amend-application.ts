import { withTransaction } from '@aware/db';
import type { ApplicationContent } from '@aware/casework/contract';
import { today, type CaseDeps } from '../case-deps.js';
import { eligibilityOf } from './eligibility-of.js';
import { lockApplication } from './lock-application.js';
import { sameSubject } from './save-draft.js';
import type { Scope } from './scopes.js';
import { syncDossier } from './sync-dossier.js';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/** Statuses in which a filed application may still be amended (an approved one: e.g. the client moved). */
export const AMENDABLE = ['submitted', 'under_review', 'more_info_needed', 'approved'] as const;

/**
 * `POST /api/applications/:id/amendments`: a change after submission, with its reason. The amendment (old
 * and new content) is written first, then the application moves to the next content version: the
 * database refuses any other way to change submitted content. A restricted (disputed) dossier is frozen.
 * Returns the new version (unchanged when the content did not change).
 */
export async function amendApplication(deps: CaseDeps, s: Scope, id: string, next: ApplicationContent, reason: string): Promise<number> {
  return withTransaction(deps.db, async (tx) => {
    const a = await lockApplication(tx, id, s, AMENDABLE);
    if (a.clientRestricted) throw new CaseworkError(CaseworkErrorCode.RECORD_RESTRICTED);
    let content = sameSubject(a, next);
    if (content.kind === 'initial') content = await syncDossier(tx, a.clientId, content);
    const { rows } = await tx.query<{ same: boolean }>(`SELECT $2::jsonb = content AS same FROM applications WHERE id = $1`, [id, content]);
    if (rows[0]?.same) return a.contentVersion;
    const version = a.contentVersion + 1;
    await tx.query(
      `INSERT INTO application_amendments (application_id, version, previous_content, content, reason, amended_by)
       SELECT id, $2, content, $3, $4, $5 FROM applications WHERE id = $1`,
      [id, version, content, reason, s.principal.userId],
    );
    const eligibility = await eligibilityOf(tx, a.region, a.clientId, content, today(deps));
    await tx.query(`UPDATE applications SET content = $2, content_version = $3, eligibility = $4, updated_at = now() WHERE id = $1`, [
      id,
      content,
      version,
      eligibility,
    ]);
    return version;
  });
}
