import type { AlarmView } from '@aware/protocol';

/** What an operator calls an alarm: the client's name when there is a dossier, else the pendant. */
export function alarmLabel(a: AlarmView): string {
  return a.dossier?.clientName || a.deviceId;
}
