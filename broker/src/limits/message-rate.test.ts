import { describe, expect, it } from 'vitest';
import { rateDelayMs } from './message-rate.js';

describe('per-device message rate', () => {
  it('lets a burst through at once and spaces out what follows at the sustained rate', () => {
    const holder = { rateTat: 0 };
    const limit = { perSecond: 10, burst: 3 };
    const delays = Array.from({ length: 6 }, () => rateDelayMs(holder, limit, 1000));
    expect(delays).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills the burst after the device has been quiet', () => {
    const holder = { rateTat: 0 };
    const limit = { perSecond: 10, burst: 2 };
    rateDelayMs(holder, limit, 1000);
    rateDelayMs(holder, limit, 1000);
    expect(rateDelayMs(holder, limit, 1000)).toBe(100);
    expect(rateDelayMs(holder, limit, 2000)).toBe(0);
  });
});
