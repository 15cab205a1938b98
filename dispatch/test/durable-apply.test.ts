import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmIdFor } from '../src/alarms/ids.js';
import { applyBatch } from '../src/durable/db-batch.js';
import type { DurableWrite } from '../src/durable/writes.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { createUser, type TestUser } from './helpers/people.js';

const opened = (deviceId: string, key: string, at: number): DurableWrite => ({
  kind: 'alarm_opened',
  alarm: {
    id: alarmIdFor(deviceId, key),
    deviceId,
    deviceAlarmId: key,
    clientId: null,
    assignmentId: null,
    region: 'utrecht',
    isTest: false,
    flags: { invalidPayload: false, noFix: false, unassigned: true, reusedKey: false, test: false },
    pressedAt: at,
    receivedAt: at,
    battery: 50,
    fix: { lat: 52, lon: 5, acc: 10, fixAt: at },
    firstConsoleAt: at + 1,
  },
  press: { key, pressedAt: at, receivedAt: at, attempt: 1 },
  outbox: [{ target: 'cad', format: 'json', topic: 'alarm.opened', dedupeKey: `${alarmIdFor(deviceId, key)}:opened`, payload: { x: 1 } }],
});

describe('durable writes in PostgreSQL', () => {
  let db: TestDatabase;
  let user: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await createAssignedPendant(db.pool, 'pendant-apply-1', 'utrecht');
    await createAssignedPendant(db.pool, 'pendant-apply-2', 'utrecht');
    user = await createUser(db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
  });

  afterAll(() => db?.close());

  it('keep one pendant\'s order inside a batch (resolve, then the next alarm opens) and apply exactly once when replayed', async () => {
    const t = Date.now();
    const a = alarmIdFor('pendant-apply-1', 'press-aaaa-1');
    const b = alarmIdFor('pendant-apply-1', 'press-bbbb-2');
    const actor = { userId: user.userId, name: 'Agent' };
    const batch: DurableWrite[] = [
      opened('pendant-apply-1', 'press-aaaa-1', t),
      opened('pendant-apply-2', 'press-cccc-3', t),
      { kind: 'alarm_confirmed', alarmId: a, deviceId: 'pendant-apply-1', at: t + 5 },
      { kind: 'press_attached', alarmId: a, deviceId: 'pendant-apply-1', press: { key: 'press-aaaa-9', pressedAt: t + 6, receivedAt: t + 6, attempt: null }, pressCount: 2, battery: 49, fix: { lat: 52.1, lon: 5.1, acc: 5, fixAt: t + 6 }, invalidPayload: false },
      { kind: 'trail_appended', alarmId: a, deviceId: 'pendant-apply-1', fix: { lat: 52.2, lon: 5.2, acc: 5, fixAt: t + 7 }, receivedAt: t + 7, battery: null },
      { kind: 'alarm_acknowledged', alarmId: a, deviceId: 'pendant-apply-1', at: t + 8, actor, note: 'ok', outbox: [] },
      { kind: 'alarm_resolved', alarmId: a, deviceId: 'pendant-apply-1', at: t + 9, actor, outcome: 'false_alarm', note: null, outbox: [] },
      opened('pendant-apply-1', 'press-bbbb-2', t + 10),
      { kind: 'access_logged', entries: [{ at: t + 11, userId: user.userId, username: user.username, organisation: 'police', role: 'police_operator', alarmId: b, clientId: '00000000-0000-4000-8000-000000000000', ip: '127.0.0.1', channel: 'live' }] },
    ];
    const snapshot = async () =>
      (
        await db.pool.query(
          `SELECT (SELECT json_agg(json_build_object('id', id, 'state', state, 'presses', press_count, 'lat', last_lat, 'confirmed', confirmed_at IS NOT NULL) ORDER BY received_at, id) FROM alarms) AS alarms,
                  (SELECT count(*)::int FROM alarm_events) AS events, (SELECT count(*)::int FROM alarm_presses) AS presses,
                  (SELECT count(*)::int FROM alarm_trail) AS trail, (SELECT count(*)::int FROM outbox) AS outbox,
                  (SELECT count(*)::int FROM access_log) AS access`,
        )
      ).rows[0];
    await applyBatch(db.pool, batch, 5_000);
    const first = await snapshot();
    expect(first.alarms).toEqual([
      { id: a, state: 'resolved', presses: 2, lat: 52.2, confirmed: true },
      expect.objectContaining({ state: 'new', presses: 1 }),
      { id: b, state: 'new', presses: 1, lat: 52, confirmed: false },
    ]);
    expect(first).toMatchObject({ events: 7, presses: 4, trail: 5, outbox: 3, access: 1 });
    await applyBatch(db.pool, batch, 5_000);
    for (const w of batch) await applyBatch(db.pool, [w], 5_000);
    expect(await snapshot()).toEqual(first);
  });
});
