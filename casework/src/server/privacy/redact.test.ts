import type { DossierPerpetrator } from '@aware/casework/contract';
import { describe, expect, it } from 'vitest';
import { BLACKED_OUT, blackOut, STAFF_BLACKED_OUT, thirdPartyRedactions } from './redact.js';

const father: DossierPerpetrator = {
  id: 'p1',
  name: 'Jan de Vries',
  relation: 'vader',
  description: 'grijze baard',
  vehicle: 'rode Opel Corsa, 56-XYZ-7',
  restricted: null,
  photo: null,
};
const scrub = (text: string, clientName = 'Sanne de Vries') => blackOut(text, thirdPartyRedactions([father], clientName));

describe('blacking out the perpetrator in free text', () => {
  it('blacks out his full name, his first name, his vehicle and its plate, whatever the case', () => {
    expect(scrub('Jan de Vries stond voor de deur; JAN belde later. Auto: 56-xyz-7.')).toBe(`${BLACKED_OUT} stond voor de deur; ${BLACKED_OUT} belde later. Auto: ${BLACKED_OUT}.`);
  });

  it('leaves her own name readable when a relative shares her surname', () => {
    expect(scrub('Sanne de Vries is bang.')).toBe('Sanne de Vries is bang.');
  });

  it('does not black out parts of other words', () => {
    expect(scrub('Januari was rustig.')).toBe('Januari was rustig.');
  });
});

describe('blacking out staff in free text', () => {
  const scrubStaff = (text: string) => blackOut(text, thirdPartyRedactions([father], 'Sanne de Vries', ['Agent Pieter Bos']));

  it('blacks out the full name and any two or more consecutive words of it, but not a first name alone', () => {
    expect(scrubStaff('Agent Pieter Bos ter plaatse; Pieter Bos belt terug. Pieter is er.')).toBe(`${STAFF_BLACKED_OUT} ter plaatse; ${STAFF_BLACKED_OUT} belt terug. Pieter is er.`);
  });

  it('marks a staff name apart from data about the perpetrator, so the client reads which is which', () => {
    expect(scrubStaff('Pieter Bos sprak Jan de Vries aan.')).toBe(`${STAFF_BLACKED_OUT} sprak ${BLACKED_OUT} aan.`);
  });
});
