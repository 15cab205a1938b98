import { describe, expect, it } from 'vitest';
import { BatteryPercent } from '@aware/protocol';
import { BATTERY_RATES, advanceBattery, reportedPercent } from './battery.js';

const HOUR = 3_600_000;

describe('battery model', () => {
  it('drains at the idle rate when the GPS is off', () => {
    const after = advanceBattery({ percent: 80, charging: false }, 10 * HOUR, { gpsOn: false });
    expect(after.percent).toBeCloseTo(80 - 10 * BATTERY_RATES.idlePctPerHour, 6);
  });

  it('drains faster while the GPS is on', () => {
    const idle = advanceBattery({ percent: 80, charging: false }, HOUR, { gpsOn: false });
    const gps = advanceBattery({ percent: 80, charging: false }, HOUR, { gpsOn: true });
    expect(gps.percent).toBeLessThan(idle.percent);
  });

  it('charges on the charger and stops at 100', () => {
    const charged = advanceBattery({ percent: 10, charging: true }, 10 * HOUR, { gpsOn: true });
    expect(charged).toEqual({ percent: 100, charging: true });
  });

  it('never goes below 0 and reports a whole percentage the protocol accepts', () => {
    const flat = advanceBattery({ percent: 1, charging: false }, 100 * HOUR, { gpsOn: true });
    expect(flat.percent).toBe(0);
    for (const percent of [0, 0.4, 49.5, 99.6, 100]) {
      expect(BatteryPercent.safeParse(reportedPercent({ percent, charging: false })).success).toBe(true);
    }
  });

  it('does not change when no time passed', () => {
    const battery = { percent: 55, charging: false };
    expect(advanceBattery(battery, 0, { gpsOn: true })).toBe(battery);
  });
});
