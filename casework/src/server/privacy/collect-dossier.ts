import type { Queryable } from '@aware/db';
import type { AccessLogEntry, DossierDocument, DossierPerpetrator } from '@aware/casework/contract';
import { iso } from '../iso.js';
import { listAssignments } from '../devices/list-assignments.js';
import { queryAccessLog } from './access-log-query.js';
import { dossierAlarms, dossierTelemetry } from './dossier-alarms.js';
import { listRequests } from './requests.js';

interface PerpetratorRow {
  id: string;
  name: string;
  relation: string | null;
  description: string | null;
  vehicle: string | null;
  restricted_at: Date | null;
  restriction_reason: string | null;
  photo: Buffer | null;
  photo_mime: string | null;
}

type Photo = { mime: string; dataBase64: string } | null;
const photo = (bytes: Buffer | null, mime: string | null): Photo => (bytes && mime ? { mime, dataBase64: bytes.toString('base64') } : null);
const restriction = (at: Date | null, reason: string | null) => (at && reason ? { at: iso(at), reason } : null);

/**
 * Everything the platform holds about one client, read in one snapshot (call inside a REPEATABLE READ
 * transaction for a consistent copy). `forInzage` adds the access log and the pendant's telemetry.
 * Returns null when there is no such client. Data about other people is still in it: see redact.ts.
 */
export async function collectDossier(db: Queryable, clientId: string, forInzage: boolean): Promise<DossierDocument | null> {
  const { rows: clients } = await db.query<{
    id: string;
    region: string;
    name: string;
    date_of_birth: string | null;
    address: string | null;
    phone: string | null;
    preferred_contact: string | null;
    risk_notes: string | null;
    legally_incapable: boolean;
    status: DossierDocument['client']['status'];
    closed_at: Date | null;
    retain_until: string | null;
    restricted_at: Date | null;
    restriction_reason: string | null;
    created_at: Date;
    updated_at: Date;
    photo: Buffer | null;
    photo_mime: string | null;
  }>(
    `SELECT id, region, name, date_of_birth::text, address, phone, preferred_contact, risk_notes, legally_incapable, status, closed_at,
            retain_until::text, restricted_at, restriction_reason, created_at, updated_at, photo, photo_mime
     FROM clients WHERE id = $1`,
    [clientId],
  );
  const c = clients[0];
  if (!c) return null;
  // One after another: the caller's transaction client runs one query at a time.
  const perpetrators = await db.query<PerpetratorRow>(
    `SELECT id, name, relation, description, vehicle, restricted_at, restriction_reason, photo, photo_mime FROM perpetrators WHERE client_id = $1 ORDER BY created_at`,
    [clientId],
  );
  const applications = await db.query<{ doc: DossierDocument['applications'][number] }>(APPLICATIONS, [clientId]);
  const followUps = await db.query<DossierDocument['followUps'][number]>(
    `SELECT id::text, assignment_id AS "assignmentId", kind, due_on::text AS "dueOn", completed_at AS "completedAt", notes
     FROM follow_up_tasks WHERE client_id = $1 ORDER BY due_on`,
    [clientId],
  );
  const corrections = await db.query<DossierDocument['corrections'][number]>(
    `SELECT k.subject_type AS "subjectType", k.subject_id AS "subjectId", k.field, k.old_value AS "oldValue", k.new_value AS "newValue",
            k.reason, k.corrected_at AS "correctedAt", jsonb_build_object('id', u.id, 'displayName', u.display_name) AS "correctedBy"
     FROM dossier_corrections k JOIN users u ON u.id = k.corrected_by WHERE k.client_id = $1 ORDER BY k.corrected_at`,
    [clientId],
  );
  const endNotes = await db.query<{ id: string; end_note: string | null }>(`SELECT id, end_note FROM device_assignments WHERE client_id = $1`, [clientId]);
  const notes = new Map(endNotes.rows.map((r) => [r.id, r.end_note]));
  const doc: DossierDocument = {
    generatedAt: new Date().toISOString(),
    client: {
      id: c.id,
      region: c.region,
      name: c.name,
      dateOfBirth: c.date_of_birth,
      address: c.address,
      phone: c.phone,
      preferredContact: c.preferred_contact,
      riskNotes: c.risk_notes,
      legallyIncapable: c.legally_incapable,
      status: c.status,
      closedAt: c.closed_at ? iso(c.closed_at) : null,
      retainUntil: c.retain_until,
      restricted: restriction(c.restricted_at, c.restriction_reason),
      createdAt: iso(c.created_at),
      updatedAt: iso(c.updated_at),
      photo: photo(c.photo, c.photo_mime),
    },
    perpetrators: perpetrators.rows.map(
      (p): DossierPerpetrator => ({
        id: p.id,
        name: p.name,
        relation: p.relation,
        description: p.description,
        vehicle: p.vehicle,
        restricted: restriction(p.restricted_at, p.restriction_reason),
        photo: photo(p.photo, p.photo_mime),
      }),
    ),
    applications: applications.rows.map((r) => r.doc),
    assignments: (await listAssignments(db, { region: null, withNames: true, clientId })).map((a) => ({ ...a, endNote: notes.get(a.id) ?? null })),
    followUps: followUps.rows.map((f) => ({ ...f, completedAt: f.completedAt ? iso(f.completedAt) : null })),
    alarms: await dossierAlarms(db, clientId, forInzage),
    corrections: corrections.rows.map((k) => ({ ...k, correctedAt: iso(k.correctedAt) })),
    privacyRequests: await listRequests(db, null, clientId),
  };
  if (forInzage) {
    const accessLog: AccessLogEntry[] = [];
    for (let before: number | undefined; ; ) {
      // the client's own entries, whichever region the readers were in
      const page = await queryAccessLog(db, { clientId, limit: 1000, ...(before ? { before } : {}) }, null);
      accessLog.push(...page);
      if (page.length < 1000) break;
      before = Number(page[page.length - 1]!.id);
    }
    doc.accessLog = accessLog.reverse();
    doc.telemetry = await dossierTelemetry(db, clientId);
  }
  return doc;
}

