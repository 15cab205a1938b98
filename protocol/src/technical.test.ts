import { describe, expect, it } from 'vitest';
import { TECHNICAL_ALARM_CHANNEL, TechnicalAlarmNotice } from './technical.js';

const opened = {
  change: 'opened',
  technical: { id: '3f2b6a1e-0000-4000-8000-000000000001', deviceId: 'p-001', kind: 'pendant_silent', openedAt: '2025-06-01T12:00:00.000Z', clearedAt: null, handling: null },
  region: 'utrecht',
};

describe('technical alarm notices', () => {
  it('are announced on one NOTIFY channel (a valid unquoted PostgreSQL identifier)', () => {
    expect(TECHNICAL_ALARM_CHANNEL).toMatch(/^[a-z_][a-z0-9_]{0,62}$/);
  });

  it('accept an opened and a cleared alarm, with or without a region', () => {
    expect(TechnicalAlarmNotice.parse(opened)).toEqual(opened);
    const cleared = { ...opened, change: 'cleared', region: null, technical: { ...opened.technical, clearedAt: '2025-06-01T12:05:00.000Z' } };
    expect(TechnicalAlarmNotice.parse(cleared)).toEqual(cleared);
  });

  it('reject an unknown kind or change, and extra fields', () => {
    expect(TechnicalAlarmNotice.safeParse({ ...opened, change: 'acknowledged' }).success).toBe(false);
    expect(TechnicalAlarmNotice.safeParse({ ...opened, technical: { ...opened.technical, kind: 'stolen' } }).success).toBe(false);
    expect(TechnicalAlarmNotice.safeParse({ ...opened, lat: 52.1 }).success).toBe(false);
  });
});
