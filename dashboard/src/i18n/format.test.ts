import { describe, expect, it } from 'vitest';
import { formatCoordinates, formatDate, formatDateTime, formatElapsed, formatLastDay, formatTime } from './format.js';

describe('formatting', () => {
  it('shows times in Amsterdam time, summer and winter', () => {
    expect(formatTime('nl', '2026-07-01T10:00:00Z')).toBe('12:00:00');
    expect(formatTime('nl', '2026-01-15T10:00:00Z')).toBe('11:00:00');
    expect(formatDateTime('nl', '2026-01-15T23:30:00Z')).toMatch(/^16-01-2026/);
  });

  it('shows a period by its last day, inclusive: the stored end is the Amsterdam midnight after it', () => {
    // issued on 5 December 2026 for three months: through 5 March 2027 (winter), and a summer end
    expect(formatLastDay('nl', '2027-03-05T23:00:00.000Z')).toBe('05-03-2027');
    expect(formatDate('nl', '2027-03-05T23:00:00.000Z')).toBe('06-03-2027');
    expect(formatLastDay('nl', '2027-06-30T22:00:00.000Z')).toBe('30-06-2027');
    expect(formatLastDay('en', '2027-06-30T22:00:00.000Z')).toBe('30/06/2027');
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
