import { describe, expect, it } from 'vitest';
import { LiveClientMessage, LiveEvent, type AlarmView } from './live.js';
import { AcknowledgeBody, DispatchBody, ResolveBody } from './http.js';
import { PresenceEvent, presenceTopic } from './presence.js';

const at = '2026-11-22T12:00:00.000Z';
const alarm: AlarmView = {
  id: '5d0c1f6e-3c1a-4f3e-9d55-0d7f1b2a9e10',
  deviceId: 'pd-000123',
  deviceAlarmId: '01JD5Q3K7M9X2B4C',
  state: 'new',
  region: 'utrecht',
  pressedAt: at,
  receivedAt: at,
  pressCount: 1,
  battery: 80,
  lastFix: { lat: 52.09, lon: 5.12, acc: 12, at },
  flags: { invalidPayload: false, noFix: false, unassigned: false, reusedKey: false, test: false },
  escalatedAt: null,
  confirmedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  dispatchUnit: null,
  resolvedAt: null,
  outcome: null,
  dossier: {
    clientId: 'c1',
    clientName: 'A. de Vries',
    address: 'Oudegracht 1, Utrecht',
    phone: '+31 6 12345678',
    riskNotes: 'Ex-partner, eerdere mishandeling',
    perpetrators: [{ name: 'B. Jansen', relation: 'ex-partner', description: '1.85 m, kaal', vehicle: 'grijze VW Golf' }],
    orders: [{ kind: 'contactverbod', from: '2026-10-01', until: null, reference: 'OM-2026-1' }],
    policeReferences: ['PL0900-2026123456'],
    restricted: false,
  },
};

describe('live feed', () => {
  it('accepts every server event kind', () => {
    const events: unknown[] = [
      { type: 'snapshot', seq: 10, alarms: [alarm], technical: [] },
      { type: 'alarm', seq: 11, change: 'opened', actor: null, alarm },
      { type: 'trail', seq: 12, alarmId: alarm.id, point: { lat: 52.1, lon: 5.1, acc: 8, at } },
      {
        type: 'technical',
        seq: 13,
        change: 'opened',
        technical: { id: 't1', deviceId: 'pd-000123', kind: 'pendant_silent', openedAt: at, clearedAt: null, handling: null },
      },
      { type: 'notification', seq: 14, alarmId: alarm.id, target: 'police-gms', state: 'dead', attempts: 8 },
      { type: 'ping', at },
    ];
    for (const event of events) expect(LiveEvent.safeParse(event).success).toBe(true);
  });

  it('rejects an alarm event with an unknown state or without a sequence', () => {
    expect(LiveEvent.safeParse({ type: 'alarm', seq: 1, change: 'opened', actor: null, alarm: { ...alarm, state: 'lost' } }).success).toBe(false);
    expect(LiveEvent.safeParse({ type: 'alarm', change: 'opened', actor: null, alarm }).success).toBe(false);
  });

  it('accepts a resume request from a reconnecting console and nothing else', () => {
    expect(LiveClientMessage.safeParse({ type: 'resume', sinceSeq: 42 }).success).toBe(true);
    expect(LiveClientMessage.safeParse({ type: 'resume', sinceSeq: -1 }).success).toBe(false);
    expect(LiveClientMessage.safeParse({ type: 'subscribe', region: '*' }).success).toBe(false);
  });
});

describe('alarm action bodies', () => {
  it('accepts dispatch with a unit and resolve with a known outcome', () => {
    expect(DispatchBody.safeParse({ unit: 'UT-21', note: 'twee eenheden' }).success).toBe(true);
    expect(ResolveBody.safeParse({ outcome: 'false_alarm' }).success).toBe(true);
    expect(AcknowledgeBody.safeParse({}).success).toBe(true);
  });

  it('rejects an empty unit, an unknown outcome, extra fields and control characters', () => {
    expect(DispatchBody.safeParse({ unit: '' }).success).toBe(false);
    expect(ResolveBody.safeParse({ outcome: 'nevermind' }).success).toBe(false);
    expect(AcknowledgeBody.safeParse({ note: 'ok', state: 'resolved' }).success).toBe(false);
    expect(DispatchBody.safeParse({ unit: 'UT\u001b[2J' }).success).toBe(false);
  });

  it('keeps HTML in a note as plain text rather than rejecting or altering it', () => {
    const parsed = DispatchBody.parse({ unit: 'UT-21', note: '<img src=x onerror=alert(1)>' });
    expect(parsed.note).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('presence', () => {
  it('accepts broker presence events on their own topic root', () => {
    expect(presenceTopic('pd-000123')).toBe('aware/v1/presence/pd-000123');
    const event = { deviceId: 'pd-000123', state: 'offline', reason: 'keepalive_timeout', ts: Date.UTC(2026, 10, 22) };
    expect(PresenceEvent.safeParse(event).success).toBe(true);
    expect(PresenceEvent.safeParse({ ...event, reason: 'bored' }).success).toBe(false);
  });
});
