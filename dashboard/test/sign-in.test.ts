import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../src/contract/auth.js';
import { totpCode } from '../src/server/auth/totp.js';
import { Client } from './helpers/client.js';
import { liveHandshake } from './helpers/live.js';
import { person } from './helpers/people.js';
import { createUser } from '../src/server/users/user-actions.js';
import { startStack, type Stack } from './helpers/stack.js';

describe('sign-in', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
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

  it('changes a password when the current one is given, and signs the user out everywhere else', async () => {
    const p = await police();
    const elsewhere = new Client(stack.baseUrl);
    await elsewhere.signIn(p.username, p.password, p.totpSecret, Date.now() + 30_000);
    expect((await elsewhere.get('/api/alarms')).status).toBe(200);
    expect((await p.client.post('/api/auth/password', { current: 'wrong', next: 'a much longer passphrase' })).status).toBe(401);
    expect((await p.client.post('/api/auth/password', { current: p.password, next: 'short' })).status).toBe(400);
    expect((await p.client.post('/api/auth/password', { current: p.password, next: 'a much longer passphrase' })).status).toBe(204);
    // the other browser (and dispatch, for it) is signed out; this one stays
    expect((await elsewhere.get('/api/auth/session')).status).toBe(401);
    expect((await elsewhere.get('/api/alarms')).status).toBe(401);
    expect((await p.client.get('/api/auth/session')).status).toBe(200);
    expect((await new Client(stack.baseUrl).post('/api/auth/login', { username: p.username, password: p.password })).status).toBe(401);
    const login = await new Client(stack.baseUrl).post<LoginResult>('/api/auth/login', { username: p.username, password: 'a much longer passphrase' });
    expect(login.body).toMatchObject({ status: 'mfa_required' });
  });
});

