import { describe, expect, it } from 'vitest';
import { openByUrgency } from './urgency.js';
import { alarmView } from '../../live/alarm-view-fixture.js';

const alarm = alarmView;

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
