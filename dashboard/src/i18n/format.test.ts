import { describe, expect, it } from 'vitest';
import { formatCoordinates, formatDateTime, formatElapsed, formatTime } from './format.js';

describe('formatting', () => {
  it('shows times in Amsterdam time, summer and winter', () => {
    expect(formatTime('nl', '2026-07-01T10:00:00Z')).toBe('12:00:00');
    expect(formatTime('nl', '2026-01-15T10:00:00Z')).toBe('11:00:00');
    expect(formatDateTime('nl', '2026-01-15T23:30:00Z')).toMatch(/^16-01-2026/);
  });

  it('runs timers as m:ss and h:mm:ss', () => {
    expect(formatElapsed(7_000)).toBe('0:07');
    expect(formatElapsed(272_000)).toBe('4:32');
    expect(formatElapsed(3_729_000)).toBe('1:02:09');
    expect(formatElapsed(-5)).toBe('0:00');
  });

  it('gives coordinates to five decimals', () => {
    expect(formatCoordinates(52.0907123, 5.1214)).toBe('52.09071, 5.12140');
  });
});
