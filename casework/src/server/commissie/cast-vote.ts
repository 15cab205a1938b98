import { withTransaction, type PoolClient } from '@aware/db';
import { type Organisation } from '@aware/protocol';
import { amsterdamDate, type DecisionOutcome, type VoteBody, type VoteChoice } from '@aware/casework/contract';
import { extendAssignment } from '../devices/extend-assignment.js';
import { today, type CaseDeps } from '../case-deps.js';
import { decide } from './decision-rule.js';
import { addMonths } from '../iso.js';
import { lockApplication, type LockedApplication } from './lock-application.js';
import { notifyCaseWorkers } from './notify.js';
import type { Scope } from './scopes.js';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/**
 * `POST /api/applications/:id/votes`: the vote of the caller's organisation (a commissie member votes for
 * their own organisation only, once per application). The vote that completes the round records the
 * decision under the configured rule, with the members' votes as they stood, and tells the case worker.
 * Returns the decision when this vote made one.
 */
export async function castVote(deps: CaseDeps, s: Scope, id: string, body: VoteBody): Promise<DecisionOutcome | null> {
  const organisation = s.principal.organisation;
  if (body.organisation !== undefined && body.organisation !== organisation) {
    throw new CaseworkError(CaseworkErrorCode.VOTE_ORGANISATION, `you are a member for ${organisation}, not ${body.organisation}`);
  }
  return withTransaction(deps.db, async (tx) => {
    const a = await lockApplication(tx, id, s, ['submitted', 'under_review', 'more_info_needed', 'approved', 'rejected']);
    const { rows } = await tx.query<{ organisation: Organisation; vote: VoteChoice }>(`SELECT organisation, vote FROM votes WHERE application_id = $1`, [id]);
    const votes = new Map(rows.map((r) => [r.organisation, r.vote]));
    if (votes.has(organisation)) throw new CaseworkError(CaseworkErrorCode.VOTE_TWICE, organisation);
    if (a.status !== 'submitted' && a.status !== 'under_review') throw new CaseworkError(CaseworkErrorCode.APPLICATION_STATE, `it is ${a.status}`);
    await tx.query(`INSERT INTO votes (application_id, organisation, user_id, vote, motivation) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      organisation,
      s.principal.userId,
      body.vote,
      body.motivation,
    ]);
    await tx.query(`UPDATE applications SET status = 'under_review', updated_at = now() WHERE id = $1 AND status = 'submitted'`, [id]);
    votes.set(organisation, body.vote);
    const outcome = decide(votes, deps.config.decisionRule);
    if (outcome) await recordDecision(tx, deps, a, outcome, s.principal.userId);
    return outcome;
  });
}

async function recordDecision(tx: PoolClient, deps: CaseDeps, a: LockedApplication, outcome: DecisionOutcome, by: string): Promise<void> {
  const day = today(deps);
  let period: { start: string; end: string } | null = null;
  if (outcome === 'approved' && a.content.kind === 'initial') period = { start: day, end: addMonths(day, deps.config.defaultPeriodMonths) };
  if (outcome === 'approved' && a.content.kind === 'extension') {
    const { rows } = await tx.query<{ ends_at: Date }>(`SELECT ends_at FROM device_assignments WHERE id = $1`, [a.content.assignmentId]);
    const start = rows[0] ? amsterdamDate(rows[0].ends_at) : day;
    period = { start, end: a.content.requestedEndsOn > start ? a.content.requestedEndsOn : addMonths(start, deps.config.defaultPeriodMonths) };
  }
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO decisions (application_id, outcome, rule, motivation, members, period_start, period_end, recorded_by)
     SELECT $1, $2, $3,
            (SELECT string_agg(v.organisation || ': ' || v.motivation, E'\\n' ORDER BY v.cast_at) FROM votes v
             WHERE v.application_id = $1 AND v.vote <> 'approve'),
            (SELECT jsonb_agg(jsonb_build_object('organisation', v.organisation, 'vote', v.vote, 'motivation', v.motivation, 'castAt', v.cast_at,
                      'voter', jsonb_build_object('id', u.id, 'displayName', u.display_name)) ORDER BY v.cast_at)
             FROM votes v JOIN users u ON u.id = v.user_id WHERE v.application_id = $1),
            $4::date, $5::date, $6
     RETURNING id`,
    [a.id, outcome, deps.config.decisionRule, period?.start ?? null, period?.end ?? null, by],
  );
  const decisionId = rows[0]!.id;
  await tx.query(`UPDATE applications SET status = $2, decided_at = now(), updated_at = now() WHERE id = $1`, [a.id, outcome]);
  let extended = null;
  if (period && a.content.kind === 'extension') extended = await extendAssignment(tx, a.content.assignmentId, decisionId, period.end, by);
  await notifyCaseWorkers(tx, [a.createdBy, a.submittedBy], {
    kind: 'decision',
    applicationId: a.id,
    clientId: a.clientId,
    detail: { outcome, decisionId, applicationKind: a.kind, periodEnd: period?.end ?? null, extendedTo: extended ? extended.newEndsAt.toISOString() : null },
  });
  if (extended && a.content.kind === 'extension') {
    await notifyCaseWorkers(tx, [a.createdBy, a.submittedBy], {
      kind: 'extended',
      applicationId: a.id,
      clientId: a.clientId,
      detail: { assignmentId: a.content.assignmentId, previousEndsAt: extended.previousEndsAt.toISOString(), endsAt: extended.newEndsAt.toISOString() },
    });
  }
  deps.log.info({ applicationId: a.id, outcome, rule: deps.config.decisionRule }, 'commissie decision recorded');
}
