import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant, type TestPendant } from './helpers/dossiers.js';
import { api } from './helpers/http.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser, type TestUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const ORDERS = [
  { kind: 'tijdelijk_huisverbod', from: '2026-10-01', until: '2026-10-28', reference: 'THV-2026-0412' },
  { kind: 'contactverbod', from: '2026-11-01', until: null, reference: 'OM-2026-88' },
];

/**
 * What the control room needs in the first seconds, on the dossier card of an alarm: the perpetrator's
 * photo (served like the client's: only while the alarm is open, access-logged), the protective orders
 * and police registrations of the approved application, and a notice when a record is restricted.
 */
describe('the dossier card: orders, police registrations, the perpetrator photo and restriction', () => {
  let stack: Stack;
  let police: TestUser;
  let board: TestConsole;
  let holder: TestPendant;
  let pendant: TestPendantClient;
  let perpetratorId: string;

  beforeAll(async () => {
    stack = await startStack();
    const pool = stack.db.pool;
    holder = await createAssignedPendant(pool, 'pendant-card-1', 'utrecht', 'Noor Visser');
    const { rows } = await pool.query<{ id: string }>(`UPDATE perpetrators SET photo = $2, photo_mime = 'image/png' WHERE client_id = $1 RETURNING id`, [holder.clientId, PNG]);
    perpetratorId = rows[0]!.id;
    const content = { kind: 'initial', grounds: { orders: ORDERS }, policeReferences: ['PL0900-2026123456', 'PL0900-2026654321'] };
    const caseWorker = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    await pool.query(`INSERT INTO applications (client_id, region, status, content, created_by, submitted_at, decided_at) VALUES ($1, 'utrecht', 'approved', $2, $3, now(), now())`, [
      holder.clientId,
      JSON.stringify(content),
      caseWorker.userId,
    ]);
    police = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    await waitFor(() => (stack.dispatch.context.directory.get(holder.id)?.assignment?.dossier.orders.length ?? 0) > 0 || null, 5_000, 'the directory to learn of the application');
    board = await openConsole(stack.wsUrl, police.token);
    pendant = await connectPendant(stack.mqttUrl, holder);
  });

  afterAll(async () => {
    await board?.close();
    await pendant?.close();
    await stack?.stop();
  });

  it('carries the orders and police registrations of the approved application, and the perpetrator photo while the alarm is open', async () => {
    const alarmId = await pendant.press();
    const alarm = await board.waitForAlarm((a) => a.deviceAlarmId === alarmId);
    expect(alarm.dossier).toMatchObject({ orders: ORDERS, policeReferences: ['PL0900-2026123456', 'PL0900-2026654321'], restricted: false });
    const url = alarm.dossier!.perpetrators[0]!.photoUrl;
    expect(url).toBe(`/api/perpetrators/${perpetratorId}/photo`);
    const response = await fetch(`${stack.httpUrl}${url}`, { headers: { authorization: `Bearer ${police.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
    await waitFor(async () => {
      const { rows } = await stack.db.pool.query(`SELECT 1 FROM access_log WHERE subject_id = $1 AND user_id = $2 AND details->>'channel' = 'photo'`, [alarm.id, police.userId]);
      return rows.length > 0 || null;
    }, 5_000, 'the photo in the access log');

    // resolved: the photo is gone for everyone
    expect((await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/resolve`, { token: police.token, body: { outcome: 'test' } })).status).toBe(200);
    expect((await fetch(`${stack.httpUrl}${url}`, { headers: { authorization: `Bearer ${police.token}` } })).status).toBe(404);
  });

  it('says so on the card of an open alarm when a record is restricted by a privacy request, at once', async () => {
    const alarmId = await pendant.press();
    const alarm = await board.waitForAlarm((a) => a.deviceAlarmId === alarmId && a.state === 'new');
    expect(alarm.dossier?.restricted).toBe(false);
    await stack.db.pool.query(`UPDATE perpetrators SET restricted_at = now(), restriction_reason = 'betwist' WHERE id = $1`, [perpetratorId]);
    await board.waitForAlarm((a) => a.id === alarm.id && a.dossier?.restricted === true, 5_000);
  });
});
