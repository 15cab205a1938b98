import { describe, expect, it } from 'vitest';
import { ageOn, amsterdamDate, checkEligibility } from './eligibility.js';

const fear = { renewedVictimisation: true, samePerpetrator: true, explanation: 'dreigt terug te komen' };

describe('eligibility for a pendant', () => {
  it('counts age in whole years, the birthday itself included', () => {
    expect(ageOn('2008-11-22', '2026-11-22')).toBe(18);
    expect(ageOn('2008-11-23', '2026-11-22')).toBe(17);
    expect(ageOn('2030-01-01', '2026-11-22')).toBeNull();
  });

  it('takes the calendar day in Amsterdam, not in UTC', () => {
    expect(amsterdamDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('is met by an adult with a real fear of the same perpetrator, living in the region', () => {
    expect(checkEligibility({ dateOfBirth: '1990-01-01', residenceRegion: 'utrecht', fear, minorException: null }, 'utrecht', '2026-11-22')).toMatchObject({ eligible: true, ageYears: 36 });
  });

  it('flags a minor unless there is a written exception', () => {
    const minor = { dateOfBirth: '2010-05-05', residenceRegion: 'utrecht', fear };
    expect(checkEligibility({ ...minor, minorException: null }, 'utrecht', '2026-11-22')).toMatchObject({ adult: 'not_met', eligible: false });
    expect(checkEligibility({ ...minor, minorException: { reference: 'U-1', motivation: 'zelfstandig' } }, 'utrecht', '2026-11-22')).toMatchObject({ adult: 'met_by_exception', eligible: true });
  });

  it('flags a fear of someone else, an unexplained fear, another region, and unknowns', () => {
    const base = { dateOfBirth: '1990-01-01', residenceRegion: 'utrecht', minorException: null };
    expect(checkEligibility({ ...base, fear: { ...fear, samePerpetrator: false } }, 'utrecht', '2026-11-22').renewedFear).toBe('not_met');
    expect(checkEligibility({ ...base, fear: { ...fear, explanation: ' ' } }, 'utrecht', '2026-11-22').renewedFear).toBe('unknown');
    expect(checkEligibility({ ...base, fear }, 'haaglanden', '2026-11-22').livesInRegion).toBe('not_met');
    expect(checkEligibility({ ...base, dateOfBirth: null, residenceRegion: null, fear }, 'utrecht', '2026-11-22')).toMatchObject({ adult: 'unknown', livesInRegion: 'unknown', eligible: false });
  });
});
