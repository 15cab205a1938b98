import { describe, expect, it } from 'vitest';
import { formatMs, parseDuration } from './duration.js';

describe('durations', () => {
  it('reads units and takes a bare number in the unit of the context', () => {
    expect(parseDuration('500ms', 's')).toBe(500);
    expect(parseDuration('2s', 'ms')).toBe(2000);
    expect(parseDuration('1.5m', 'ms')).toBe(90_000);
    expect(parseDuration('1h', 'ms')).toBe(3_600_000);
    expect(parseDuration('30', 's')).toBe(30_000);
    expect(parseDuration('30', 'ms')).toBe(30);
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'soon', '-1s', '2 days', '1e3']) expect(parseDuration(bad, 's')).toBeUndefined();
  });

  it('formats for people', () => {
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(2500)).toBe('2.5 s');
    expect(formatMs(600_000)).toBe('10 min');
  });
});
