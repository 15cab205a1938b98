import { TECHNICAL_ALARM_CHANNEL, type LiveEvent } from '@aware/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_SESSION_ENDED } from '../src/live/console-session.js';
import { Authenticator } from '../src/auth/authenticator.js';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createPendant } from './helpers/dossiers.js';
import { createUser, type TestUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';

describe('technical alarms and sessions on the live feed', () => {
  let stack: Stack;
  let vtUser: TestUser;
  let police: TestConsole;
  let vt: TestConsole;

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_LIVE_RECHECK_MS: '200' });
    vtUser = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    const policeUser = await createUser(stack.db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    police = await openConsole(stack.wsUrl, policeUser.token);
    vt = await openConsole(stack.wsUrl, vtUser.token);
  });

  afterAll(async () => {
    await police?.close();
    await vt?.close();
    await stack?.stop();
  });

  it('carries a technical alarm announced by ingest to Veilig Thuis consoles, never to the police board', async () => {
    await createPendant(stack.db.pool, 'pendant-silent-1', 'utrecht');
    const { rows } = await stack.db.pool.query<{ id: string; opened_at: Date }>(
      `INSERT INTO technical_alarms (device_id, kind, region) VALUES ('pendant-silent-1', 'pendant_silent', 'utrecht') RETURNING id, opened_at`,
    );
    const technical = { id: rows[0]!.id, deviceId: 'pendant-silent-1', kind: 'pendant_silent', openedAt: rows[0]!.opened_at.toISOString(), clearedAt: null };
    // what ingest does in the same transaction as the row (protocol TechnicalAlarmNotice)
    await stack.db.pool.query('SELECT pg_notify($1, $2)', [TECHNICAL_ALARM_CHANNEL, JSON.stringify({ change: 'opened', technical, region: 'utrecht' })]);
    const event = await vt.waitForEvent((e): e is Extract<LiveEvent, { type: 'technical' }> => e.type === 'technical');
    expect(event).toMatchObject({ change: 'opened', technical: { id: technical.id, kind: 'pendant_silent' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(police.events.some((e) => e.type === 'technical')).toBe(false);

    const later = await openConsole(stack.wsUrl, vtUser.token);
    const snapshot = await later.waitForEvent((e): e is Extract<LiveEvent, { type: 'snapshot' }> => e.type === 'snapshot');
    expect(snapshot.technical.map((t) => t.id)).toEqual([technical.id]);
    await later.close();
  });

  it('closes a console whose session was revoked (4001)', async () => {
    await stack.db.pool.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = $1`, [Authenticator.hash(vtUser.token)]);
    expect(await vt.closed).toBe(CLOSE_SESSION_ENDED);
  });
});
