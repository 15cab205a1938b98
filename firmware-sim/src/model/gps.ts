import type { Fix } from '@aware/protocol';
import { moveM, offsetM, type LatLon } from './geo.js';
import { between, gaussian, type Random } from './random.js';

export interface GpsOptions {
  home: LatLon;
  random: Random;
  /** Chance that asking for a fix finds no satellites (indoors, in a pocket). */
  missingRate?: number;
  /** Chance of a coarse fix from the cell/wifi fallback: hundreds of metres off, and saying so in `acc`. */
  coarseRate?: number;
}

export const GPS_DEFAULTS = Object.freeze({
  missingRate: 0.1,
  coarseRate: 0.05,
  /** Walking pace of an adult, m/s. */
  walkSpeedMps: 1.4,
  /** Standstill drift: how far the reported position wanders (1 sigma, metres) and how slowly (s). */
  driftSigmaM: 6,
  driftTauS: 60,
});

/** Longest simulated step while walking, so the path bends rather than jumps. */
const WALK_STEP_S = 2;

/**
 * Where the wearer is and what the GPS receiver reports. The true position moves only while
 * walking; reported fixes add a slowly wandering error (drift), are sometimes missing and
 * sometimes coarse. Time is passed in (monotonic ms), so the model is pure and testable.
 */
export class Gps {
  position: LatLon;
  /** Metres walked in total. */
  odometerM = 0;
  private heading: number;
  private drift = { north: 0, east: 0 };
  private walk: { remainingM: number; speedMps: number } | null = null;
  private lastMs: number;
  private readonly random: Random;
  private readonly missingRate: number;
  private readonly coarseRate: number;

  constructor(options: GpsOptions, nowMs: number) {
    this.position = options.home;
    this.random = options.random;
    this.missingRate = options.missingRate ?? GPS_DEFAULTS.missingRate;
    this.coarseRate = options.coarseRate ?? GPS_DEFAULTS.coarseRate;
    this.heading = between(this.random, 0, 360);
    this.lastMs = nowMs;
  }

  /** Starts walking `meters` at `speedMps`; a walk already under way is replaced. */
  startWalk(meters: number, speedMps: number, nowMs: number): void {
    this.advance(nowMs);
    this.walk = meters > 0 ? { remainingM: meters, speedMps } : null;
  }

  isWalking(nowMs: number): boolean {
    this.advance(nowMs);
    return this.walk !== null;
  }

  /** Moves the model forward to `nowMs`. */
  advance(nowMs: number): void {
    const elapsedS = (nowMs - this.lastMs) / 1000;
    if (elapsedS <= 0) return;
    this.lastMs = nowMs;
    let left = elapsedS;
    while (this.walk && left > 0) {
      const stepS = Math.min(WALK_STEP_S, left, this.walk.remainingM / this.walk.speedMps);
      const stepM = Math.min(this.walk.remainingM, this.walk.speedMps * stepS);
      this.heading = (this.heading + gaussian(this.random) * 15 + 360) % 360;
      this.position = moveM(this.position, this.heading, stepM);
      this.odometerM += stepM;
      this.walk.remainingM -= stepM;
      left -= stepS;
      if (this.walk.remainingM <= 1e-9) this.walk = null;
    }
    this.wander(elapsedS);
  }

  /** A fix as the receiver reports it now, or undefined when it has none. */
  fix(nowMs: number, deviceTs: number): Fix | undefined {
    this.advance(nowMs);
    const roll = this.random();
    if (roll < this.missingRate) return undefined;
    if (roll < this.missingRate + this.coarseRate) {
      const acc = between(this.random, 150, 1500);
      const at = offsetM(this.position, (gaussian(this.random) * acc) / 2, (gaussian(this.random) * acc) / 2);
      return toFix(at, acc, deviceTs);
    }
    const acc = 3 + Math.abs(gaussian(this.random)) * 7 + (this.walk ? 3 : 0);
    const at = offsetM(this.position, this.drift.north, this.drift.east);
    return toFix(at, acc, deviceTs);
  }

  /** Ornstein-Uhlenbeck step of the error: correlated in time, bounded in size. */
  private wander(elapsedS: number): void {
    const keep = Math.exp(-elapsedS / GPS_DEFAULTS.driftTauS);
    const noise = GPS_DEFAULTS.driftSigmaM * Math.sqrt(1 - keep * keep);
    this.drift = {
      north: this.drift.north * keep + gaussian(this.random) * noise,
      east: this.drift.east * keep + gaussian(this.random) * noise,
    };
  }
}

function toFix(at: LatLon, acc: number, ts: number): Fix {
  return {
    lat: Math.round(at.lat * 1e6) / 1e6,
    lon: Math.round(at.lon * 1e6) / 1e6,
    acc: Math.round(acc * 10) / 10,
    ts,
  };
}
