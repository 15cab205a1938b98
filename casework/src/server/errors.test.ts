import { describe, expect, it } from 'vitest';
import { CASEWORK_ERRORS, CaseworkError, CaseworkErrorCode } from './errors.js';

describe('casework error codes', () => {
  it('are unique, prefixed CSW_ERR_, and each has a message and an HTTP status', () => {
    const codes = Object.values(CaseworkErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^CSW_ERR_[A-Z_]+$/);
      expect(CASEWORK_ERRORS[code].message.length).toBeGreaterThan(0);
      expect(CASEWORK_ERRORS[code].statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(Object.keys(CASEWORK_ERRORS).sort()).toEqual([...codes].sort());
  });

  it('carry the status of their code and the detail in the message', () => {
    const e = new CaseworkError(CaseworkErrorCode.VOTE_TWICE, 'politie voted on 3 December');
    expect(e).toMatchObject({ code: 'CSW_ERR_VOTE_TWICE', statusCode: 409 });
    expect(e.message).toContain('politie voted on 3 December');
  });
});
