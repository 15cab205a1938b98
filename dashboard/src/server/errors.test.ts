import { describe, expect, it } from 'vitest';
import { DASHBOARD_ERRORS, DashboardError, DashboardErrorCode } from './errors.js';

describe('dashboard error codes', () => {
  it('are unique, prefixed DSH_ERR_, and each has a message and an HTTP status', () => {
    const codes = Object.values(DashboardErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^DSH_ERR_[A-Z_]+$/);
      expect(DASHBOARD_ERRORS[code].message.length).toBeGreaterThan(0);
      expect(DASHBOARD_ERRORS[code].statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(Object.keys(DASHBOARD_ERRORS).sort()).toEqual([...codes].sort());
  });

  it('carry the status of their code and the detail in the message', () => {
    const e = new DashboardError(DashboardErrorCode.TOO_MANY_ATTEMPTS, 'try again in 30 s', { retryAfterS: 30 });
    expect(e).toMatchObject({ code: 'DSH_ERR_TOO_MANY_ATTEMPTS', statusCode: 429, retryAfterS: 30 });
    expect(e.message).toContain('try again in 30 s');
  });
});
