/**
 * The pendant's battery: a percentage that drains slowly when idle, faster while the GPS is on
 * (during an alarm), and fills on the charger. Pure: advance it with the time that passed.
 */
export interface Battery {
  /** 0..100, fractional: the device reports it rounded. */
  percent: number;
  charging: boolean;
}

export const BATTERY_RATES = Object.freeze({
  /** Idle drain: a full battery lasts about five days of heartbeats. */
  idlePctPerHour: 0.8,
  /** Extra drain while the GPS receiver is on (alarm trail, locate). */
  gpsPctPerHour: 6,
  /** On the charger: empty to full in about two and a half hours. */
  chargePctPerHour: 40,
});

export interface BatteryLoad {
  gpsOn: boolean;
}

const MS_PER_HOUR = 3_600_000;

export function advanceBattery(battery: Battery, elapsedMs: number, load: BatteryLoad): Battery {
  if (elapsedMs <= 0) return battery;
  const hours = elapsedMs / MS_PER_HOUR;
  const drain = BATTERY_RATES.idlePctPerHour + (load.gpsOn ? BATTERY_RATES.gpsPctPerHour : 0);
  const rate = battery.charging ? BATTERY_RATES.chargePctPerHour : -drain;
  return { percent: clampPercent(battery.percent + rate * hours), charging: battery.charging };
}

/** What the pendant reports: a whole percentage 0..100. */
export function reportedPercent(battery: Battery): number {
  return Math.round(clampPercent(battery.percent));
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}
