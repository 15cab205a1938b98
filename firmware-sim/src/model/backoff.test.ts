import { describe, expect, it } from 'vitest';
import { RECONNECT_BACKOFF, backoffDelay } from './backoff.js';
import { seededRandom } from './random.js';

describe('reconnect backoff', () => {
  it('grows exponentially between half and all of the ceiling', () => {
    const random = seededRandom(1);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ceiling = 1000 * 2 ** (attempt - 1);
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt, RECONNECT_BACKOFF, random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    const random = seededRandom(2);
    for (const attempt of [7, 20, 1000]) {
      expect(backoffDelay(attempt, RECONNECT_BACKOFF, random)).toBeLessThanOrEqual(RECONNECT_BACKOFF.maxMs);
      expect(backoffDelay(attempt, RECONNECT_BACKOFF, random)).toBeGreaterThanOrEqual(RECONNECT_BACKOFF.maxMs / 2);
    }
  });

  it('spreads pendants that retry at the same attempt', () => {
    const random = seededRandom(3);
    const delays = Array.from({ length: 1000 }, () => backoffDelay(4, RECONNECT_BACKOFF, random));
    expect(new Set(delays).size).toBeGreaterThan(500);
    expect(Math.min(...delays)).toBeLessThan(4200);
    expect(Math.max(...delays)).toBeGreaterThan(7800);
  });

  it('treats the boundaries at attempt one and the policy extremes exactly', () => {
    expect(backoffDelay(1, RECONNECT_BACKOFF, () => 0)).toBe(500);
    expect(backoffDelay(1, RECONNECT_BACKOFF, () => 0.999999)).toBe(1000);
    expect(backoffDelay(0, RECONNECT_BACKOFF, () => 0)).toBe(500);
  });
});
