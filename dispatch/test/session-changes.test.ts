import type { LiveEvent } from '@aware/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator } from '../src/auth/authenticator.js';
import { CLOSE_SESSION_ENDED } from '../src/live/console-session.js';
import { openConsole } from './helpers/console.js';
import { api } from './helpers/http.js';
import { createUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

/**
 * Signing out, disabling a user and taking a role take effect at once, although dispatch caches
 * sessions (here for a minute, and consoles recheck only every ten): the database announces each change.
 */
describe('a sign-in that ends or changes', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_SESSION_CACHE_MS: '60000', DISPATCH_LIVE_RECHECK_MS: '600000' });
  });
  afterAll(() => stack?.stop());

  const operator = () => createUser(stack.db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
  const list = (token: string) => api(stack.httpUrl, 'GET', '/api/alarms', { token });

  it.each([
    ['signed out', (userId: string, token: string) => stack.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = $1`, [Authenticator.hash(token)])],
    ['disabled', (userId: string) => stack.db.pool.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [userId])],
    ['her role taken', (userId: string) => stack.db.pool.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId])],
  ] as const)('%s: refused by the next request and her open console closed, not a cache entry later', async (name, change) => {
    const user = await operator();
    expect((await list(user.token)).status).toBe(200); // now cached for a minute
    const board = await openConsole(stack.wsUrl, user.token);
    await board.waitForEvent((e): e is LiveEvent => e.type === 'snapshot');
    await change(user.userId, user.token);
    expect(await board.closed).toBe(CLOSE_SESSION_ENDED);
    await waitFor(async () => (await list(user.token)).status !== 200, 2_000, 'the change to reach the session cache');
    // without her role she is still signed in, with nothing to see here
    expect((await list(user.token)).status).toBe(name === 'her role taken' ? 403 : 401);
  });

  it('does not disturb anybody else', async () => {
    const [a, b] = [await operator(), await operator()];
    const board = await openConsole(stack.wsUrl, b.token);
    await board.waitForEvent((e): e is LiveEvent => e.type === 'snapshot');
    await stack.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = $1`, [Authenticator.hash(a.token)]);
    await waitFor(async () => (await list(a.token)).status === 401, 2_000);
    expect((await list(b.token)).status).toBe(200);
    expect(board.socket.readyState).toBe(board.socket.OPEN);
    await board.close();
  });
});
