import { z } from 'zod';

/**
 * Who may get an AWARE pendant (Veilig Thuis, "Wat is AWARE?"): in principle an adult, with a real fear of
 * being victimised again by the same perpetrator, living in the region. The indicatiecommissie decides;
 * this check is what the form shows while it is filled in and what the commissie sees (the same function
 * on both sides).
 *
 * - `met`: the condition holds; `met_by_exception`: a minor with a written exception;
 * - `not_met`: it does not hold; `unknown`: the form does not say yet (e.g. no date of birth).
 */
export const Criterion = z.enum(['met', 'met_by_exception', 'not_met', 'unknown']);
export type Criterion = z.infer<typeof Criterion>;

export const Eligibility = z.object({
  adult: Criterion,
  renewedFear: Criterion,
  livesInRegion: Criterion,
  /** Every criterion met (or met by exception). An application that is not is flagged, not refused. */
  eligible: z.boolean(),
  ageYears: z.number().int().min(0).nullable(),
  /** The day (Europe/Amsterdam) the check was made. */
  checkedOn: z.iso.date(),
});
export type Eligibility = z.infer<typeof Eligibility>;

export const ADULT_AGE = 18;

export interface EligibilityInput {
  readonly dateOfBirth: string | null;
  readonly residenceRegion: string | null;
  readonly fear: { readonly renewedVictimisation: boolean; readonly samePerpetrator: boolean; readonly explanation: string };
  readonly minorException: { readonly reference: string; readonly motivation: string } | null;
}

/** The calendar day of `at` in Europe/Amsterdam, `YYYY-MM-DD`. */
export function amsterdamDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whole years between `dateOfBirth` and `on` (both `YYYY-MM-DD`); null for a date in the future. */
export function ageOn(dateOfBirth: string, on: string): number | null {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

export function checkEligibility(input: EligibilityInput, applicationRegion: string, today: string): Eligibility {
  const ageYears = input.dateOfBirth ? ageOn(input.dateOfBirth, today) : null;
  const adult: Criterion =
    ageYears === null ? 'unknown' : ageYears >= ADULT_AGE ? 'met' : input.minorException ? 'met_by_exception' : 'not_met';
  const f = input.fear;
  const renewedFear: Criterion = f.renewedVictimisation && f.samePerpetrator ? (f.explanation.trim() ? 'met' : 'unknown') : 'not_met';
  const livesInRegion: Criterion = input.residenceRegion === null ? 'unknown' : input.residenceRegion === applicationRegion ? 'met' : 'not_met';
  const ok = (c: Criterion) => c === 'met' || c === 'met_by_exception';
  return { adult, renewedFear, livesInRegion, eligible: ok(adult) && ok(renewedFear) && ok(livesInRegion), ageYears, checkedOn: today };
}
