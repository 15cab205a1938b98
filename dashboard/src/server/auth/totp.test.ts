import { describe, expect, it } from 'vitest';
import { newTotp, totpCode, totpStep } from './totp.js';

describe('TOTP codes', () => {
  const { secret, uri } = newTotp('AWARE', 'r.bakker');
  const t = 1_800_000_000_000;

  it('make an enrolment URI an authenticator app reads (issuer, label, SHA1, 6 digits, 30 s)', () => {
    const u = new URL(uri);
    expect(u.protocol).toBe('otpauth:');
    expect(u.host).toBe('totp');
    expect(decodeURIComponent(u.pathname)).toBe('/AWARE:r.bakker');
    expect(Object.fromEntries(u.searchParams)).toMatchObject({ issuer: 'AWARE', algorithm: 'SHA1', digits: '6', period: '30', secret });
  });

  it('accept the current code and one step either side, naming the step it belongs to', () => {
    const step = Math.floor(t / 30_000);
    expect(totpStep(secret, totpCode(secret, t), t)).toBe(step);
    expect(totpStep(secret, totpCode(secret, t - 30_000), t)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, t + 30_000), t)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, t - 90_000), t)).toBeNull();
  });
});
