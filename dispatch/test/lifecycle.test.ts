import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmDetail, AlarmLatencyReport, ErrorBody, type LiveEvent } from '@aware/protocol';
import { isAlarmEvent, openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant, type TestPendant } from './helpers/dossiers.js';
import { api } from './helpers/http.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser, type TestUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

describe('the alarm lifecycle over HTTP', () => {
  let stack: Stack;
  let police: TestUser;
  let vt: TestUser;
  let elsewhere: TestUser;
  let caseworker: TestUser;
  let board: TestConsole;
  let p1: TestPendant;
  let pendant: TestPendantClient;

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_ESCALATION_MS: '400' });
    const pool = stack.db.pool;
    p1 = await createAssignedPendant(pool, 'pendant-life-1', 'utrecht');
    police = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], displayName: 'Agent de Vries' });
    vt = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    elsewhere = await createUser(pool, { organisation: 'police', region: 'haaglanden', roles: ['police_operator'] });
    caseworker = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    board = await openConsole(stack.wsUrl, police.token);
    pendant = await connectPendant(stack.mqttUrl, p1);
  });

  afterAll(async () => {
    await board?.close();
    await pendant?.close();
    await stack?.stop();
  });

  const openAlarm = async () => {
    const alarmId = await pendant.press({ fix: { lat: 52.09, lon: 5.12, acc: 10 } });
    return board.waitForAlarm((a) => a.deviceAlarmId === alarmId);
  };

  it('escalates an alarm nobody acknowledged in time, on the consoles and in the database', async () => {
    const alarm = await openAlarm();
    const escalated = await board.waitForEvent(
      (e): e is Extract<LiveEvent, { type: 'alarm' }> => isAlarmEvent(e) && e.change === 'escalated' && e.alarm.id === alarm.id,
      3_000,
    );
    expect(escalated.alarm.escalatedAt).not.toBeNull();
    await waitFor(async () => (await stack.db.pool.query(`SELECT escalated_at FROM alarms WHERE id = $1`, [alarm.id])).rows[0]?.escalated_at);
    await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/resolve`, { token: police.token, body: { outcome: 'test' } });
  });

  it('goes new -> acknowledged -> dispatched -> resolved, each an event with actor and time, and tells the pendant', async () => {
    const alarm = await openAlarm();
    const ack = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/ack`, { token: police.token, body: { note: 'on it' } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Agent de Vries' });
    await pendant.waitForCommand((c) => c.type === 'operator_acknowledged' && c.alarmId === alarm.deviceAlarmId);
    const again = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/ack`, { token: vt.token, body: {} });
    expect(again.status).toBe(409);
    expect(ErrorBody.parse(again.body).code).toBe('DSP_ERR_ALARM_STATE');

    const vtDispatch = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/dispatch`, { token: vt.token, body: { unit: 'VT-1' } });
    expect(vtDispatch.status).toBe(403);
    const dispatched = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/dispatch`, { token: police.token, body: { unit: 'Unit 12-03' } });
    expect(dispatched.body).toMatchObject({ state: 'dispatched', dispatchUnit: 'Unit 12-03' });
    const resolved = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/resolve`, { token: vt.token, body: { outcome: 'police_on_scene', note: '<b>safe</b>' } });
    expect(resolved.body).toMatchObject({ state: 'resolved', outcome: 'police_on_scene' });
    await board.waitForEvent((e): e is LiveEvent => isAlarmEvent(e) && e.change === 'resolved' && e.alarm.id === alarm.id);
    expect(board.board().has(alarm.id)).toBe(false);

    const { rows } = await stack.db.pool.query(`SELECT change, actor, actor_user_id, payload FROM alarm_events WHERE alarm_id = $1 ORDER BY at, id`, [alarm.id]);
    // `confirmed` (the pendant was told) may come before or after the operator's acknowledgement
    const lifecycle = rows.filter((r) => r.change !== 'confirmed');
    expect(lifecycle.map((r) => r.change)).toEqual(['opened', 'acknowledged', 'dispatched', 'resolved']);
    expect(rows.filter((r) => r.change === 'confirmed')).toHaveLength(1);
    expect(lifecycle[1]).toMatchObject({ actor: 'Agent de Vries', actor_user_id: police.userId, payload: { note: 'on it' } });
    expect(lifecycle[3].payload).toEqual({ outcome: 'police_on_scene', note: '<b>safe</b>' });

    const detail = await api(stack.httpUrl, 'GET', `/api/alarms/${alarm.id}`, { token: police.token });
    const parsed = AlarmDetail.parse(detail.body);
    expect(parsed.alarm).toMatchObject({ state: 'resolved', lastFix: null, dossier: null });
    expect(parsed.trail).toEqual([]);
    expect(parsed.events.map((e) => e.change)).toContain('dispatched');
  });

  it('shows an open alarm with trail and dossier to the control rooms of its region only', async () => {
    const alarm = await openAlarm();
    const mine = await api(stack.httpUrl, 'GET', `/api/alarms/${alarm.id}`, { token: vt.token });
    expect(mine.status).toBe(200);
    expect(AlarmDetail.parse(mine.body)).toMatchObject({ alarm: { id: alarm.id, dossier: { clientId: p1.clientId } }, trail: [{ lat: 52.09 }] });
    const other = await api(stack.httpUrl, 'GET', `/api/alarms/${alarm.id}`, { token: elsewhere.token });
    expect(other.status).toBe(404);
    const list = await api(stack.httpUrl, 'GET', `/api/alarms`, { token: elsewhere.token });
    expect(list.body.alarms).toEqual([]);
    const listed = await api(stack.httpUrl, 'GET', `/api/alarms`, { token: police.token });
    expect(listed.body.alarms.map((a: { id: string }) => a.id)).toContain(alarm.id);
    const othersAck = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/ack`, { token: elsewhere.token, body: {} });
    expect(othersAck.status).toBe(404);
    await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/ack`, { token: police.token, body: {} });
  });

  it("serves no browser on dispatch's own port: a foreign origin, or a state change riding on the session cookie, is refused", async () => {
    const alarm = [...board.board().values()][0]!;
    const before = alarm.state;
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${stack.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    const cookie = { cookie: `aware_session=${police.token}` };
    for (const path of [`/api/alarms/${alarm.id}/ack`, `/%61pi/alarms/${alarm.id}/ack`]) {
      const viaCookie = await post(path, cookie);
      expect({ path, status: viaCookie.status, code: ((await viaCookie.json()) as { code: string }).code }).toEqual({ path, status: 403, code: 'DSP_ERR_FORBIDDEN' });
      const foreign = await post(path, { authorization: `Bearer ${police.token}`, origin: 'https://evil.example' });
      expect({ path, status: foreign.status }).toEqual({ path, status: 403 });
    }
    expect(board.board().get(alarm.id)?.state).toBe(before);
    // reading with the cookie is fine; a tool acts with a bearer token (and reaches the route: already acknowledged)
    expect((await fetch(`${stack.httpUrl}/api/alarms/${alarm.id}`, { headers: cookie })).status).toBe(200);
    expect((await post(`/api/alarms/${alarm.id}/ack`, { authorization: `Bearer ${police.token}` })).status).toBe(before === 'new' ? 200 : 409);
  });

  it('refuses unauthenticated requests and roles without need-to-know, with DSP_ERR codes', async () => {
    const alarm = [...board.board().values()][0]!;
    const cases: [string, 'GET' | 'POST', string, string | undefined, unknown, number, string][] = [
      ['no session', 'GET', '/api/alarms', undefined, undefined, 401, 'DSP_ERR_UNAUTHENTICATED'],
      ['bogus session', 'GET', '/api/alarms', 'x'.repeat(40), undefined, 401, 'DSP_ERR_UNAUTHENTICATED'],
      ['case worker', 'GET', '/api/alarms', caseworker.token, undefined, 403, 'DSP_ERR_FORBIDDEN'],
      ['case worker detail', 'GET', `/api/alarms/${alarm.id}`, caseworker.token, undefined, 403, 'DSP_ERR_FORBIDDEN'],
      ['case worker ack', 'POST', `/api/alarms/${alarm.id}/ack`, caseworker.token, {}, 403, 'DSP_ERR_FORBIDDEN'],
      ['no session resolve', 'POST', `/api/alarms/${alarm.id}/resolve`, undefined, { outcome: 'test' }, 401, 'DSP_ERR_UNAUTHENTICATED'],
      ['bad outcome', 'POST', `/api/alarms/${alarm.id}/resolve`, police.token, { outcome: 'whatever' }, 400, 'DSP_ERR_BODY_INVALID'],
      ['unknown field', 'POST', `/api/alarms/${alarm.id}/dispatch`, police.token, { unit: 'x', extra: 1 }, 400, 'DSP_ERR_BODY_INVALID'],
      ['case worker report', 'GET', '/api/reports/alarm-latency', caseworker.token, undefined, 403, 'DSP_ERR_FORBIDDEN'],
    ];
    for (const [name, method, path, token, body, status, code] of cases) {
      const response = await api(stack.httpUrl, method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
      expect({ name, status: response.status, code: response.body?.code }).toEqual({ name, status, code });
      ErrorBody.parse(response.body);
    }
    await expect(openConsole(stack.wsUrl, caseworker.token)).rejects.toThrow(/HTTP 403/);
    await expect(openConsole(stack.wsUrl, 'y'.repeat(40))).rejects.toThrow(/HTTP 401/);
    const pending = await createUser(stack.db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], mfaPending: true });
    await expect(openConsole(stack.wsUrl, pending.token)).rejects.toThrow(/HTTP 401/);
  });

  it('reports press -> console, -> confirmation, -> acknowledgement, who acknowledged, and the share acknowledged within 60 and 180 s', async () => {
    const response = await api(stack.httpUrl, 'GET', '/api/reports/alarm-latency', { token: police.token });
    expect(response.status).toBe(200);
    const report = AlarmLatencyReport.parse(response.body);
    expect(report.summary.alarms).toBeGreaterThanOrEqual(3);
    expect(report.summary.acknowledged).toBeGreaterThanOrEqual(2);
    for (const a of report.alarms) {
      expect(a.pressToConsoleMs).not.toBeNull();
      expect(a.pressToConfirmationMs).not.toBeNull();
    }
    expect(report.summary.acknowledgedWithin60sShare).toBeGreaterThan(0);
    expect(report.summary.acknowledgedWithin180sShare).toBeGreaterThanOrEqual(report.summary.acknowledgedWithin60sShare!);
    expect(report.alarms.filter((a) => a.pressToAcknowledgeMs !== null).every((a) => a.acknowledgedBy !== null)).toBe(true);
  });
});
