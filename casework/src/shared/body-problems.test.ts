import { describe, expect, it } from 'vitest';
import { bodyProblemsInWords } from './body-problems.js';
import { type MessageKey, translate } from '@aware/dashboard/kit/text';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('nl', key, params);

describe("the server's refusal of a form, in words", () => {
  it('names each field as the form does and says what is wrong in Dutch', () => {
    const message = 'the request body is invalid: content.perpetrators.0.name: Too big: expected string to have <=200 characters; content.policeReferences.3: Too big: expected string to have <=100 characters; content.client.name: Too small: expected string to have >=1 characters';
    expect(bodyProblemsInWords(t, message)).toEqual(['Naam pleger (1): te lang', 'Politieregistraties: te lang', 'Naam: ontbreekt']);
  });

  it('keeps an unknown path as it is, and gives null for a message without fields', () => {
    expect(bodyProblemsInWords(t, 'x: content.mystery: Invalid input')).toEqual(['content.mystery: ongeldig']);
    expect(bodyProblemsInWords(t, 'the server is busy')).toBeNull();
  });
});
