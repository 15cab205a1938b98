import { technicalWaiting, type TechnicalAlarmView } from '@aware/protocol';

const KIND_RANK: Readonly<Record<TechnicalAlarmView['kind'], number>> = { pendant_silent: 0, battery_critical: 1, battery_low: 2 };

/**
 * The technical alarms in the order to handle them: nobody took it yet, then taken; within each a silent
 * pendant (a person without protection) before a critical battery before a low one; then the oldest first.
 */
export function byTechnicalUrgency(list: Iterable<TechnicalAlarmView>): TechnicalAlarmView[] {
  return [...list].sort(
    (a, b) =>
      Number(!technicalWaiting(a)) - Number(!technicalWaiting(b)) ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      Date.parse(a.openedAt) - Date.parse(b.openedAt) ||
      a.id.localeCompare(b.id),
  );
}
