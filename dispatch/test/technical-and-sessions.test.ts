import { TECHNICAL_ALARM_CHANNEL, type LiveEvent } from '@aware/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_SESSION_ENDED } from '../src/live/console-session.js';
import { Authenticator } from '../src/auth/authenticator.js';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant, createPendant } from './helpers/dossiers.js';
import { connectPendant } from './helpers/pendant.js';
import { waitFor } from './helpers/wait.js';
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
    const technical = { id: rows[0]!.id, deviceId: 'pendant-silent-1', kind: 'pendant_silent', openedAt: rows[0]!.opened_at.toISOString(), clearedAt: null, handling: null };
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

  it('closes an open console whose user lost a role, and sends it nothing more after that', async () => {
    // a Veilig Thuis operator who is also device administrator: without vt_operator she may still watch
    // (technical alarms), but never again see an alarm with location and client name
    const user = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator', 'device_admin'] });
    const board = await openConsole(stack.wsUrl, user.token);
    await board.waitForEvent((e): e is LiveEvent => e.type === 'snapshot');
    await stack.db.pool.query(`DELETE FROM user_roles WHERE user_id = $1 AND role = 'vt_operator'`, [user.userId]);
    expect(await board.closed).toBe(CLOSE_SESSION_ENDED);

    const p = await createAssignedPendant(stack.db.pool, 'pendant-role-1', 'utrecht', 'Sanne Bos');
    await waitFor(() => stack.dispatch.context.directory.get(p.id)?.assignment, 5_000, 'directory to learn of the assignment');
    const pendant = await connectPendant(stack.mqttUrl, p);
    try {
      await pendant.press({ fix: { lat: 52.09, lon: 5.12, acc: 10 } });
      await police.waitForAlarm((a) => a.deviceId === p.id);
      expect(JSON.stringify(board.events)).not.toContain('Sanne Bos');
      // reconnecting with the rights she has now: technical alarms only, no alarm board
      const again = await openConsole(stack.wsUrl, user.token);
      const snapshot = await again.waitForEvent((e): e is Extract<LiveEvent, { type: 'snapshot' }> => e.type === 'snapshot');
      expect(snapshot.alarms).toEqual([]);
      await again.close();
    } finally {
      await pendant.close();
    }
  });
});
