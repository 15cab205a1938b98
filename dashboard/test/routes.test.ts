import type { Pendant } from '@aware/firmware-sim';
import type { AlarmDetail, AlarmList } from '@aware/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './helpers/client.js';
import { liveHandshake, openConsole } from './helpers/live.js';
import { person, type Person } from './helpers/people.js';
import { assignedPendant, DEFAULT_DOSSIER } from './helpers/pendants.js';
import { press } from './helpers/press.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const HTML = '<script>alert(1)</script><b>vet</b>';

/**
 * Every API route of the one server (dashboard's own and dispatch's, mounted in it) against callers
 * without a session, with the wrong role, and across regions.
 */
describe('the API routes', () => {
  let stack: Stack;
  let people: Record<'police' | 'vtUtrecht' | 'vtAmsterdam' | 'deviceAdmin' | 'admin' | 'commissie' | 'caseworker', Person>;
  let utrechtAlarm: string;
  let amsterdamAlarm: string;
  const pendants: Pendant[] = [];

  beforeAll(async () => {
    stack = await startStack();
    const [police, vtUtrecht, vtAmsterdam, deviceAdmin, admin, commissie, caseworker] = await Promise.all([
      person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] }),
      person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] }),
      person(stack, { organisation: 'veilig_thuis', region: 'amsterdam-amstelland', roles: ['vt_operator'] }),
      person(stack, { organisation: 'veilig_thuis', region: null, roles: ['device_admin'] }),
      person(stack, { organisation: 'veilig_thuis', region: null, roles: ['admin'] }),
      person(stack, { organisation: 'moviera', region: 'utrecht', roles: ['commissie_member'] }),
      person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] }),
    ]);
    people = { police, vtUtrecht, vtAmsterdam, deviceAdmin, admin, commissie, caseworker };
    const utrecht = await assignedPendant(stack.pool, 'route-utr-1', 'utrecht', { ...DEFAULT_DOSSIER, riskNotes: HTML });
    const amsterdam = await assignedPendant(stack.pool, 'route-ams-1', 'amsterdam-amstelland', { ...DEFAULT_DOSSIER, clientName: 'Amsterdam Client' });
    const a = await press(stack, utrecht);
    const b = await press(stack, amsterdam, { lat: 52.37, lon: 4.89 });
    pendants.push(a.pendant, b.pendant);
    utrechtAlarm = a.alarm.id;
    amsterdamAlarm = b.alarm.id;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.stop()));
    await stack.stop();
  });

  type Who = keyof typeof people;
  const routes: { method: 'GET' | 'POST'; path: () => string; body?: unknown; allowed: Who; refused: Who[] }[] = [
    { method: 'GET', path: () => '/api/auth/session', allowed: 'commissie', refused: [] },
    { method: 'POST', path: () => '/api/auth/activity', allowed: 'commissie', refused: [] },
    { method: 'POST', path: () => '/api/auth/password', body: { current: 'x', next: 'y' }, allowed: 'commissie', refused: [] },
    { method: 'GET', path: () => '/api/regions', allowed: 'commissie', refused: [] },
    { method: 'GET', path: () => '/api/admin/users', allowed: 'admin', refused: ['police', 'deviceAdmin', 'vtUtrecht'] },
    { method: 'POST', path: () => '/api/admin/users', body: {}, allowed: 'admin', refused: ['police', 'deviceAdmin'] },
    { method: 'POST', path: () => `/api/admin/users/${people.police.issued.user.id}/unlock`, allowed: 'admin', refused: ['police', 'deviceAdmin'] },
    { method: 'GET', path: () => '/api/fleet/summary', allowed: 'deviceAdmin', refused: ['police', 'commissie', 'admin'] },
    { method: 'GET', path: () => '/api/fleet/pendants', allowed: 'vtUtrecht', refused: ['police', 'commissie', 'admin'] },
    { method: 'GET', path: () => '/api/fleet/technical', allowed: 'caseworker', refused: ['police', 'commissie', 'admin'] },
    { method: 'GET', path: () => '/api/alarms', allowed: 'police', refused: ['deviceAdmin', 'commissie', 'admin', 'caseworker'] },
    { method: 'GET', path: () => `/api/alarms/${utrechtAlarm}`, allowed: 'vtUtrecht', refused: ['deviceAdmin', 'commissie', 'admin', 'caseworker'] },
    { method: 'POST', path: () => `/api/alarms/${amsterdamAlarm}/ack`, body: {}, allowed: 'vtAmsterdam', refused: ['deviceAdmin', 'commissie', 'admin'] },
    { method: 'POST', path: () => `/api/alarms/${utrechtAlarm}/dispatch`, body: { unit: 'x' }, allowed: 'police', refused: ['vtUtrecht', 'deviceAdmin', 'commissie'] },
    { method: 'POST', path: () => `/api/alarms/${utrechtAlarm}/resolve`, body: { outcome: 'test' }, allowed: 'police', refused: ['deviceAdmin', 'commissie', 'admin'] },
    { method: 'GET', path: () => '/api/reports/alarm-latency', allowed: 'admin', refused: ['deviceAdmin', 'commissie', 'caseworker'] },
  ];

  it.each(routes.map((r) => [`${r.method} ${r.path.toString().replace(/^\(\) => /, '')}`, r] as const))('%s refuses a caller without a session', async (_name, r) => {
    const anonymous = new Client(stack.baseUrl);
    const answer = await anonymous.request(r.method, r.path(), r.body);
    expect(answer.status).toBe(401);
  });

  it.each(routes.filter((r) => r.refused.length).map((r) => [`${r.method} ${r.path.toString().replace(/^\(\) => /, '')}`, r] as const))(
    '%s refuses the wrong roles',
    async (_name, r) => {
      for (const who of r.refused) {
        const answer = await people[who].client.request(r.method, r.path(), r.body);
        expect(answer.status, `${who}: ${JSON.stringify(answer.body)}`).toBe(403);
      }
    },
  );

  it('lets the right role through each route (the refusals above are not just broken routes)', async () => {
    for (const r of routes.filter((x) => x.method === 'GET')) {
      const answer = await people[r.allowed].client.get(r.path());
      expect(answer.status, `${r.path()}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
  });

  it('refuses the live feed without a session, for a role without live access, and from another origin', async () => {
    expect(await liveHandshake(stack.baseUrl, { origin: stack.baseUrl })).toBe(401);
    expect(await liveHandshake(stack.baseUrl, { origin: stack.baseUrl, cookie: people.commissie.client.cookie! })).toBe(403);
    expect(await liveHandshake(stack.baseUrl, { origin: 'https://evil.example', cookie: people.police.client.cookie! })).toBe(403);
    expect(await liveHandshake(stack.baseUrl, { origin: stack.baseUrl, cookie: people.police.client.cookie! })).toBe(101);
  });

  it("does not show a Veilig Thuis operator another region's alarm: not in the list, not by id, not on the live feed", async () => {
    const list = await people.vtUtrecht.client.get<AlarmList>('/api/alarms');
    expect(list.body.alarms.map((a) => a.id)).toContain(utrechtAlarm);
    expect(list.body.alarms.map((a) => a.id)).not.toContain(amsterdamAlarm);
    expect((await people.vtUtrecht.client.get(`/api/alarms/${amsterdamAlarm}`)).status).toBe(404);
    expect((await people.vtUtrecht.client.post(`/api/alarms/${amsterdamAlarm}/ack`, {})).status).toBe(404);
    const live = await openConsole(stack.baseUrl, { origin: stack.baseUrl, cookie: people.vtUtrecht.client.cookie! });
    const snapshot = await waitFor(() => live.events.find((e) => e.type === 'snapshot'));
    live.close();
    expect(snapshot.type === 'snapshot' && snapshot.alarms.map((a) => a.id)).toEqual([utrechtAlarm]);
  });

  it('returns text with HTML in it as it was typed, as JSON, never as a page', async () => {
    const detail = await people.vtUtrecht.client.get<AlarmDetail>(`/api/alarms/${utrechtAlarm}`);
    expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
    expect(detail.body.alarm.dossier?.riskNotes).toBe(HTML);
    const created = await people.admin.client.post<{ user: { displayName: string } }>('/api/admin/users', {
      username: 'html.name',
      displayName: HTML,
      organisation: 'police',
      region: 'utrecht',
      roles: ['police_operator'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user.displayName).toBe(HTML);
  });

  it('is not a test deployment unless configured: no pendant secret is offered as a simulator file', async () => {
    const config = await new Client(stack.baseUrl).get<{ testDeployment: boolean }>('/api/client-config');
    expect(config.body.testDeployment).toBe(false);
  });

  it('sends the security headers: a CSP without inline script, nosniff, no framing, no caching of API answers', async () => {
    const answer = await people.police.client.get('/api/alarms');
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it("guards dispatch's state-changing routes against cross-site requests too: CSRF token and origin", async () => {
    const c = people.police.client;
    const noToken = await c.request('POST', `/api/alarms/${utrechtAlarm}/ack`, {}, { headers: { 'x-aware-csrf': 'wrong' } });
    expect(noToken).toMatchObject({ status: 403, body: { code: 'DSH_ERR_CSRF' } });
    const raw = await c.post(`/api/alarms/${utrechtAlarm}/ack`, {}, { raw: true, headers: { cookie: c.cookie!, origin: stack.baseUrl } });
    expect(raw).toMatchObject({ status: 403, body: { code: 'DSH_ERR_CSRF' } });
    const foreign = await c.request('POST', `/api/alarms/${utrechtAlarm}/ack`, {}, { headers: { origin: 'https://evil.example' } });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'DSH_ERR_ORIGIN_REFUSED' } });
    const crossSite = await c.request('GET', '/api/alarms', undefined, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const bearer = await new Client(stack.baseUrl).get('/api/alarms', { raw: true, headers: { authorization: `Bearer ${c.token}` } });
    expect(bearer.status).toBe(200);
  });

  it('cannot be slipped past with a percent-encoded path: the guard judges the path the router routes', async () => {
    const c = people.police.client;
    const foreign = await c.request('POST', `/%61pi/alarms/${utrechtAlarm}/ack`, {}, { headers: { origin: 'https://evil.example' } });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'DSH_ERR_ORIGIN_REFUSED' } });
    const noToken = await c.request('POST', `/%61pi/alarms/${utrechtAlarm}/ack`, {}, { headers: { 'x-aware-csrf': 'wrong' } });
    expect(noToken).toMatchObject({ status: 403, body: { code: 'DSH_ERR_CSRF' } });
    const crossSite = await c.request('GET', '/%61pi/alarms', undefined, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('answers a malformed session cookie with 401, not an error', async () => {
    const anonymous = new Client(stack.baseUrl);
    for (const path of ['/api/alarms', '/api/auth/session', '/api/fleet/pendants']) {
      const answer = await anonymous.get(path, { headers: { cookie: 'aware_session=%E0%A4%A' } });
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
    }
  });

  it('shows fleet health without any location, device administrators all regions, Veilig Thuis its own', async () => {
    const all = await people.deviceAdmin.client.get<{ pendants: { id: string }[] }>('/api/fleet/pendants');
    expect(all.body.pendants.map((p) => p.id).sort()).toEqual(['route-ams-1', 'route-utr-1']);
    const own = await people.vtUtrecht.client.get<{ pendants: { id: string }[] }>('/api/fleet/pendants');
    expect(own.body.pendants.map((p) => p.id)).toEqual(['route-utr-1']);
    const text = JSON.stringify(all.body) + JSON.stringify((await people.deviceAdmin.client.get('/api/fleet/summary')).body);
    expect(text).not.toMatch(/"(lat|lon|last_lat|lastFix|acc)"/);
    // no ingest in this stack: nobody recorded a heartbeat
    expect(all.body.pendants[0]).toMatchObject({ health: 'never_seen', assignment: { startsAt: expect.any(String) } });
  });
});
