import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@aware/protocol';
import { CLOSE_RESYNC } from '../src/live/console-session.js';
import { isAlarmEvent, openConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { api } from './helpers/http.js';
import { createUser, type TestUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

describe('the live feed across a network blip', () => {
  let stack: Stack;
  let user: TestUser;
  let pendants: TestPendantClient[];

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_LIVE_BUFFER_EVENTS: '20', DISPATCH_LIVE_MAX_BUFFERED_BYTES: '16384' });
    user = await createUser(stack.db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    pendants = [];
    for (let i = 0; i < 3; i++) {
      const p = await createAssignedPendant(stack.db.pool, `pendant-blip-${i}`, 'utrecht');
      await waitFor(() => stack.dispatch.context.directory.get(p.id)?.assignment, 5_000, 'directory to learn of the assignment');
      pendants.push(await connectPendant(stack.mqttUrl, p));
    }
  });

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.close()));
    await stack?.stop();
  });

  it('replays exactly the events a reconnecting console missed when it resumes from its last seq', async () => {
    const first = await openConsole(stack.wsUrl, user.token);
    const a = await pendants[0]!.press();
    await first.waitForAlarm((x) => x.deviceAlarmId === a);
    const lastSeq = first.lastSeq()!;
    await first.close();

    const b = await pendants[1]!.press();
    const c = await pendants[2]!.press();
    await waitFor(() => stack.dispatch.context.store.open().filter((x) => x.confirmedAt !== null).length === 3);

    const resumed = await openConsole(stack.wsUrl, user.token, { sinceSeq: lastSeq });
    const opened = await waitFor(() => {
      const ids = resumed.events.filter(isAlarmEvent).filter((e) => e.change === 'opened').map((e) => e.alarm.deviceAlarmId);
      return ids.length === 2 ? ids : undefined;
    });
    expect(opened.sort()).toEqual([b, c].sort());
    expect(resumed.events.some((e) => e.type === 'snapshot')).toBe(false);
    const seqs = resumed.events.flatMap((e) => (e.type === 'ping' ? [] : [e.seq]));
    expect(seqs[0]).toBeGreaterThan(lastSeq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    await resumed.close();
  });

  it('sends a snapshot instead when the missed events are no longer buffered (or come from an earlier run)', async () => {
    const stale = await openConsole(stack.wsUrl, user.token, { sinceSeq: 1 });
    const snapshot = await stale.waitForEvent((e): e is Extract<LiveEvent, { type: 'snapshot' }> => e.type === 'snapshot');
    expect(snapshot.alarms).toHaveLength(3);
    expect(snapshot.seq).toBe(stack.dispatch.context.feed.seq);
    await stale.close();
  });

  it('disconnects a console that stops reading with 4008 instead of stalling the others', async () => {
    const slow = await openConsole(stack.wsUrl, user.token);
    const fast = await openConsole(stack.wsUrl, user.token);
    await slow.waitForEvent((e): e is LiveEvent => e.type === 'snapshot');
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    // A console that asks for snapshots and never reads them: megabytes pile up for its socket.
    const resume = JSON.stringify({ type: 'resume', sinceSeq: 1 });
    for (let i = 0; i < 20_000 && slow.socket.readyState === slow.socket.OPEN; i++) {
      slow.socket.send(resume);
      if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const d = await pendants[1]!.press();
    await fast.waitForAlarm((x) => x.deviceAlarmId === d || x.pressCount > 1, 2_000);
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slow.closed).toBe(CLOSE_RESYNC);
    await fast.close();
  });

  it('replays an alarm resolved since without its location, trail or dossier, whatever sequence is asked for', async () => {
    const p = await createAssignedPendant(stack.db.pool, 'pendant-blip-closed', 'utrecht', 'Lotte de Graaf');
    await waitFor(() => stack.dispatch.context.directory.get(p.id)?.assignment, 5_000, 'directory to learn of the assignment');
    const pendant = await connectPendant(stack.mqttUrl, p);
    pendants.push(pendant);
    const before = stack.dispatch.context.feed.seq;
    const watching = await openConsole(stack.wsUrl, user.token);
    const key = await pendant.press({ fix: { lat: 52.0907, lon: 5.1214, acc: 9 } });
    const alarm = await watching.waitForAlarm((x) => x.deviceAlarmId === key);
    await pendant.location(key, { lat: 52.091, lon: 5.122, acc: 7, ts: Date.now() });
    await watching.waitForEvent((e): e is LiveEvent => e.type === 'trail' && e.alarmId === alarm.id);
    expect(alarm.lastFix).not.toBeNull();
    const resolved = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/resolve`, { token: user.token, body: { outcome: 'false_alarm' } });
    expect(resolved.status).toBe(200);
    await watching.close();

    // an operator of the region who signs in afterwards asks for everything since before the press
    const later = await createUser(stack.db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const replay = await openConsole(stack.wsUrl, later.token, { sinceSeq: before });
    const events = await waitFor(() => {
      const mine = replay.events.filter((e) => (isAlarmEvent(e) && e.alarm.id === alarm.id) || (e.type === 'trail' && e.alarmId === alarm.id));
      return mine.some((e) => isAlarmEvent(e) && e.change === 'resolved') ? mine : undefined;
    });
    expect(replay.events.some((e) => e.type === 'snapshot')).toBe(false);
    expect(events.filter((e) => e.type === 'trail')).toEqual([]);
    for (const e of events.filter(isAlarmEvent)) expect(e.alarm).toMatchObject({ lastFix: null, dossier: null });
    expect(JSON.stringify(replay.events)).not.toContain('Lotte de Graaf');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logged = await stack.db.pool.query(`SELECT count(*)::int AS n FROM access_log WHERE user_id = $1`, [later.userId]);
    expect(logged.rows[0].n).toBe(0);
    await replay.close();
  });
});
