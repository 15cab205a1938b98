import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCredentials, UserList } from '../src/contract/users.js';
import { Client } from './helpers/client.js';
import { person, type Person } from './helpers/people.js';
import { secretOfUri, startStack, type Stack } from './helpers/stack.js';

describe('user administration', () => {
  let stack: Stack;
  let admin: Person;
  beforeAll(async () => {
    stack = await startStack({ dashboardEnv: { DASHBOARD_SIGNIN_FREE_ATTEMPTS: '2' } });
    admin = await person(stack, { organisation: 'veilig_thuis', region: null, roles: ['admin'] });
  });
  afterAll(() => stack.stop());

  const create = (body: Record<string, unknown>) => admin.client.post<IssuedCredentials>('/api/admin/users', body);
  const operator = (username: string) => ({ username, displayName: 'Operator', organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });

  it('creates an account whose initial password and second factor are shown once and work', async () => {
    const created = await create(operator('new.operator'));
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'new.operator', roles: ['vt_operator'], mfaEnrolled: true, disabledAt: null });
    expect(created.body.totpUri).toMatch(/^otpauth:\/\/totp\/AWARE:new\.operator\?/);
    const listed = await admin.client.get<UserList>('/api/admin/users');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.initialPassword!);
    expect(JSON.stringify(listed.body)).not.toContain('totp');
    const c = new Client(stack.baseUrl);
    const session = await c.signIn('new.operator', created.body.initialPassword!, secretOfUri(created.body.totpUri!));
    expect(session.user.roles).toEqual(['vt_operator']);
  });

  it('refuses a role of another organisation, an unknown region and a name taken', async () => {
    expect((await create({ ...operator('police.at.vt'), roles: ['police_operator'] })).status).toBe(400);
    expect((await create({ ...operator('nowhere'), region: 'atlantis' })).body).toMatchObject({ code: 'DSH_ERR_BODY_INVALID' });
    await create(operator('taken.name'));
    expect((await create(operator('taken.name'))).body).toMatchObject({ code: 'DSH_ERR_USER_EXISTS', statusCode: 409 });
  });

  it('disables an account: its sessions end at once, dispatch included; enabling lets it sign in again', async () => {
    const p = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    expect((await p.client.get('/api/alarms')).status).toBe(200);
    expect((await admin.client.post(`/api/admin/users/${p.issued.user.id}/disable`)).status).toBe(200);
    expect((await p.client.get('/api/alarms')).status).toBe(401);
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(401);
    await admin.client.post(`/api/admin/users/${p.issued.user.id}/enable`);
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(200);
  });

  it('shows failed sign-ins on an account, and releases the user name from sign-in throttling', async () => {
    const p = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], signIn: false });
    for (let i = 0; i < 2; i++) await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: 'wrong' });
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(429);
    const listed = (await admin.client.get<UserList>('/api/admin/users')).body.users.find((u) => u.username === p.username);
    expect(listed?.failedSignInsLastHour).toBe(2);
    await admin.client.post(`/api/admin/users/${p.issued.user.id}/unlock`);
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(200);
  });

  it('issues new credentials: the old password and code stop working, sessions end', async () => {
    const p = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const reset = await admin.client.post<IssuedCredentials>(`/api/admin/users/${p.issued.user.id}/reset-credentials`);
    expect(reset.body.initialPassword).toBeTruthy();
    expect((await p.client.get('/api/auth/session')).status).toBe(401);
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(401);
    await new Client(stack.baseUrl).signIn(p.username, reset.body.initialPassword!, secretOfUri(reset.body.totpUri!));
  });

  it('does not let an administrator disable or reset their own account', async () => {
    const self = await admin.client.post(`/api/admin/users/${admin.issued.user.id}/disable`);
    expect(self).toMatchObject({ status: 403 });
  });
});

describe('the roles table', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it("holds exactly @aware/protocol's roles (migration 0012 removed 0003's own codes)", async () => {
    const { Role } = await import('@aware/protocol');
    const { rows } = await stack.pool.query<{ code: string }>('SELECT code FROM roles ORDER BY code');
    expect(rows.map((r) => r.code)).toEqual([...Role.options].sort());
  });
});
