import type { AlarmView } from '@aware/protocol';
import { describe, expect, it } from 'vitest';
import { countByRegion, groupByRegion, shouldGroup } from './region-groups.js';
import { openByUrgency } from './urgency.js';
import { alarmView } from '../../live/alarm-view-fixture.js';

const alarm = (id: string, region: string | null, o: Partial<AlarmView> = {}): AlarmView => alarmView(id, { region, ...o });

describe('the board in a mass event', () => {
  it('groups by region in the order of each region\'s most urgent alarm, keeping urgency within a region', () => {
    const sorted = openByUrgency([
      alarm('u-old-ack', 'utrecht', { state: 'acknowledged', pressedAt: '2026-03-01T09:00:00.000Z' }),
      alarm('a-new', 'amsterdam-amstelland', { pressedAt: '2026-03-01T10:05:00.000Z' }),
      alarm('u-escalated', 'utrecht', { escalatedAt: '2026-03-01T10:03:00.000Z', pressedAt: '2026-03-01T10:02:00.000Z' }),
      alarm('x-none', null, { pressedAt: '2026-03-01T10:06:00.000Z' }),
      alarm('u-new', 'utrecht', { pressedAt: '2026-03-01T10:04:00.000Z' }),
    ]);
    const groups = groupByRegion(sorted);
    expect(groups.map((g) => g.region)).toEqual(['utrecht', 'amsterdam-amstelland', null]);
    expect(groups[0]!.alarms.map((a) => a.id)).toEqual(['u-escalated', 'u-new', 'u-old-ack']);
    // the first card is still the most urgent of all
    expect(groups[0]!.alarms[0]!.id).toBe(sorted[0]!.id);
  });

  it('counts open and unacknowledged alarms per region', () => {
    const counts = countByRegion([alarm('1', 'utrecht'), alarm('2', 'utrecht', { state: 'acknowledged' }), alarm('3', null)]);
    expect(counts.get('utrecht')).toEqual({ open: 2, waiting: 1 });
    expect(counts.get(null)).toEqual({ open: 1, waiting: 1 });
  });

  it('groups only from ten alarms in more than one region', () => {
    const many = (n: number, region: (i: number) => string) => Array.from({ length: n }, (_, i) => alarm(String(i), region(i)));
    expect(shouldGroup(many(9, (i) => (i % 2 ? 'utrecht' : 'twente')))).toBe(false);
    expect(shouldGroup(many(10, () => 'utrecht'))).toBe(false);
    expect(shouldGroup(many(10, (i) => (i % 2 ? 'utrecht' : 'twente')))).toBe(true);
  });
});
