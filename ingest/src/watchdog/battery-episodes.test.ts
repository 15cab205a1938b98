import { describe, expect, it } from 'vitest';
import { batteryChanges } from './battery-episodes.js';

const t = { batteryLowPct: 20, batteryCriticalPct: 5, batteryClearPct: 25 };
const none = { battery_low: false, battery_critical: false };

describe('battery episodes', () => {
  it('opens a low episode below 20 % and nothing above', () => {
    expect(batteryChanges(none, 20, false, t)).toEqual([]);
    expect(batteryChanges(none, 19, false, t)).toEqual([{ kind: 'battery_low', change: 'opened' }]);
  });

  it('does not open the same episode again while it is open', () => {
    expect(batteryChanges({ ...none, battery_low: true }, 12, false, t)).toEqual([]);
    expect(batteryChanges({ ...none, battery_low: true }, 21, false, t)).toEqual([]);
  });

  it('opens low and critical together on a drop straight below 5 %', () => {
    expect(batteryChanges(none, 3, false, t)).toEqual([
      { kind: 'battery_low', change: 'opened' },
      { kind: 'battery_critical', change: 'opened' },
    ]);
  });

  it('ends open episodes when charging or at the clear level, not just above the threshold', () => {
    const open = { battery_low: true, battery_critical: true };
    expect(batteryChanges(open, 24, false, t)).toEqual([]);
    expect(batteryChanges(open, 25, false, t)).toEqual([
      { kind: 'battery_critical', change: 'cleared' },
      { kind: 'battery_low', change: 'cleared' },
    ]);
    expect(batteryChanges(open, 4, true, t)).toHaveLength(2);
  });
});
