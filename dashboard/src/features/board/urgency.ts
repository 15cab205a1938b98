import type { AlarmView } from '@aware/protocol';

/**
 * Most urgent first: unacknowledged and escalated, unacknowledged, acknowledged, a unit on its way;
 * within each, the one waiting longest (earliest press) first. Resolved alarms are not on the board.
 */
export function urgencyRank(a: AlarmView): number {
  if (a.state === 'new') return a.escalatedAt ? 0 : 1;
  if (a.state === 'acknowledged') return 2;
  if (a.state === 'dispatched') return 3;
  return 4;
}

export function byUrgency(a: AlarmView, b: AlarmView): number {
  return urgencyRank(a) - urgencyRank(b) || Date.parse(a.pressedAt) - Date.parse(b.pressedAt) || a.id.localeCompare(b.id);
}

export function openByUrgency(alarms: Iterable<AlarmView>): AlarmView[] {
  return [...alarms].filter((a) => a.state !== 'resolved').sort(byUrgency);
}
