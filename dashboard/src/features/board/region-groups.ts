import type { AlarmView } from '@aware/protocol';

export interface RegionGroup {
  readonly region: string | null;
  /** The group's alarms on the board, in the order given (most urgent first). */
  readonly alarms: AlarmView[];
}

export interface RegionCount {
  readonly open: number;
  readonly waiting: number;
}

/** From this many open alarms in more than one region, the board groups them by region (a mass event). */
export const GROUP_FROM = 10;

export function shouldGroup(open: readonly AlarmView[]): boolean {
  return open.length >= GROUP_FROM && new Set(open.map((a) => a.region)).size > 1;
}

/**
 * Alarms sorted by urgency, grouped by region: a group's place is that of its most urgent alarm, so the
 * first card on the board is still the most urgent of all; within a group the order stays.
 */
export function groupByRegion(sorted: readonly AlarmView[]): RegionGroup[] {
  const groups = new Map<string | null, AlarmView[]>();
  for (const a of sorted) {
    const list = groups.get(a.region);
    if (list) list.push(a);
    else groups.set(a.region, [a]);
  }
  return [...groups].map(([region, alarms]) => ({ region, alarms }));
}

/** Per region: open alarms and those nobody acknowledged yet (of all alarms, also those not shown as cards). */
export function countByRegion(open: readonly AlarmView[]): Map<string | null, RegionCount> {
  const counts = new Map<string | null, { open: number; waiting: number }>();
  for (const a of open) {
    const c = counts.get(a.region) ?? { open: 0, waiting: 0 };
    c.open += 1;
    if (a.state === 'new') c.waiting += 1;
    counts.set(a.region, c);
  }
  return counts;
}
