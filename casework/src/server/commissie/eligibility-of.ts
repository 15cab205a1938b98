import type { Queryable } from '@aware/db';
import { checkEligibility, type ApplicationContent, type Eligibility, type InitialContent } from '@aware/casework/contract';

/**
 * The eligibility of an application on `today`. An initial application carries everything itself; an
 * extension takes the date of birth from the client's record, and the region of residence and any
 * written exception for a minor from the client's latest approved initial application.
 */
export async function eligibilityOf(db: Queryable, region: string, clientId: string, content: ApplicationContent, today: string): Promise<Eligibility> {
  if (content.kind === 'initial') {
    return checkEligibility({ ...content.client, fear: content.fear, minorException: content.minorException }, region, today);
  }
  const { rows } = await db.query<{ date_of_birth: string | null; content: InitialContent | null }>(
    `SELECT c.date_of_birth::text AS date_of_birth,
            (SELECT a.content FROM applications a WHERE a.client_id = c.id AND a.kind = 'initial' AND a.status = 'approved'
             ORDER BY a.decided_at DESC LIMIT 1) AS content
     FROM clients c WHERE c.id = $1`,
    [clientId],
  );
  const r = rows[0];
  return checkEligibility(
    {
      dateOfBirth: r?.date_of_birth ?? null,
      residenceRegion: r?.content?.client.residenceRegion ?? null,
      fear: content.fear,
      minorException: r?.content?.minorException ?? null,
    },
    region,
    today,
  );
}
