import { describe, expect, it } from 'vitest';
import { BATTERY_BUCKETS, FleetSummary, HealthHour } from './health.js';

const summary = {
  total: 4,
  assigned: 3,
  online: 2,
  offline: 1,
  neverSeen: 1,
  silent: 1,
  batteryLow: 1,
  batteryCritical: 0,
  battery: { '0-4': 0, '5-19': 1, '20-49': 0, '50-79': 1, '80-100': 1, unknown: 1 },
  at: '2025-06-01T12:00:00.000Z',
};

const hour = {
  hour: '2025-06-01T12:00:00.000Z',
  heartbeats: 118,
  expected: 120,
  batteryMin: 40,
  batteryMax: 42,
  batteryAvg: 41.2,
  rssiMin: -95,
  rssiAvg: -80.5,
  charging: false,
};

describe('fleet health shapes', () => {
  it('a fleet summary has a count for every battery bucket', () => {
    expect(FleetSummary.parse(summary)).toEqual(summary);
    const { unknown: _dropped, ...partial } = summary.battery;
    expect(FleetSummary.safeParse({ ...summary, battery: partial }).success).toBe(false);
    expect(Object.keys(summary.battery)).toEqual([...BATTERY_BUCKETS]);
  });

  it('an hour without heartbeats has nulls, and no shape carries a location', () => {
    const empty = { ...hour, heartbeats: 0, batteryMin: null, batteryMax: null, batteryAvg: null, rssiMin: null, rssiAvg: null, charging: null };
    expect(HealthHour.parse(empty)).toEqual(empty);
    expect(HealthHour.safeParse({ ...hour, lat: 52.1, lon: 5.1 }).success).toBe(false);
    expect(FleetSummary.safeParse({ ...summary, lastFix: { lat: 52.1, lon: 5.1 } }).success).toBe(false);
  });

  it('reject negative counts and impossible battery levels', () => {
    expect(FleetSummary.safeParse({ ...summary, online: -1 }).success).toBe(false);
    expect(HealthHour.safeParse({ ...hour, batteryMax: 101 }).success).toBe(false);
  });
});
