import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@aware/protocol';
import { isAlarmEvent, openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const fix = { lat: 52.0907, lon: 5.1214, acc: 12 };
const ESCALATION_MS = 300;
type AlarmEvent = Extract<LiveEvent, { type: 'alarm' }>;

/**
 * Test alarms prove the chain without looking like an emergency: a wearer's deliberate test press, and any
 * press of a test pendant. They are confirmed to the pendant and shown (marked) on the Veilig Thuis board,
 * their latency recorded, but they never escalate and the police board does not show them.
 */
describe('test alarms', () => {
  let stack: Stack;
  let police: TestConsole;
  let vt: TestConsole;
  const pendants: TestPendantClient[] = [];

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_ESCALATION_MS: String(ESCALATION_MS) });
    const pool = stack.db.pool;
    const policeUser = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const vtUser = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    police = await openConsole(stack.wsUrl, policeUser.token);
    vt = await openConsole(stack.wsUrl, vtUser.token);
  });

  afterAll(async () => {
    await Promise.all([police, vt].map((c) => c?.close()));
    await Promise.all(pendants.map((p) => p.close()));
    await stack?.stop();
  });

  const pendantOf = async (id: string, testPendant = false) => {
    const p = await createAssignedPendant(stack.db.pool, id, 'utrecht');
    if (testPendant) {
      await stack.db.pool.query('UPDATE devices SET is_test = true WHERE id = $1', [id]);
      await waitFor(() => stack.dispatch.context.directory.get(id)?.isTest === true || null, 5_000, 'dispatch to learn the pendant is a test pendant');
    }
    const client = await connectPendant(stack.mqttUrl, p);
    pendants.push(client);
    return client;
  };
  const opened = (c: TestConsole, alarmId: string) => c.waitForEvent((e): e is AlarmEvent => isAlarmEvent(e) && e.change === 'opened' && e.alarm.deviceAlarmId === alarmId);
  const settle = () => new Promise((resolve) => setTimeout(resolve, ESCALATION_MS * 3));

  it("confirms a wearer's test press, shows it marked TEST to Veilig Thuis only, records it, and never escalates it", async () => {
    const pendant = await pendantOf('test-press-1');
    const alarmId = await pendant.press({ fix, test: true });
    await pendant.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === alarmId);
    const atVt = await opened(vt, alarmId);
    expect(atVt.alarm.flags).toMatchObject({ test: true });
    await settle();
    expect(vt.board().get(atVt.alarm.id)).toMatchObject({ state: 'new', escalatedAt: null, flags: { test: true } });
    expect(police.events.filter((e) => isAlarmEvent(e) && e.alarm.id === atVt.alarm.id)).toEqual([]);
    const { rows } = await stack.db.pool.query(`SELECT is_test, escalated_at, confirmed_at IS NOT NULL AS confirmed, first_console_at IS NOT NULL AS seen FROM alarms WHERE id = $1`, [atVt.alarm.id]);
    expect(rows).toEqual([{ is_test: true, escalated_at: null, confirmed: true, seen: true }]);
  });

  it('treats every press of a test pendant as a test', async () => {
    const pendant = await pendantOf('test-pendant-1', true);
    const alarmId = await pendant.press({ fix });
    await pendant.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === alarmId);
    const atVt = await opened(vt, alarmId);
    expect(atVt.alarm.flags.test).toBe(true);
    await settle();
    expect(vt.board().get(atVt.alarm.id)?.escalatedAt).toBeNull();
    expect(police.events.filter((e) => isAlarmEvent(e) && e.alarm.id === atVt.alarm.id)).toEqual([]);
  });

  it('makes an open test alarm real when a real press follows: the police see it, and it escalates', async () => {
    const pendant = await pendantOf('test-then-real-1');
    const testId = await pendant.press({ fix, test: true });
    const atVt = await opened(vt, testId);
    const realId = await pendant.press({ fix });
    await pendant.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === realId);
    const atPolice = await police.waitForEvent((e): e is AlarmEvent => isAlarmEvent(e) && e.alarm.id === atVt.alarm.id);
    expect(atPolice.alarm.flags.test).toBe(false);
    await waitFor(() => police.board().get(atVt.alarm.id)?.escalatedAt ?? null, 5_000, 'the escalation');
    await waitFor(async () => {
      const { rows } = await stack.db.pool.query<{ is_test: boolean }>(`SELECT is_test FROM alarms WHERE id = $1`, [atVt.alarm.id]);
      return rows[0]?.is_test === false || null;
    }, 5_000, 'the alarm stored as real');
  });
});
