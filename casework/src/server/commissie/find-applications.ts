import type { Queryable } from '@aware/db';
import type { ApplicationStatus, ApplicationSummary, ApplicationView } from '@aware/casework/contract';
import { iso } from '../iso.js';

interface SummaryRow {
  id: string;
  client_id: string;
  client_name: string;
  region: string;
  kind: 'initial' | 'extension';
  status: ApplicationStatus;
  eligibility: ApplicationSummary['eligibility'];
  created_by: string;
  created_by_name: string;
  created_at: Date;
  submitted_at: Date | null;
  decided_at: Date | null;
  voted_by: ApplicationSummary['votedBy'];
}

const SUMMARY = `
SELECT a.id, a.client_id, c.name AS client_name, a.region, a.kind, a.status, a.eligibility,
       a.created_by, u.display_name AS created_by_name, a.created_at, a.submitted_at, a.decided_at,
       coalesce((SELECT array_agg(v.organisation ORDER BY v.cast_at) FROM votes v WHERE v.application_id = a.id), '{}') AS voted_by
FROM applications a JOIN clients c ON c.id = a.client_id JOIN users u ON u.id = a.created_by`;

function toSummary(r: SummaryRow): ApplicationSummary {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    region: r.region,
    kind: r.kind,
    status: r.status,
    eligibility: r.eligibility,
    createdBy: { id: r.created_by, displayName: r.created_by_name },
    createdAt: iso(r.created_at),
    submittedAt: r.submitted_at ? iso(r.submitted_at) : null,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    votedBy: r.voted_by,
  };
}

/** Applications of `region` (null: all) with one of `statuses`, open ones first, newest first. */
export async function listApplications(db: Queryable, region: string | null, statuses: readonly ApplicationStatus[]): Promise<ApplicationSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `${SUMMARY}
     WHERE ($1::text IS NULL OR a.region = $1) AND a.status = ANY ($2::application_status[])
     ORDER BY a.decided_at IS NOT NULL, coalesce(a.submitted_at, a.created_at) DESC
     LIMIT 500`,
    [region, statuses],
  );
  return rows.map(toSummary);
}

export async function findSummary(db: Queryable, id: string): Promise<ApplicationSummary | null> {
  const { rows } = await db.query<SummaryRow>(`${SUMMARY} WHERE a.id = $1`, [id]);
  return rows[0] ? toSummary(rows[0]) : null;
}

interface DetailRow {
  content: ApplicationView['content'];
  content_version: number;
  amendments: ApplicationView['amendments'];
  votes: ApplicationView['votes'];
  decision: ApplicationView['decision'];
  has_client_photo: boolean;
  perpetrator_photos: string[];
  restricted: boolean;
}

const VOTE_JSON = `jsonb_build_object('organisation', v.organisation, 'vote', v.vote, 'motivation', v.motivation,
  'castAt', v.cast_at, 'voter', jsonb_build_object('id', vu.id, 'displayName', vu.display_name))`;

const DETAIL = `
SELECT a.content, a.content_version,
       coalesce((SELECT jsonb_agg(jsonb_build_object('version', m.version, 'reason', m.reason, 'amendedAt', m.amended_at,
                   'amendedBy', jsonb_build_object('id', mu.id, 'displayName', mu.display_name),
                   'changed', (SELECT coalesce(jsonb_agg(k ORDER BY k), '[]') FROM jsonb_object_keys(m.content) k
                               WHERE m.content -> k IS DISTINCT FROM m.previous_content -> k)) ORDER BY m.version)
                 FROM application_amendments m JOIN users mu ON mu.id = m.amended_by WHERE m.application_id = a.id), '[]') AS amendments,
       coalesce((SELECT jsonb_agg(${VOTE_JSON} ORDER BY v.cast_at)
                 FROM votes v JOIN users vu ON vu.id = v.user_id WHERE v.application_id = a.id), '[]') AS votes,
       (SELECT jsonb_build_object('id', d.id, 'outcome', d.outcome, 'rule', d.rule, 'motivation', d.motivation, 'members', d.members,
                 'periodStart', d.period_start::text, 'periodEnd', d.period_end::text, 'decidedAt', d.decided_at)
        FROM decisions d WHERE d.application_id = a.id) AS decision,
       c.photo IS NOT NULL AS has_client_photo,
       coalesce((SELECT array_agg(p.id::text) FROM perpetrators p WHERE p.client_id = c.id AND p.photo IS NOT NULL), '{}') AS perpetrator_photos,
       c.restricted_at IS NOT NULL AS restricted
FROM applications a JOIN clients c ON c.id = a.client_id
WHERE a.id = $1`;

/** The whole application: content as it stands, amendments, votes, decision. */
export async function findApplication(db: Queryable, id: string): Promise<ApplicationView | null> {
  const summary = await findSummary(db, id);
  if (!summary) return null;
  const { rows } = await db.query<DetailRow>(DETAIL, [id]);
  const r = rows[0]!;
  return {
    ...summary,
    content: r.content,
    contentVersion: r.content_version,
    amendments: r.amendments.map((m) => ({ ...m, amendedAt: iso(m.amendedAt) })),
    votes: r.votes.map((v) => ({ ...v, castAt: iso(v.castAt) })),
    decision: r.decision ? { ...r.decision, decidedAt: iso(r.decision.decidedAt), members: r.decision.members.map((v) => ({ ...v, castAt: iso(v.castAt) })) } : null,
    hasClientPhoto: r.has_client_photo,
    perpetratorPhotos: r.perpetrator_photos,
    restricted: r.restricted,
  };
}

/**
 * A fingerprint of the application list (ids, status, last change, number of votes): it changes whenever
 * the list would. Holds no personal data, so consoles may ask for it often and fetch (and log) the list
 * itself only when it changed.
 */
export async function applicationsVersion(db: Queryable, region: string | null, statuses: readonly ApplicationStatus[]): Promise<string> {
  const { rows } = await db.query<{ version: string }>(
    `SELECT md5(coalesce(string_agg(a.id::text || a.status::text || a.updated_at::text || coalesce(v.n, 0)::text, ',' ORDER BY a.id), '')) AS version
     FROM applications a
     LEFT JOIN (SELECT application_id, count(*) AS n FROM votes GROUP BY application_id) v ON v.application_id = a.id
     WHERE ($1::text IS NULL OR a.region = $1) AND a.status = ANY ($2::application_status[])`,
    [region, statuses],
  );
  return rows[0]!.version;
}
