import { describe, expect, it } from 'vitest';
import { Fix } from '@aware/protocol';
import { distanceM } from './geo.js';
import { Gps } from './gps.js';
import { TOWNS, homeLocation } from './homes.js';
import { seededRandom } from './random.js';

const TS = Date.UTC(2025, 5, 1);

function gps(seed: number, rates: { missingRate?: number; coarseRate?: number } = {}): Gps {
  const random = seededRandom(seed);
  return new Gps({ home: homeLocation(random, 'utrecht'), random, missingRate: 0, coarseRate: 0, ...rates }, 0);
}

describe('GPS and walk model', () => {
  it('walks exactly the distance asked, at walking pace, and no further', () => {
    const model = gps(1);
    const start = model.position;
    model.startWalk(300, 1.4, 0);
    model.advance((150 / 1.4) * 1000);
    expect(model.odometerM).toBeCloseTo(150, 6);
    expect(model.isWalking((150 / 1.4) * 1000)).toBe(true);
    model.advance(3_600_000);
    expect(model.odometerM).toBeCloseTo(300, 6);
    expect(model.isWalking(3_600_000)).toBe(false);
    const straight = distanceM(start, model.position);
    expect(straight).toBeLessThanOrEqual(300 + 1e-6);
    expect(straight).toBeGreaterThan(50);
  });

  it('stays put when not walking, while reported fixes drift a few metres', () => {
    const model = gps(2);
    const home = model.position;
    const fixes = [1, 2, 3, 4, 5].map((minute) => model.fix(minute * 60_000, TS));
    expect(model.position).toEqual(home);
    for (const fix of fixes) {
      expect(fix).toBeDefined();
      expect(distanceM(home, fix!)).toBeLessThan(50);
    }
    expect(new Set(fixes.map((f) => `${f!.lat},${f!.lon}`)).size).toBeGreaterThan(1);
  });

  it('sometimes has no fix and sometimes a coarse one, saying so in acc', () => {
    expect(gps(3, { missingRate: 1 }).fix(1000, TS)).toBeUndefined();
    const coarse = gps(4, { coarseRate: 1 }).fix(1000, TS);
    expect(coarse!.acc).toBeGreaterThanOrEqual(150);
    const model = gps(5, { missingRate: 0.2, coarseRate: 0.1 });
    const fixes = Array.from({ length: 500 }, (_, i) => model.fix(i * 1000, TS));
    const missing = fixes.filter((f) => f === undefined).length;
    expect(missing).toBeGreaterThan(50);
    expect(missing).toBeLessThan(150);
  });

  it('reports fixes the protocol accepts', () => {
    const model = gps(6, { missingRate: 0, coarseRate: 0.5 });
    model.startWalk(1000, 1.4, 0);
    for (let i = 1; i < 100; i++) {
      expect(Fix.safeParse(model.fix(i * 7000, TS)).success).toBe(true);
    }
  });

  it('puts homes in the province of Utrecht', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const home = homeLocation(random);
      expect(home.lat).toBeGreaterThan(51.9);
      expect(home.lat).toBeLessThan(52.3);
      expect(home.lon).toBeGreaterThan(4.78);
      expect(home.lon).toBeLessThan(5.65);
    }
    expect(distanceM(homeLocation(random, 'amersfoort'), TOWNS.amersfoort)).toBeLessThan(2200);
  });
});
