import type { AlarmView } from '@aware/protocol';

/** For unit tests: a new, unacknowledged alarm of Utrecht pressed 2026-03-01 10:00 UTC, with `o` over it. */
export function alarmView(id: string, o: Partial<AlarmView> = {}): AlarmView {
  return {
    id,
    deviceId: `dev-${id}`,
    deviceAlarmId: null,
    state: 'new',
    region: 'utrecht',
    pressedAt: '2026-03-01T10:00:00.000Z',
    receivedAt: '2026-03-01T10:00:00.000Z',
    pressCount: 1,
    battery: 80,
    lastFix: null,
    flags: { invalidPayload: false, noFix: false, unassigned: false, reusedKey: false, test: false },
    escalatedAt: null,
    confirmedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    dispatchUnit: null,
    resolvedAt: null,
    outcome: null,
    dossier: null,
    ...o,
  };
}
