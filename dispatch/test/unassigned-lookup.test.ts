import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createPendant } from './helpers/dossiers.js';
import { connectPendant } from './helpers/pendant.js';
import { createUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

/**
 * A press of a pendant dispatch holds as unassigned first reads its assignment from the database (a
 * hand-over may not have come through yet), bounded by DISPATCH_DIRECTORY_LOOKUP_MS. The bound is a
 * ceiling for a database that does not answer, not a wait: here it is 5 s, and every press must reach
 * the console and be confirmed as soon as the database has answered.
 */
describe('the fresh-assignment lookup of an unassigned pendant', () => {
  let stack: Stack;
  let board: TestConsole;

  beforeAll(async () => {
    stack = await startStack({ DISPATCH_DIRECTORY_LOOKUP_MS: '5000' });
    const user = await createUser(stack.db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    board = await openConsole(stack.wsUrl, user.token);
  });
  afterAll(async () => {
    await board?.close();
    await stack?.stop();
  });

  it('returns when the database answers, not when its bound runs out', async () => {
    for (let i = 0; i < 5; i++) {
      const loose = await createPendant(stack.db.pool, `pendant-lookup-${i}`, 'utrecht');
      await waitFor(() => stack.dispatch.context.directory.get(loose.id), 5_000, 'directory to learn of the pendant');
      const client = await connectPendant(stack.mqttUrl, loose);
      try {
        const alarmId = await client.press();
        // well inside the 5 s bound: a lookup that waited for its bound would miss both
        const alarm = await board.waitForAlarm((a) => a.deviceAlarmId === alarmId, 2_000);
        expect(alarm.flags.unassigned).toBe(true);
        await client.waitForCommand((c) => c.type === 'alarm_received' && c.alarmId === alarmId, 2_000);
      } finally {
        await client.close();
      }
    }
    expect(stack.logs.filter((l) => l.msg.startsWith('assignment not read in time'))).toEqual([]);
  });
});