const APPLICATIONS = `
SELECT jsonb_build_object(
  'id', a.id, 'kind', a.kind, 'status', a.status, 'region', a.region, 'content', a.content, 'contentVersion', a.content_version,
  'eligibility', a.eligibility, 'createdAt', a.created_at, 'createdBy', jsonb_build_object('id', cu.id, 'displayName', cu.display_name),
  'submittedAt', a.submitted_at, 'decidedAt', a.decided_at,
  'amendments', coalesce((SELECT jsonb_agg(jsonb_build_object('version', m.version, 'reason', m.reason, 'amendedAt', m.amended_at,
                  'amendedBy', jsonb_build_object('id', mu.id, 'displayName', mu.display_name),
                  'previousContent', m.previous_content, 'content', m.content) ORDER BY m.version)
                FROM application_amendments m JOIN users mu ON mu.id = m.amended_by WHERE m.application_id = a.id), '[]'),
  'votes', coalesce((SELECT jsonb_agg(jsonb_build_object('organisation', v.organisation, 'vote', v.vote, 'motivation', v.motivation,
                  'castAt', v.cast_at, 'voter', jsonb_build_object('id', vu.id, 'displayName', vu.display_name)) ORDER BY v.cast_at)
                FROM votes v JOIN users vu ON vu.id = v.user_id WHERE v.application_id = a.id), '[]'),
  'decision', (SELECT jsonb_build_object('id', d.id, 'outcome', d.outcome, 'rule', d.rule, 'motivation', d.motivation, 'members', d.members,
                  'periodStart', d.period_start::text, 'periodEnd', d.period_end::text, 'decidedAt', d.decided_at)
               FROM decisions d WHERE d.application_id = a.id)
) AS doc
FROM applications a JOIN users cu ON cu.id = a.created_by
WHERE a.client_id = $1 ORDER BY a.created_at`;
