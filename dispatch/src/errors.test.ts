import { describe, expect, it } from 'vitest';
import { DISPATCH_ERRORS, DispatchError, DispatchErrorCode } from './errors.js';

describe('dispatch error codes', () => {
  it('are unique, prefixed DSP_ERR_ and each has a message and an HTTP status', () => {
    const codes = Object.values(DispatchErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^DSP_ERR_[A-Z_]+$/);
      expect(DISPATCH_ERRORS[code].message.length).toBeGreaterThan(5);
      expect(DISPATCH_ERRORS[code].statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(Object.keys(DISPATCH_ERRORS).sort()).toEqual([...codes].sort());
  });

  it('carry their code and status and append the detail to the message', () => {
    const error = new DispatchError(DispatchErrorCode.ALARM_STATE, 'alarm is resolved');
    expect(error.code).toBe('DSP_ERR_ALARM_STATE');
    expect(error.statusCode).toBe(409);
    expect(error.message).toContain('alarm is resolved');
  });
});