describe('sign-in throttling: guessing is slowed, the real user is never locked out', () => {
  let stack: Stack;
  beforeAll(async () => {
    // behind the load balancer, as in docker-compose.yml: X-Forwarded-For names the place an attempt comes from
    stack = await startStack({
      dashboardEnv: {
        DASHBOARD_TRUST_PROXY: 'true',
        DASHBOARD_SIGNIN_FREE_ATTEMPTS: '3',
        DASHBOARD_SIGNIN_ADDRESS_FREE: '6',
        DASHBOARD_SIGNIN_ACCOUNT_FREE: '5',
        DASHBOARD_SIGNIN_DELAY_S: '60',
      },
    });
  });
  afterAll(() => stack.stop());

  /** A browser at `address` (a fresh one: no cookies). */
  const browserAt = (address: string) => {
    const c = new Client(stack.baseUrl);
    const request = c.request.bind(c);
    c.request = (method, path, body, o = {}) => request(method, path, body, { ...o, headers: { 'x-forwarded-for': address, ...o.headers } });
    return c;
  };
  const login = (c: Client, username: string, password: string) => c.post<{ code?: string; status?: string; retryAfterS?: number }>('/api/auth/login', { username, password });
  const operator = (signIn = false) => person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], signIn });

  it('lets an operator sign in at her own workstation while an attacker who knows her user name is guessing from many places', async () => {
    const p = await operator();
    const workstation = browserAt('192.0.2.10');
    await workstation.signIn(p.username, p.password, p.totpSecret);
    expect(workstation.deviceCookie).toMatch(/^aware_device=[A-Za-z0-9_-]{43}$/);
    await workstation.post('/api/auth/logout');

    // one place: three wrong passwords, then that place waits (429, Retry-After), whatever it sends
    const attacker = browserAt('203.0.113.1');
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await login(attacker, p.username, `guess ${i}`)).body.code);
    expect(codes).toEqual(['DSH_ERR_CREDENTIALS_INVALID', 'DSH_ERR_CREDENTIALS_INVALID', 'DSH_ERR_CREDENTIALS_INVALID']);
    const held = await login(attacker, p.username, p.password);
    expect(held).toMatchObject({ status: 429, body: { code: 'DSH_ERR_TOO_MANY_ATTEMPTS', retryAfterS: expect.any(Number) } });
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(50);
    // spread over more places: after five failures on her name, browsers she never used wait too ...
    await login(browserAt('203.0.113.2'), p.username, 'guess 3');
    await login(browserAt('203.0.113.3'), p.username, 'guess 4');
    expect((await login(browserAt('203.0.113.4'), p.username, 'guess 5')).status).toBe(429);
    expect((await login(browserAt('198.51.100.7'), p.username, p.password)).status).toBe(429);
    // ... but not her workstation: with the right password and code she is in
    const session = await workstation.signIn(p.username, p.password, p.totpSecret, Date.now() + 30_000);
    expect(session.user.username).toBe(p.username);
    expect((await workstation.get('/api/alarms')).status).toBe(200);
    // and the administrator sees the attack on the users page
    const { rows } = await stack.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sign_in_failures WHERE username = $1`, [p.username]);
    expect(rows[0]!.n).toBe(5);
  });

  it('does not let a place that sprays user names (unknown ones too) go on, and others are not held back by it', async () => {
    const sprayer = browserAt('203.0.113.50');
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await login(sprayer, `someone.${i}`, 'Welkom01!')).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const p = await operator();
    expect((await login(sprayer, p.username, p.password)).status).toBe(429);
    expect((await login(browserAt('203.0.113.51'), p.username, p.password)).status).toBe(200);
  });

  it('doubles the wait for each failure made after the previous wait has passed', async () => {
    const p = await operator();
    const attacker = browserAt('203.0.113.60');
    for (let i = 0; i < 3; i++) await login(attacker, p.username, `guess ${i}`);
    expect((await login(attacker, p.username, 'x')).body.retryAfterS).toBeGreaterThan(55);
    // the first wait has passed: one more failure, and the next wait is twice as long
    await stack.pool.query(`UPDATE sign_in_failures SET at = at - interval '61 seconds' WHERE address = '203.0.113.60'`);
    expect((await login(attacker, p.username, 'guess 3')).body.code).toBe('DSH_ERR_CREDENTIALS_INVALID');
    const next = (await login(attacker, p.username, 'x')).body.retryAfterS!;
    expect(next).toBeGreaterThan(115);
    expect(next).toBeLessThanOrEqual(120);
  });

  it('throttles wrong codes like wrong passwords and ends the sign-in waiting for a code', async () => {
    const p = await operator();
    const c = browserAt('203.0.113.70');
    const first = await c.post<LoginResult>('/api/auth/login', { username: p.username, password: p.password });
    if (first.body.status !== 'mfa_required') throw new Error(JSON.stringify(first.body));
    c.csrf = first.body.csrfToken;
    const right = totpCode(p.totpSecret, Date.now());
    const wrong = right === '000000' ? '111111' : '000000';
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await c.post<{ code: string }>('/api/auth/totp', { code: wrong })).body.code);
    expect(codes).toEqual(['DSH_ERR_MFA_INVALID', 'DSH_ERR_MFA_INVALID', 'DSH_ERR_TOO_MANY_ATTEMPTS']);
    // the right code no longer helps: the password is needed again, and this place waits for it
    expect((await c.post<{ code: string }>('/api/auth/totp', { code: right })).body.code).toBe('DSH_ERR_UNAUTHENTICATED');
    expect((await login(c, p.username, p.password)).status).toBe(429);
  });

  it('keeps the sessions an account has open while it is being guessed at', async () => {
    const p = await operator(true);
    const attacker = browserAt('203.0.113.80');
    for (let i = 0; i < 4; i++) await login(attacker, p.username, `guess ${i}`);
    expect((await p.client.get('/api/alarms')).status).toBe(200);
    expect((await p.client.get('/api/auth/session')).status).toBe(200);
  });
});

describe('sign-in with Secure cookies forced', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dashboardEnv: { DASHBOARD_SECURE_COOKIES: 'true' } });
  });
  afterAll(() => stack.stop());

  it('refuses to sign in over plain HTTP rather than set a cookie the browser would drop', async () => {
    const issued = await createUser(stack.pool, { username: 'over.http', displayName: 'Over HTTP', organisation: 'police', region: 'utrecht', roles: ['police_operator'] }, { by: null, activationTtlMs: 3_600_000 });
    const login = await new Client(stack.baseUrl).post('/api/auth/login', { username: 'over.http', password: 'whatever it is' });
    expect(login).toMatchObject({ status: 400, body: { code: 'DSH_ERR_HTTPS_REQUIRED' } });
    // the same for the first sign-in by activation
    const activation = await new Client(stack.baseUrl).post('/api/auth/activation/complete', { code: issued.activation!.code, password: 'a long enough passphrase', totpCode: '123456' });
    expect(activation).toMatchObject({ status: 400, body: { code: 'DSH_ERR_HTTPS_REQUIRED' } });
  });
});
