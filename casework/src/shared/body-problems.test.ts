import { describe, expect, it } from 'vitest';
import { bodyProblemsInWords, problemKey } from './body-problems.js';
import { type MessageKey, translate } from '@aware/dashboard/kit/text';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('nl', key, params);

describe("the server's refusal of a form, in words", () => {
  it('names each field as the form does and says what is wrong in Dutch', () => {
    const problems = [
      { path: 'content.perpetrators.0.name', issue: 'too_big', message: 'Too big: expected string to have <=200 characters' },
      { path: 'content.policeReferences.3', issue: 'too_big', message: 'Too big: expected string to have <=100 characters' },
      { path: 'content.client.name', issue: 'too_small', message: 'Too small: expected string to have >=1 characters' },
      { path: 'content.client.phone', issue: 'invalid_format', message: 'text may not contain control characters' },
    ];
    expect(bodyProblemsInWords(t, problems)).toEqual(['Naam pleger (1): te lang', 'Politieregistraties: te lang', 'Naam: ontbreekt', 'Telefoon: bevat tekens die niet zijn toegestaan']);
  });

  it('keeps an unknown path as it is, and calls what it cannot name invalid', () => {
    expect(bodyProblemsInWords(t, [{ path: 'content.mystery', issue: 'unrecognized_keys', message: 'Unrecognized key' }])).toEqual(['content.mystery: ongeldig']);
    expect(problemKey({ path: 'content.client.dateOfBirth', issue: 'invalid_format', message: 'Invalid ISO date' })).toBe('problem.date');
  });

  it("names a field of another form by that form's own label, also for an item of a list", () => {
    const control = { issue: 'invalid_format', message: 'text may not contain control characters' };
    expect(bodyProblemsInWords(t, [{ path: 'motivation', ...control }], { motivation: 'vote.motivation' })).toEqual([`${t('vote.motivation')}: bevat tekens die niet zijn toegestaan`]);
    expect(bodyProblemsInWords(t, [{ path: 'pendants.3.id', issue: 'invalid_format', message: 'Invalid' }], { pendants: 'dev.registerIds' })).toEqual([`${t('dev.registerIds')}: ongeldig`]);
  });
});
