import type { AlarmView } from '@aware/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlarmStore } from './alarm-store.js';
import { alarmView } from './alarm-view-fixture.js';

const alarm = (id: string, lat: number): AlarmView => alarmView(id, { lastFix: { lat, lon: 5.12, acc: 10, at: '2026-03-01T10:00:00.000Z' } });

describe('the alarm store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('publishes a burst of thousands of updates as one change, holding the latest of each alarm', () => {
    const store = new AlarmStore();
    const seen = vi.fn();
    store.store.subscribe(seen);
    for (let round = 0; round < 3; round++) for (let i = 0; i < 2000; i++) store.upsert(alarm(`a${i}`, 52 + round / 100));
    for (let i = 0; i < 500; i++) store.addTrail('a1', { lat: 52.5, lon: 5.1, acc: 5, at: new Date(Date.UTC(2026, 2, 1, 10, 1, i % 60)).toISOString() });
    expect(seen).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60);
    expect(seen).toHaveBeenCalledTimes(1);
    const { alarms, trails } = store.store.get();
    expect(alarms.size).toBe(2000);
    expect(alarms.get('a0')?.lastFix?.lat).toBe(52.02);
    expect(trails.get('a1')).toHaveLength(500);
    expect(alarms.get('a1')?.lastFix?.lat).toBe(52.5);
  });

  it('takes a snapshot as the set of open alarms, keeping a just-resolved one for its detail page', () => {
    const store = new AlarmStore();
    store.upsert(alarm('gone', 52));
    store.upsert({ ...alarm('resolved', 52), state: 'resolved', resolvedAt: new Date().toISOString() });
    store.replaceOpen([alarm('fresh', 52)]);
    vi.advanceTimersByTime(60);
    expect([...store.store.get().alarms.keys()].sort()).toEqual(['fresh', 'resolved']);
  });
});
