import { withTransaction } from '@aware/db';
import type { DeletionBody, DeletionOutcome } from '@aware/casework/contract';
import type { CaseDeps } from '../case-deps.js';
import { translateRestricted } from '../commissie/restricted.js';
import type { Scope } from '../commissie/scopes.js';
import { logAccess } from './access-log.js';
import { deleteDossier } from './delete-dossier.js';
import { findRequest, requestInScope } from './requests.js';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/**
 * `POST /api/privacy/requests/:id/deletion`: a deletion request is carried out unless something forbids it,
 * and the answer says which:
 * 1. another person's substantial interest, stated by the privacy officer (`otherInterest`) -> refused;
 * 2. scope `photo`: the client's photo is not part of the legal record -> deleted;
 * 3. scope `dossier`, and it never went past a draft (no filed application, no pendant, no alarm): nothing
 *    the law makes us keep -> deleted;
 * 4. a closed dossier past its retention date -> deleted (the purge would do it anyway);
 * 5. otherwise the legal retention (20 years after closing) forbids it -> refused, with the date.
 */
export async function decideDeletion(deps: CaseDeps, s: Scope, id: string, body: DeletionBody, ip: string | null): Promise<DeletionOutcome> {
  return withTransaction(deps.db, async (tx) => {
    const r = await requestInScope(tx, s, id, ['open', 'in_progress'], true);
    if (r.kind !== 'deletion' || !r.clientId) throw new CaseworkError(CaseworkErrorCode.PRIVACY_REQUEST_STATE, `this is a ${r.kind} request`);
    const clientId = r.clientId;
    const { rows } = await tx.query<{ status: string; retain_until: string | null; expired: boolean; filed: boolean }>(
      `SELECT c.status, c.retain_until::text, c.retain_until < (now() AT TIME ZONE 'Europe/Amsterdam')::date AS expired,
              EXISTS (SELECT 1 FROM applications a WHERE a.client_id = c.id AND a.status <> 'draft')
              OR EXISTS (SELECT 1 FROM device_assignments a WHERE a.client_id = c.id)
              OR EXISTS (SELECT 1 FROM alarms a WHERE a.client_id = c.id) AS filed
       FROM clients c WHERE c.id = $1 FOR UPDATE`,
      [clientId],
    );
    const c = rows[0]!;
    let carriedOut = true;
    let reason: string;
    if (body.otherInterest) {
      carriedOut = false;
      reason = `belang van een ander weegt zwaarder: ${body.otherInterest}`;
    } else if (r.deletionScope === 'photo') {
      await tx.query(`UPDATE clients SET photo = NULL, photo_mime = NULL, updated_at = now() WHERE id = $1`, [clientId]).catch((e: unknown) => {
        throw translateRestricted(e);
      });
      reason = 'de foto van de cliënt is verwijderd';
    } else if (!c.filed) {
      reason = 'het dossier is verwijderd: er was alleen een concept-aanvraag, waarvoor geen wettelijke bewaarplicht geldt';
    } else if (c.status === 'closed' && c.expired) {
      reason = `het dossier is verwijderd: de wettelijke bewaartermijn liep af op ${c.retain_until}`;
    } else {
      carriedOut = false;
      reason =
        c.status === 'closed'
          ? `wettelijke bewaarplicht: het dossier wordt bewaard tot ${c.retain_until} (20 jaar na afsluiting) en daarna vernietigd`
          : 'wettelijke bewaarplicht: het dossier is nog open en wordt bewaard tot 20 jaar na afsluiting';
    }
    await logAccess(tx, s, ip, {
      action: carriedOut ? 'delete' : 'refuse_deletion',
      subjectType: r.deletionScope === 'photo' ? 'client_photo' : 'dossier',
      subjectId: clientId,
      clientId,
      reason: `privacy request ${id}: ${reason}`,
    });
    if (carriedOut && r.deletionScope !== 'photo') await deleteDossier(tx, clientId, id);
    await tx.query(
      `UPDATE privacy_requests SET status = $2, outcome_reason = $3, completed_at = now(), handled_by = coalesce(handled_by, $4) WHERE id = $1`,
      [id, carriedOut ? 'completed' : 'refused', reason, s.principal.userId],
    );
    deps.log.info({ privacyRequest: id, carriedOut, by: s.principal.username }, 'deletion request decided');
    return { carriedOut, reason, request: (await findRequest(tx, id))! };
  });
}
