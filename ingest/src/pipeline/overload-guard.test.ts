import { describe, expect, it } from 'vitest';
import { OverloadGuard } from './overload-guard.js';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin: keep the event loop busy
  }
};
const idleFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OverloadGuard', () => {
  it('starts shedding when the event loop is busy and stops when it has room again', async () => {
    const guard = new OverloadGuard(0.9, 0.7, 60_000);
    await idleFor(50);
    guard.sample();
    expect(guard.shedding).toBe(false);
    busyFor(200);
    expect(guard.sample()).toBeGreaterThan(0.9);
    expect(guard.shedding).toBe(false); // one busy window is a spike
    busyFor(200);
    guard.sample();
    expect(guard.shedding).toBe(true);
    await idleFor(200);
    expect(guard.sample()).toBeLessThan(0.7);
    expect(guard.shedding).toBe(false);
    guard.stop();
  });

  it('never sheds when switched off (high = 1)', () => {
    const guard = new OverloadGuard(1);
    busyFor(50);
    guard.sample();
    expect(guard.shedding).toBe(false);
    guard.stop();
  });
});
