import { describe, expect, it } from 'vitest';
import { entitlement, type EntitlementInput } from './entitlement.js';

const base: EntitlementInput = { capacity: 'client', dateOfBirth: '1990-05-01', legallyIncapable: false, consent: null, today: '2026-11-22' };
const born = (years: number) => `${2026 - years}-01-01`;

describe('who may exercise the client\'s rights', () => {
  it('lets a client of 16 or older act alone, and a parent only with her consent', () => {
    expect(entitlement({ ...base, dateOfBirth: born(16) })).toBeNull();
    expect(entitlement({ ...base, dateOfBirth: born(17), capacity: 'parent_with_authority' })).not.toBeNull();
    expect(entitlement({ ...base, dateOfBirth: born(17), capacity: 'parent_with_authority', consent: 'brief 2026-11-01' })).toBeNull();
  });

  it('lets a client of 12 to 16 and her parents with authority act', () => {
    expect(entitlement({ ...base, dateOfBirth: born(13) })).toBeNull();
    expect(entitlement({ ...base, dateOfBirth: born(13), capacity: 'parent_with_authority' })).toBeNull();
    expect(entitlement({ ...base, dateOfBirth: born(13), capacity: 'other' })).not.toBeNull();
  });

  it('lets only parents with authority or the guardian act for a child under 12', () => {
    expect(entitlement({ ...base, dateOfBirth: born(10) })).not.toBeNull();
    expect(entitlement({ ...base, dateOfBirth: born(10), capacity: 'guardian' })).toBeNull();
  });

  it('lets only representatives act for a legally incapable client', () => {
    expect(entitlement({ ...base, legallyIncapable: true })).not.toBeNull();
    expect(entitlement({ ...base, legallyIncapable: true, capacity: 'legal_representative' })).toBeNull();
  });
});
