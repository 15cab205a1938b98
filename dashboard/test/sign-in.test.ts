import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../src/contract/auth.js';
import { totpCode } from '../src/server/auth/totp.js';
import { Client } from './helpers/client.js';
import { liveHandshake } from './helpers/live.js';
import { person } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';

describe('sign-in', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dashboardEnv: { DASHBOARD_LOCKOUT_AFTER: '3' } });
  });
  afterAll(() => stack.stop());

  const police = (signIn = true) => person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], signIn });

  it('signs a control-room operator in with password and code, and dispatch accepts the session', async () => {
    const p = await police();
    const session = await p.client.get<{ user: { username: string; roles: string[] } }>('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ username: p.username, roles: ['police_operator'] });
    expect((await p.client.get('/api/alarms')).status).toBe(200);
  });

  it('sets the session cookie httpOnly, SameSite=Strict, Path=/api, and not Secure over plain HTTP on loopback', async () => {
    const p = await police(false);
    const login = await p.client.post('/api/auth/login', { username: p.username, password: p.password });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('aware_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('gives a session waiting for its code no access to anything, dispatch included', async () => {
    const p = await police(false);
    const login = await p.client.post<LoginResult>('/api/auth/login', { username: p.username, password: p.password });
    expect(login.body).toMatchObject({ status: 'mfa_required' });
    for (const path of ['/api/auth/session', '/api/alarms', '/api/fleet/summary', '/api/regions']) {
      expect((await p.client.get(path)).status, path).toBe(401);
    }
    expect(await liveHandshake(stack.baseUrl, { cookie: p.client.cookie!, origin: stack.baseUrl })).toBe(401);
  });

  it('issues a new session token after the code (the one seen before the second factor is dead)', async () => {
    const p = await police(false);
    await p.client.post('/api/auth/login', { username: p.username, password: p.password });
    const pendingToken = p.client.token;
    await p.client.signIn(p.username, p.password, p.totpSecret);
    expect(p.client.token).not.toBe(pendingToken);
    const stale = new Client(stack.baseUrl);
    stale.cookie = `aware_session=${pendingToken}`;
    expect((await stale.get('/api/auth/session')).status).toBe(401);
  });

  it('refuses a wrong code and a code used before', async () => {
    const p = await police(false);
    const login = await p.client.post<LoginResult>('/api/auth/login', { username: p.username, password: p.password });
    p.client.csrf = login.body.status === 'mfa_required' ? login.body.csrfToken : null;
    const code = totpCode(p.totpSecret, Date.now());
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await p.client.post('/api/auth/totp', { code: wrong })).body).toMatchObject({ code: 'DSH_ERR_MFA_INVALID' });
    expect((await p.client.post<LoginResult>('/api/auth/totp', { code })).body).toMatchObject({ status: 'signed_in' });
    const again = new Client(stack.baseUrl);
    const second = await again.post<LoginResult>('/api/auth/login', { username: p.username, password: p.password });
    again.csrf = second.body.status === 'mfa_required' ? second.body.csrfToken : null;
    expect((await again.post('/api/auth/totp', { code })).body).toMatchObject({ code: 'DSH_ERR_MFA_INVALID' });
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const p = await police(false);
    const unknown = await new Client(stack.baseUrl).post('/api/auth/login', { username: 'nobody.here', password: 'whatever' });
    const wrong = await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account after repeated failures, and keeps the sessions it had open', async () => {
    const p = await police();
    const attacker = new Client(stack.baseUrl);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await attacker.post<{ code: string }>('/api/auth/login', { username: p.username, password: `guess ${i}` })).body.code);
    expect(answers).toEqual(['DSH_ERR_CREDENTIALS_INVALID', 'DSH_ERR_CREDENTIALS_INVALID', 'DSH_ERR_ACCOUNT_LOCKED']);
    const right = await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password });
    expect(right).toMatchObject({ status: 423, body: { code: 'DSH_ERR_ACCOUNT_LOCKED' } });
    expect((await p.client.get('/api/alarms')).status).toBe(200);
    expect((await p.client.get('/api/auth/session')).status).toBe(200);
  });

  it('counts wrong codes towards the lock-out as well', async () => {
    const p = await police(false);
    const codes = [];
    for (let i = 0; i < 3; i++) {
      const c = new Client(stack.baseUrl);
      const login = await c.post<LoginResult>('/api/auth/login', { username: p.username, password: p.password });
      if (login.body.status !== 'mfa_required') throw new Error(JSON.stringify(login.body));
      c.csrf = login.body.csrfToken;
      codes.push((await c.post<{ code: string }>('/api/auth/totp', { code: '000000' === totpCode(p.totpSecret, Date.now()) ? '999999' : '000000' })).body.code);
    }
    expect(codes).toEqual(['DSH_ERR_MFA_INVALID', 'DSH_ERR_MFA_INVALID', 'DSH_ERR_ACCOUNT_LOCKED']);
  });

  it('ends a session after its idle time, and activity starts the idle time again (never past the maximum)', async () => {
    const p = await police();
    const hash = (await stack.pool.query<{ token_hash: string }>(`SELECT token_hash FROM sessions WHERE revoked_at IS NULL AND NOT mfa_pending ORDER BY created_at DESC LIMIT 1`)).rows[0]!.token_hash;
    await stack.pool.query(`UPDATE sessions SET expires_at = now() + interval '1 second', created_at = now() - interval '1 hour' WHERE token_hash = $1`, [hash]);
    const touched = await p.client.post<{ expiresAt: string }>('/api/auth/activity');
    expect(touched.status).toBe(200);
    const left = Date.parse(touched.body.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(29 * 60_000);
    expect(left).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    await stack.pool.query(`UPDATE sessions SET created_at = now() - interval '11 hours 59 minutes' WHERE token_hash = $1`, [hash]);
    const capped = await p.client.post<{ expiresAt: string }>('/api/auth/activity');
    expect(Date.parse(capped.body.expiresAt) - Date.now()).toBeLessThan(29 * 60_000);
    await stack.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hash]);
    expect((await p.client.get('/api/auth/session')).status).toBe(401);
    expect((await p.client.get('/api/alarms')).status).toBe(401);
    expect((await p.client.post('/api/auth/activity')).status).toBe(401);
  });

  it('logs out: the session is revoked for dispatch as well and the cookie cleared', async () => {
    const p = await police();
    const token = p.client.token!;
    const out = await p.client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(p.client.cookie).toBeNull();
    const bearer = await new Client(stack.baseUrl).get('/api/alarms', { raw: true, headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(401);
  });

  it('stores the TOTP secret encrypted, bound to its user', async () => {
    const p = await police(false);
    const { rows } = await stack.pool.query<{ totp_secret: string }>('SELECT totp_secret FROM users WHERE username = $1', [p.username]);
    expect(rows[0]!.totp_secret).toMatch(/^v1\./);
    expect(rows[0]!.totp_secret).not.toContain(p.totpSecret);
  });

  it('changes a password when the current one is given', async () => {
    const p = await police();
    expect((await p.client.post('/api/auth/password', { current: 'wrong', next: 'a much longer passphrase' })).status).toBe(401);
    expect((await p.client.post('/api/auth/password', { current: p.password, next: 'short' })).status).toBe(400);
    expect((await p.client.post('/api/auth/password', { current: p.password, next: 'a much longer passphrase' })).status).toBe(204);
    const login = await new Client(stack.baseUrl).post<LoginResult>('/api/auth/login', { username: p.username, password: 'a much longer passphrase' });
    expect(login.body).toMatchObject({ status: 'mfa_required' });
  });
});

describe('sign-in with Secure cookies forced', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dashboardEnv: { DASHBOARD_SECURE_COOKIES: 'true' } });
  });
  afterAll(() => stack.stop());

  it('refuses to sign in over plain HTTP rather than set a cookie the browser would drop', async () => {
    const p = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], signIn: false });
    const login = await p.client.post('/api/auth/login', { username: p.username, password: p.password });
    expect(login).toMatchObject({ status: 400, body: { code: 'DSH_ERR_HTTPS_REQUIRED' } });
  });
});
