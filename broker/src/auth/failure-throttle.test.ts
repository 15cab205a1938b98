import { afterEach, describe, expect, it } from 'vitest';
import { FailureThrottle } from './failure-throttle.js';

let throttle: FailureThrottle;
afterEach(() => throttle.close());

describe('failure throttle', () => {
  it('does not delay a key without failures', () => {
    throttle = new FailureThrottle(5000);
    expect(throttle.delayFor('ip:1.2.3.4')).toBe(0);
  });

  it('doubles the delay with every failure, up to the maximum', () => {
    throttle = new FailureThrottle(1000);
    const delays = [];
    for (let i = 0; i < 6; i++) {
      throttle.recordFailure('id:p-1');
      delays.push(throttle.delayFor('id:p-1'));
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('lets the first failures within the allowance go free', () => {
    throttle = new FailureThrottle(5000);
    for (let i = 0; i < 3; i++) throttle.recordFailure('ip:10.0.0.1');
    expect(throttle.delayFor('ip:10.0.0.1', 3)).toBe(0);
    throttle.recordFailure('ip:10.0.0.1');
    expect(throttle.delayFor('ip:10.0.0.1', 3)).toBe(100);
  });

  it('forgets failures after the window, and on request', () => {
    let now = 0;
    throttle = new FailureThrottle(5000, 60_000, 100, () => now);
    throttle.recordFailure('k');
    expect(throttle.delayFor('k')).toBe(100);
    now = 61_000;
    expect(throttle.delayFor('k')).toBe(0);
    expect(throttle.recordFailure('k')).toBe(1);
    throttle.forget('k');
    expect(throttle.delayFor('k')).toBe(0);
  });

  it('stays bounded when an attacker cycles through keys', () => {
    throttle = new FailureThrottle(5000, 60_000, 100);
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`id:p-${i}`);
    expect(throttle.size).toBeLessThanOrEqual(100);
    expect(throttle.delayFor('id:p-999')).toBe(100);
  });
});
