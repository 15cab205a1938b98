import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newTrack, type DeviceTrack } from '../devices/device-track.js';
import { Watchdog } from './watchdog.js';

describe('Watchdog', () => {
  let silent: string[];
  let returned: string[];
  let dog: Watchdog;

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
    silent = [];
    returned = [];
    // the fake Date moves with the fake timers: a clock for the watchdog that never steps
    dog = new Watchdog({ multiplier: 3, onSilent: (t) => silent.push(t.id), onReturned: (t) => returned.push(t.id), now: () => Date.now() });
    dog.resume();
  });

  afterEach(() => {
    dog.stop();
    vi.useRealTimers();
  });

  const assigned = (id: string, intervalS = 10): DeviceTrack => newTrack(id, intervalS, true);

  it('flags an assigned pendant once K intervals after it was last heard, not before', () => {
    const p = assigned('p-001');
    dog.heard(p, Date.now());
    vi.advanceTimersByTime(29_999);
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(silent).toEqual(['p-001']);
    vi.advanceTimersByTime(600_000);
    expect(silent).toEqual(['p-001']);
  });

  it('keeps pushing the deadline back while heartbeats arrive', () => {
    const p = assigned('p-001');
    for (let i = 0; i < 10; i++) {
      dog.heard(p, Date.now());
      vi.advanceTimersByTime(10_000);
    }
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(20_000);
    expect(silent).toEqual(['p-001']);
  });

  it('reports a silent pendant that is heard again as returned and watches it again', () => {
    const p = assigned('p-001');
    dog.heard(p, Date.now());
    vi.advanceTimersByTime(30_000);
    dog.heard(p, Date.now());
    expect(returned).toEqual(['p-001']);
    expect(p.open.pendant_silent).toBe(false);
    vi.advanceTimersByTime(30_000);
    expect(silent).toEqual(['p-001', 'p-001']);
  });

  it('does not watch a pendant without an assignment', () => {
    const p = newTrack('p-002', 10, false);
    dog.heard(p, Date.now());
    vi.advanceTimersByTime(120_000);
    expect(silent).toEqual([]);
  });

  it('uses each pendant its own interval, earliest deadline first', () => {
    const slow = assigned('slow', 60);
    const fast = assigned('fast', 5);
    dog.heard(slow, Date.now());
    dog.heard(fast, Date.now());
    vi.advanceTimersByTime(15_000);
    expect(silent).toEqual(['fast']);
    vi.advanceTimersByTime(165_000);
    expect(silent).toEqual(['fast', 'slow']);
  });

  it('applies a shorter interval at once when a pendant is re-configured', () => {
    const p = assigned('p-001', 60);
    dog.heard(p, Date.now());
    p.hbIntervalS = 5;
    dog.watch(p);
    vi.advanceTimersByTime(15_000);
    expect(silent).toEqual(['p-001']);
  });

  it('holds still while disconnected from the broker and gives K intervals after reconnecting', () => {
    const p = assigned('p-001');
    dog.heard(p, Date.now());
    dog.suspend();
    vi.advanceTimersByTime(120_000);
    expect(silent).toEqual([]);
    dog.resume();
    vi.advanceTimersByTime(29_000);
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(silent).toEqual(['p-001']);
  });

  it('is not fooled by the wall clock stepping back: deadlines live on its own monotonic clock', () => {
    let mono = 1_000_000;
    const stepping = new Watchdog({ multiplier: 3, onSilent: (t) => silent.push(`own-clock:${t.id}`), onReturned: () => {}, now: () => mono });
    stepping.resume();
    const p = assigned('p-001');
    stepping.heard(p);
    vi.setSystemTime(Date.now() - 3_600_000);
    mono += 30_000;
    vi.advanceTimersByTime(30_000);
    expect(silent).toContain('own-clock:p-001');
    stepping.stop();
  });

  it('stops watching a pendant whose assignment ended', () => {
    const p = assigned('p-001');
    dog.heard(p, Date.now());
    p.assigned = false;
    dog.unwatch(p);
    vi.advanceTimersByTime(120_000);
    expect(silent).toEqual([]);
  });
});
