import { TECHNICAL_ALARM_CHANNEL, type LiveEvent, type TechnicalAlarmView, type TechnicalKind } from '@aware/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { start } from '../src/start.js';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { api } from './helpers/http.js';
import { createUser, type TestUser } from './helpers/people.js';
import { dispatchEnv, startStack, waitConnected, type Stack } from './helpers/stack.js';

type TechnicalEvent = Extract<LiveEvent, { type: 'technical' }>;
type Snapshot = Extract<LiveEvent, { type: 'snapshot' }>;

/**
 * Technical alarms as a Veilig Thuis operator handles them: a silent pendant appears on her board, she
 * takes it (every console sees who), looks up whom to call (access-logged), and records what was done;
 * it then leaves the board and stays in the history. The police never see any of it.
 */
describe('technical alarms on the Veilig Thuis board', () => {
  let stack: Stack;
  let operator: TestUser;
  let colleague: TestUser;
  let otherRegion: TestUser;
  let deviceAdmin: TestUser;
  let policeUser: TestUser;
  let vt: TestConsole;
  let vt2: TestConsole;
  let police: TestConsole;

  /** What ingest does when a pendant's condition begins or ends: the row and, in the same transaction, the notice. */
  async function raise(deviceId: string, kind: TechnicalKind): Promise<TechnicalAlarmView> {
    const { rows } = await stack.db.pool.query<{ id: string; opened_at: Date }>(
      `INSERT INTO technical_alarms (device_id, kind, client_id, region)
       SELECT d.id, $2, a.client_id, d.region FROM devices d JOIN device_assignments a ON a.device_id = d.id WHERE d.id = $1
       RETURNING id, opened_at`,
      [deviceId, kind],
    );
    const technical = { id: rows[0]!.id, deviceId, kind, openedAt: rows[0]!.opened_at.toISOString(), clearedAt: null, handling: null };
    await stack.db.pool.query('SELECT pg_notify($1, $2)', [TECHNICAL_ALARM_CHANNEL, JSON.stringify({ change: 'opened', technical, region: 'utrecht' })]);
    return technical;
  }

  async function recover(t: TechnicalAlarmView): Promise<void> {
    const { rows } = await stack.db.pool.query<{ cleared_at: Date }>(`UPDATE technical_alarms SET cleared_at = now() WHERE id = $1 RETURNING cleared_at`, [t.id]);
    const technical = { ...t, clearedAt: rows[0]!.cleared_at.toISOString() };
    await stack.db.pool.query('SELECT pg_notify($1, $2)', [TECHNICAL_ALARM_CHANNEL, JSON.stringify({ change: 'cleared', technical, region: 'utrecht' })]);
  }

  const change = (console: TestConsole, id: string, what: TechnicalEvent['change']) =>
    console.waitForEvent((e): e is TechnicalEvent => e.type === 'technical' && e.technical.id === id && e.change === what);

  async function boardOf(user: TestUser, baseWs = stack.wsUrl): Promise<TechnicalAlarmView[]> {
    const c = await openConsole(baseWs, user.token);
    const snapshot = await c.waitForEvent((e): e is Snapshot => e.type === 'snapshot');
    await c.close();
    return snapshot.technical;
  }

  beforeAll(async () => {
    stack = await startStack();
    operator = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'], displayName: 'Anouk Operator' });
    colleague = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: null, roles: ['vt_operator'] });
    otherRegion = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'amsterdam-amstelland', roles: ['vt_operator'] });
    deviceAdmin = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: null, roles: ['device_admin'] });
    policeUser = await createUser(stack.db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    vt = await openConsole(stack.wsUrl, operator.token);
    vt2 = await openConsole(stack.wsUrl, colleague.token);
    police = await openConsole(stack.wsUrl, policeUser.token);
    await createAssignedPendant(stack.db.pool, 'tech-silent-1', 'utrecht', 'Fatima Jansen');
    await stack.db.pool.query(`UPDATE clients SET preferred_contact = 'Alleen bellen tussen 9 en 17 uur' WHERE name = 'Fatima Jansen'`);
    await createAssignedPendant(stack.db.pool, 'tech-battery-1', 'utrecht');
  });

  afterAll(async () => {
    for (const c of [vt, vt2, police]) await c?.close();
    await stack?.stop();
  });

  it('takes a silent pendant: every Veilig Thuis console sees who took it; nobody takes it twice; the police see nothing', async () => {
    const silent = await raise('tech-silent-1', 'pendant_silent');
    expect((await change(vt, silent.id, 'opened')).technical.handling).toBeNull();

    // not hers to take: the police (not even visible), another region (not visible), a device administrator (visible, not handled)
    expect((await api(stack.httpUrl, 'POST', `/api/technical/${silent.id}/ack`, { token: policeUser.token })).status).toBe(404);
    expect((await api(stack.httpUrl, 'POST', `/api/technical/${silent.id}/ack`, { token: otherRegion.token })).status).toBe(404);
    expect((await api(stack.httpUrl, 'POST', `/api/technical/${silent.id}/ack`, { token: deviceAdmin.token })).status).toBe(403);

    const taken = await api(stack.httpUrl, 'POST', `/api/technical/${silent.id}/ack`, { token: operator.token });
    expect(taken.status).toBe(200);
    expect(taken.body.handling).toMatchObject({ acknowledgedBy: 'Anouk Operator', resolvedAt: null });
    expect((await change(vt2, silent.id, 'acknowledged')).technical.handling?.acknowledgedBy).toBe('Anouk Operator');
    const again = await api(stack.httpUrl, 'POST', `/api/technical/${silent.id}/ack`, { token: colleague.token });
    expect(again).toMatchObject({ status: 409, body: { code: 'DSP_ERR_TECHNICAL_STATE' } });
    expect(police.events.some((e) => e.type === 'technical')).toBe(false);
    expect((await boardOf(policeUser)).length).toBe(0);
  });

  it("gives the operator whom to call, with her contact wishes, and writes each read to the access log", async () => {
    const [silent] = (await boardOf(operator)).filter((t) => t.deviceId === 'tech-silent-1');
    const contact = await api(stack.httpUrl, 'GET', `/api/technical/${silent!.id}/contact`, { token: operator.token });
    expect(contact).toMatchObject({
      status: 200,
      body: { clientName: 'Fatima Jansen', phone: '06-12345678', address: 'Straat 1, Utrecht', preferredContact: 'Alleen bellen tussen 9 en 17 uur' },
    });
    expect((await api(stack.httpUrl, 'GET', `/api/technical/${silent!.id}/contact`, { token: deviceAdmin.token })).status).toBe(403);
    expect((await api(stack.httpUrl, 'GET', `/api/technical/${silent!.id}/contact`, { token: policeUser.token })).status).toBe(404);
    const { rows } = await stack.db.pool.query(`SELECT username, subject_type, subject_id, action, reason FROM access_log WHERE subject_id = $1`, [silent!.id]);
    expect(rows).toEqual([{ username: operator.username, subject_type: 'technical_alarm', subject_id: silent!.id, action: 'read', reason: `technical alarm ${silent!.id}` }]);
  });

  it('keeps a taken alarm on the board when the pendant recovers, until the operator records what was done', async () => {
    const [silent] = (await boardOf(operator)).filter((t) => t.deviceId === 'tech-silent-1');
    await recover(silent!);
    const cleared = await change(vt, silent!.id, 'cleared');
    expect(cleared.technical).toMatchObject({ clearedAt: expect.any(String), handling: { acknowledgedBy: 'Anouk Operator' } });
    expect((await boardOf(colleague)).map((t) => t.id)).toContain(silent!.id);

    const noNote = await api(stack.httpUrl, 'POST', `/api/technical/${silent!.id}/resolve`, { token: operator.token, body: { resolution: 'other' } });
    expect(noNote).toMatchObject({ status: 400, body: { code: 'DSP_ERR_BODY_INVALID' } });
    expect(noNote.body.message).toContain('note');
    const resolved = await api(stack.httpUrl, 'POST', `/api/technical/${silent!.id}/resolve`, {
      token: operator.token,
      body: { resolution: 'client_called', note: 'Hanger lag in de auto; <b>mevrouw</b> draagt hem weer' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.handling).toMatchObject({ resolution: 'client_called', resolvedBy: 'Anouk Operator' });
    // the note stays in the history: the feed also reaches device administrators
    expect((await change(vt2, silent!.id, 'resolved')).technical.handling).toMatchObject({ resolution: 'client_called', note: null });
    expect((await boardOf(operator)).map((t) => t.id)).not.toContain(silent!.id);
    expect((await api(stack.httpUrl, 'POST', `/api/technical/${silent!.id}/resolve`, { token: operator.token, body: { resolution: 'client_called' } })).status).toBe(404);
    // whom to call is need-to-know while it is on the board
    expect((await api(stack.httpUrl, 'GET', `/api/technical/${silent!.id}/contact`, { token: operator.token })).status).toBe(404);
  });

  it('lets an alarm nobody took leave the board by itself when the pendant recovers', async () => {
    const low = await raise('tech-battery-1', 'battery_low');
    await change(vt, low.id, 'opened');
    await recover(low);
    expect((await change(vt, low.id, 'cleared')).technical).toMatchObject({ handling: null, clearedAt: expect.any(String) });
    expect((await boardOf(operator)).map((t) => t.id)).not.toContain(low.id);
  });

  it('keeps every technical alarm in the history: what became of it, the note for Veilig Thuis operators only', async () => {
    const history = await api(stack.httpUrl, 'GET', '/api/technical/history?days=7', { token: operator.token });
    expect(history.status).toBe(200);
    const byDevice = new Map(history.body.technical.map((t: TechnicalAlarmView & { region: string }) => [t.deviceId, t]));
    expect(byDevice.get('tech-silent-1')).toMatchObject({
      kind: 'pendant_silent',
      region: 'utrecht',
      clearedAt: expect.any(String),
      handling: { acknowledgedBy: 'Anouk Operator', resolvedBy: 'Anouk Operator', resolution: 'client_called', note: 'Hanger lag in de auto; <b>mevrouw</b> draagt hem weer' },
    });
    expect(byDevice.get('tech-battery-1')).toMatchObject({ kind: 'battery_low', clearedAt: expect.any(String), handling: null });

    const forAdmin = await api(stack.httpUrl, 'GET', '/api/technical/history', { token: deviceAdmin.token });
    expect(forAdmin.body.technical.find((t: TechnicalAlarmView) => t.deviceId === 'tech-silent-1').handling).toMatchObject({ resolution: 'client_called', note: null });
    expect((await api(stack.httpUrl, 'GET', '/api/technical/history', { token: otherRegion.token })).body.technical).toEqual([]);
    expect((await api(stack.httpUrl, 'GET', '/api/technical/history', { token: policeUser.token })).status).toBe(403);
    expect((await api(stack.httpUrl, 'GET', '/api/technical/history?days=400', { token: operator.token })).status).toBe(400);
  });

  it('still shows a taken alarm after dispatch restarts (the board is read back from the database)', async () => {
    const critical = await raise('tech-battery-1', 'battery_critical');
    await change(vt, critical.id, 'opened');
    expect((await api(stack.httpUrl, 'POST', `/api/technical/${critical.id}/ack`, { token: colleague.token })).status).toBe(200);
    await recover(critical);
    await change(vt, critical.id, 'cleared');

    await stack.dispatch.stop();
    const pool = stack.db.newPool({ max: 4, applicationName: 'aware-dispatch' });
    stack.dispatch = await start(loadConfig(dispatchEnv(stack.mqttUrl, stack.journalDir)), { pool, logger: (await import('pino')).pino({ level: 'silent' }) });
    await waitConnected(stack.dispatch);
    const ws = stack.dispatch.address.replace('[::1]', '127.0.0.1').replace(/^http/, 'ws');
    const board = await boardOf(operator, ws);
    expect(board.find((t) => t.id === critical.id)).toMatchObject({ kind: 'battery_critical', clearedAt: expect.any(String), handling: { resolvedAt: null } });
  });
});
