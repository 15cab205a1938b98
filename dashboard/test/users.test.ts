import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCredentials, UserList } from '../src/contract/users.js';
import { Client } from './helpers/client.js';
import { activate, person, type Person } from './helpers/people.js';
import type { ActivationInfo, LoginResult } from '../src/contract/auth.js';
import { totpCode } from '../src/server/auth/totp.js';
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

  it('creates an account with a one-time activation link: the administrator never sees a password or second factor', async () => {
    const created = await create(operator('new.operator'));
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'new.operator', roles: ['vt_operator'], mfaEnrolled: false, disabledAt: null, activationPendingUntil: created.body.activation!.expiresAt });
    expect(Object.keys(created.body)).toEqual(['user', 'activation']);
    expect(created.body.activation!.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(created.body.activation!.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    // nobody can sign in to it before its owner activates it
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: 'new.operator', password: '' })).status).toBe(400);
    const listed = await admin.client.get<UserList>('/api/admin/users');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.activation!.code);

    // the owner opens the link, chooses a password, enrols the app, and is signed in
    const owner = new Client(stack.baseUrl);
    const info = await owner.post<ActivationInfo>('/api/auth/activation', { code: created.body.activation!.code });
    expect(info.body).toMatchObject({ username: 'new.operator', displayName: 'Operator', totpUri: expect.stringMatching(/^otpauth:\/\/totp\/AWARE:new\.operator\?/) });
    // a reload shows the same secret
    expect((await owner.post<ActivationInfo>('/api/auth/activation', { code: created.body.activation!.code })).body.totpUri).toBe(info.body.totpUri);
    const secret = secretOfUri(info.body.totpUri);
    const short = await owner.post('/api/auth/activation/complete', { code: created.body.activation!.code, password: 'kort', totpCode: totpCode(secret, Date.now()) });
    expect(short).toMatchObject({ status: 400, body: { code: 'DSH_ERR_BODY_INVALID' } });
    const wrongCode = totpCode(secret, Date.now()) === '000000' ? '111111' : '000000';
    expect((await owner.post('/api/auth/activation/complete', { code: created.body.activation!.code, password: 'mijn eigen lange wachtzin', totpCode: wrongCode })).body).toMatchObject({ code: 'DSH_ERR_MFA_INVALID' });
    const done = await owner.post<LoginResult>('/api/auth/activation/complete', { code: created.body.activation!.code, password: 'mijn eigen lange wachtzin', totpCode: totpCode(secret, Date.now() - 30_000) });
    expect(done.body).toMatchObject({ status: 'signed_in', session: { user: { username: 'new.operator', roles: ['vt_operator'] } } });
    expect((await owner.get('/api/alarms')).status).toBe(200);
    // used up: the link works once
    expect((await new Client(stack.baseUrl).post('/api/auth/activation', { code: created.body.activation!.code })).body).toMatchObject({ code: 'DSH_ERR_ACTIVATION_INVALID' });
    // and the password and app are the owner's
    await new Client(stack.baseUrl).signIn('new.operator', 'mijn eigen lange wachtzin', secret);
    const after = (await admin.client.get<UserList>('/api/admin/users')).body.users.find((u) => u.username === 'new.operator');
    expect(after).toMatchObject({ mfaEnrolled: true, activationPendingUntil: null });
  });

  it('refuses an unknown, malformed or expired activation code', async () => {
    const c = new Client(stack.baseUrl);
    expect((await c.post('/api/auth/activation', { code: 'A'.repeat(32) })).body).toMatchObject({ code: 'DSH_ERR_ACTIVATION_INVALID', statusCode: 400 });
    expect((await c.post('/api/auth/activation', { code: '<script>' })).body).toMatchObject({ code: 'DSH_ERR_BODY_INVALID' });
    const created = await create(operator('late.operator'));
    await stack.pool.query(`UPDATE user_activations SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [created.body.user.id]);
    expect((await c.post('/api/auth/activation', { code: created.body.activation!.code })).body).toMatchObject({ code: 'DSH_ERR_ACTIVATION_INVALID' });
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

  it('resets credentials by a new activation: the old password, code and sessions stop working, the owner sets new ones', async () => {
    const p = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const reset = await admin.client.post<IssuedCredentials>(`/api/admin/users/${p.issued.user.id}/reset-credentials`);
    expect(Object.keys(reset.body)).toEqual(['user', 'activation']);
    expect(reset.body.user).toMatchObject({ mfaEnrolled: false, activationPendingUntil: reset.body.activation!.expiresAt });
    expect((await p.client.get('/api/auth/session')).status).toBe(401);
    expect((await p.client.get('/api/alarms')).status).toBe(401);
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(401);
    const owner = new Client(stack.baseUrl);
    const secret = await activate(owner, reset.body.activation!.code, 'een nieuwe lange wachtzin');
    expect(secret).not.toBe(p.totpSecret);
    expect((await owner.get('/api/alarms')).status).toBe(200);
  });

  it('does not let an administrator disable or reset their own account', async () => {
    const self = await admin.client.post(`/api/admin/users/${admin.issued.user.id}/disable`);
    expect(self).toMatchObject({ status: 403 });
  });

  it('edits name, e-mail, region and roles; a change of rights ends the person\'s sessions, a new name alone does not', async () => {
    const p = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    const put = (body: Record<string, unknown>) => admin.client.request<UserList['users'][number]>('PUT', `/api/admin/users/${p.issued.user.id}`, body);
    const renamed = await put({ displayName: 'Anouk de Groot', email: 'anouk@example.org', region: 'utrecht', roles: ['vt_operator'] });
    expect(renamed.body).toMatchObject({ displayName: 'Anouk de Groot', email: 'anouk@example.org', region: 'utrecht', roles: ['vt_operator'] });
    expect((await p.client.get('/api/alarms')).status).toBe(200);

    const moved = await put({ displayName: 'Anouk de Groot', email: null, region: 'gooi-en-vechtstreek', roles: ['vt_operator', 'vt_caseworker'] });
    expect(moved.body).toMatchObject({ email: null, region: 'gooi-en-vechtstreek', roles: ['vt_caseworker', 'vt_operator'] });
    expect((await p.client.get('/api/alarms')).status).toBe(401);

    // refused: a role of another organisation, an unknown region, no role, the organisation itself
    expect((await put({ displayName: 'A', email: null, region: null, roles: ['police_operator'] })).body).toMatchObject({ code: 'DSH_ERR_BODY_INVALID', message: expect.stringContaining('roles: police_operator') });
    expect((await put({ displayName: 'A', email: null, region: 'atlantis', roles: ['vt_operator'] })).body).toMatchObject({ message: expect.stringContaining('region') });
    expect((await put({ displayName: 'A', email: null, region: null, roles: [] })).status).toBe(400);
    expect((await put({ displayName: 'A', email: null, region: null, roles: ['vt_operator'], organisation: 'police' })).status).toBe(400);
    expect((await admin.client.request('PUT', '/api/admin/users/00000000-0000-4000-8000-000000000000', { displayName: 'A', email: null, region: null, roles: ['vt_operator'] })).status).toBe(404);
    // only administrators edit accounts
    expect((await p.client.request('PUT', `/api/admin/users/${p.issued.user.id}`, { displayName: 'Ik', email: null, region: null, roles: ['admin'] })).status).toBe(401);
  });

  it('does not let an administrator take away their own admin role', async () => {
    const self = await admin.client.request('PUT', `/api/admin/users/${admin.issued.user.id}`, { displayName: 'Beheer', email: null, region: null, roles: ['vt_operator'] });
    expect(self).toMatchObject({ status: 403, body: { code: 'DSH_ERR_FORBIDDEN' } });
    const renamed = await admin.client.request<UserList['users'][number]>('PUT', `/api/admin/users/${admin.issued.user.id}`, { displayName: 'Beheer', email: null, region: null, roles: ['admin'] });
    expect(renamed).toMatchObject({ status: 200, body: { displayName: 'Beheer', roles: ['admin'] } });
    expect((await admin.client.get('/api/admin/users')).status).toBe(200);
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
