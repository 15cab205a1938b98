import type { TechnicalKind } from '@aware/protocol';

export interface BatteryThresholds {
  batteryLowPct: number;
  batteryCriticalPct: number;
  batteryClearPct: number;
}

export interface BatteryChange {
  kind: Extract<TechnicalKind, 'battery_low' | 'battery_critical'>;
  change: 'opened' | 'cleared';
}

/**
 * One event per episode, not per heartbeat: an episode opens when the level drops below its
 * threshold and ends only when the pendant charges or reports at least `batteryClearPct`
 * (hysteresis, so a level that wobbles around 20 % does not flap).
 */
export function batteryChanges(
  open: Readonly<Record<'battery_low' | 'battery_critical', boolean>>,
  battery: number,
  charging: boolean,
  t: BatteryThresholds,
): BatteryChange[] {
  const changes: BatteryChange[] = [];
  if (charging || battery >= t.batteryClearPct) {
    if (open.battery_critical) changes.push({ kind: 'battery_critical', change: 'cleared' });
    if (open.battery_low) changes.push({ kind: 'battery_low', change: 'cleared' });
    return changes;
  }
  if (battery < t.batteryLowPct && !open.battery_low) changes.push({ kind: 'battery_low', change: 'opened' });
  if (battery < t.batteryCriticalPct && !open.battery_critical) {
    changes.push({ kind: 'battery_critical', change: 'opened' });
  }
  return changes;
}
