import type { AlarmView } from '@aware/protocol';
import { describe, expect, it } from 'vitest';
import { openByUrgency } from './urgency.js';

const alarm = (id: string, o: Partial<AlarmView>): AlarmView => ({
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
});

describe('the board order', () => {
  it('puts escalated unacknowledged alarms first, then unacknowledged, acknowledged, dispatched; resolved ones not at all', () => {
    const order = openByUrgency([
      alarm('dispatched', { state: 'dispatched' }),
      alarm('resolved', { state: 'resolved' }),
      alarm('ack', { state: 'acknowledged', escalatedAt: '2026-03-01T10:00:30.000Z' }),
      alarm('new', {}),
      alarm('escalated', { escalatedAt: '2026-03-01T10:00:30.000Z', pressedAt: '2026-03-01T10:05:00.000Z' }),
    ]).map((a) => a.id);
    expect(order).toEqual(['escalated', 'new', 'ack', 'dispatched']);
  });

  it('puts the one waiting longest first within a state', () => {
    const order = openByUrgency([
      alarm('later', { pressedAt: '2026-03-01T10:02:00.000Z' }),
      alarm('earlier', { pressedAt: '2026-03-01T10:01:00.000Z' }),
    ]).map((a) => a.id);
    expect(order).toEqual(['earlier', 'later']);
  });
});
