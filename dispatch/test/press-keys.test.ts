import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmView } from '@aware/protocol';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant, type TestPendant } from './helpers/dossiers.js';
import { api } from './helpers/http.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser, type TestUser } from './helpers/people.js';
import { collectingLogger, dispatchEnv, startStack, waitConnected, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';
import { loadConfig } from '../src/config.js';
import { start } from '../src/start.js';

const fix = { lat: 52.0907, lon: 5.1214, acc: 12 };

/**
 * A pendant trusts one signal: `alarm_received` with the alarm id it sent. These are the presses whose
 * key the platform has seen before, and the presses it cannot fully read.
 */
describe('press keys: a press is never swallowed, and is confirmed by its own id', () => {
  let stack: Stack;
  let operator: TestUser;
  let board: TestConsole;
  let serial = 0;

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_PRESS_RESEND_WINDOW_S: '10' });
    operator = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    board = await openConsole(stack.wsUrl, operator.token);
  });

  afterAll(async () => {
    await board?.close();
    await stack?.stop();
  });

  const pendantFor = async (): Promise<{ pendant: TestPendant; client: TestPendantClient }> => {
    const pendant = await createAssignedPendant(stack.db.pool, `pendant-keys-${++serial}`, 'utrecht');
    await waitFor(() => stack.dispatch.context.directory.get(pendant.id)?.assignment, 5_000, 'directory to learn of the assignment');
    return { pendant, client: await connectPendant(stack.mqttUrl, pendant) };
  };
  const send = (client: TestPendantClient, body: Record<string, unknown>) => client.publishRaw('alarm', JSON.stringify(body));
  const confirmations = (client: TestPendantClient, alarmId: string) => client.commands.filter((c) => c.type === 'alarm_received' && c.alarmId === alarmId).length;
  const resolve = async (alarm: AlarmView) => {
    const res = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/resolve`, { token: operator.token, body: { outcome: 'false_alarm' } });
    expect(res.status).toBe(200);
    await waitFor(() => !board.board().has(alarm.id), 5_000, 'the resolved alarm to leave the board');
  };
  const alarmsOf = async (deviceId: string) =>
    (await stack.db.pool.query(`SELECT id, state, device_alarm_id, reused_key, invalid_payload FROM alarms WHERE device_id = $1 ORDER BY received_at`, [deviceId])).rows;

  it('opens a new alarm, flagged as a reused key, when a pendant presses with the key of a resolved alarm', async () => {
    const { pendant, client } = await pendantFor();
    try {
      await send(client, { alarmId: 'counter-00000001', ts: Date.now() - 60_000, fix });
      const first = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      await client.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === 'counter-00000001');
      expect(first.flags.reusedKey).toBe(false);
      await resolve(first);

      // the pendant rebooted and its counter started again: a new press, the same key
      await send(client, { alarmId: 'counter-00000001', ts: Date.now(), fix });
      const second = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      expect(second.id).not.toBe(first.id);
      expect(second).toMatchObject({ state: 'new', deviceAlarmId: 'counter-00000001', flags: { reusedKey: true, invalidPayload: false } });
      await waitFor(() => confirmations(client, 'counter-00000001') === 2, 5_000, 'the second press to be confirmed');
      await waitFor(async () => (await alarmsOf(pendant.id)).length === 2);
      expect(await alarmsOf(pendant.id)).toMatchObject([
        { id: first.id, state: 'resolved', reused_key: false },
        { id: second.id, state: 'new', reused_key: true, device_alarm_id: 'counter-00000001' },
      ]);
    } finally {
      await client.close();
    }
  });

  it('takes the same press arriving again shortly after its alarm was resolved for what it is: confirmed, no new alarm', async () => {
    const { pendant, client } = await pendantFor();
    try {
      const press = { alarmId: 'resend-00000001', ts: Date.now(), fix };
      await send(client, press);
      const alarm = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      await client.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === press.alarmId);
      await resolve(alarm);

      // the pendant missed the confirmation and resends its press (same press time, next attempt)
      await send(client, { ...press, attempt: 2 });
      await waitFor(() => confirmations(client, press.alarmId) === 2, 5_000, 'the resend to be confirmed');
      await new Promise((r) => setTimeout(r, 300));
      expect([...board.board().values()].filter((a) => a.deviceId === pendant.id)).toEqual([]);
      expect(await alarmsOf(pendant.id)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('raises the same press again once the resend window has passed since its first copy: the pendant is still asking', async () => {
    const { pendant, client } = await pendantFor();
    try {
      const press = { alarmId: 'late-000000001', ts: Date.now() };
      await send(client, press);
      const alarm = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      await resolve(alarm);
      await new Promise((r) => setTimeout(r, 10_500)); // DISPATCH_PRESS_RESEND_WINDOW_S=10 in this stack
      await send(client, { ...press, attempt: 9 });
      const again = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      expect(again.id).not.toBe(alarm.id);
      expect(again.flags.reusedKey).toBe(true);
      await waitFor(() => confirmations(client, press.alarmId) === 2);
    } finally {
      await client.close();
    }
  }, 20_000);

  it('remembers which keys were used across a restart of dispatch, and a third use opens a third alarm', async () => {
    const { pendant, client } = await pendantFor();
    try {
      await send(client, { alarmId: 'restart-0000001', ts: Date.now() - 5_000 });
      const first = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      await resolve(first);

      await board.close();
      await stack.dispatch.stop();
      const { logger } = collectingLogger();
      stack.dispatch = await start(loadConfig(dispatchEnv(stack.mqttUrl, stack.journalDir, { DISPATCH_PRESS_RESEND_WINDOW_S: '10' })), {
        pool: stack.db.newPool({ max: 5, applicationName: 'aware-dispatch' }),
        logger,
      });
      await waitConnected(stack.dispatch);
      const wsUrl = stack.dispatch.address.replace('[::1]', '127.0.0.1').replace(/^http/, 'ws');
      board = await openConsole(wsUrl, operator.token);
      Object.assign(stack, { httpUrl: stack.dispatch.address.replace('[::1]', '127.0.0.1'), wsUrl });

      await send(client, { alarmId: 'restart-0000001', ts: Date.now() });
      const second = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      expect(second.id).not.toBe(first.id);
      expect(second.flags.reusedKey).toBe(true);
      await resolve(second);
      await send(client, { alarmId: 'restart-0000001', ts: Date.now() + 1 });
      const third = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      expect(new Set([first.id, second.id, third.id]).size).toBe(3);
      await waitFor(() => confirmations(client, 'restart-0000001') === 3);
      await waitFor(async () => (await alarmsOf(pendant.id)).length === 3);
    } finally {
      await client.close();
    }
  });

  it('confirms an invalid press whose alarm id is readable with that id, keeps its fix and battery, and joins its copies into one alarm', async () => {
    const { pendant, client } = await pendantFor();
    try {
      // a firmware update sends the press time as an ISO string: the payload fails validation
      const body = { alarmId: 'iso-time-000001', ts: new Date().toISOString(), fix, battery: 41 };
      await send(client, body);
      const alarm = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      expect(alarm).toMatchObject({ deviceAlarmId: 'iso-time-000001', battery: 41, lastFix: fix, flags: { invalidPayload: true, noFix: false } });
      await client.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === 'iso-time-000001');

      // the pendant resends it, as it does until confirmed; it joins the same alarm
      await send(client, { ...body, attempt: 2 });
      await send(client, { ...body, attempt: 3 });
      await waitFor(() => confirmations(client, 'iso-time-000001') === 3, 5_000, 'every copy to be confirmed with the pendant’s own id');
      expect([...board.board().values()].filter((a) => a.deviceId === pendant.id)).toHaveLength(1);
      await waitFor(async () => (await alarmsOf(pendant.id)).length === 1);
      expect(await alarmsOf(pendant.id)).toMatchObject([{ id: alarm.id, device_alarm_id: 'iso-time-000001', invalid_payload: true }]);
      expect(client.commands.filter((c) => c.type === 'alarm_received' && c.alarmId.startsWith('inv_'))).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('still raises a press with no readable alarm id, flagged, confirmed with a derived id', async () => {
    const { pendant, client } = await pendantFor();
    try {
      await client.publishRaw('alarm', '{"alarmId": "no", "ts": "yesterday"}');
      const alarm = await board.waitForAlarm((a) => a.deviceId === pendant.id);
      expect(alarm).toMatchObject({ deviceAlarmId: null, flags: { invalidPayload: true } });
      const confirmation = await client.waitForCommand((c) => c.type === 'alarm_received');
      expect(confirmation).toMatchObject({ alarmId: expect.stringMatching(/^inv_/) });
    } finally {
      await client.close();
    }
  });
});
