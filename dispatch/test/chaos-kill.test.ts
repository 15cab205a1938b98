import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBroker } from '@aware/broker';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDispatch, type ChildDispatch } from './helpers/child-dispatch.js';
import { isAlarmEvent, openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser, type TestUser } from './helpers/people.js';
import { collectingLogger, dispatchEnv, startTestBroker } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const PENDANTS = 30;

describe('chaos: dispatch is killed (-9) during a stream of presses', () => {
  let db: TestDatabase;
  let broker: RunningBroker;
  let mqttUrl: string;
  let journalDir: string;
  let env: Record<string, string>;
  let dispatch: ChildDispatch;
  let users: TestUser[];
  let pendants: TestPendantClient[];
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ broker, url: mqttUrl } = await startTestBroker(db.pool, collectingLogger('warn').logger));
    journalDir = await mkdtemp(join(tmpdir(), 'dispatch-chaos-kill-'));
    env = { ...dispatchEnv(mqttUrl, journalDir, { DISPATCH_ESCALATION_MS: '600000' }), DATABASE_URL: db.url };
    users = [
      await createUser(db.pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] }),
      await createUser(db.pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] }),
    ];
    pendants = [];
    for (let i = 0; i < PENDANTS; i++) {
      const p = await createAssignedPendant(db.pool, `pendant-kill-${String(i).padStart(2, '0')}`, 'utrecht');
      pendants.push(await connectPendant(mqttUrl, p));
    }
    dispatch = await spawnDispatch(env);
  });

  afterAll(async () => {
    await Promise.all(consoles.map((c) => c.close()));
    await Promise.all((pendants ?? []).map((p) => p.close()));
    await dispatch?.stop();
    await broker?.stop();
    await db?.close();
    if (journalDir) await rm(journalDir, { recursive: true, force: true });
  });

  it('loses no alarm and stores none twice: the broker redelivers what was not durable, the restart recognises what was', async () => {
    const ws = (address: string) => address.replace(/^http/, 'ws');
    for (const u of users) consoles.push(await openConsole(ws(dispatch.address), u.token));
    const keys = pendants.map((_, i) => `chaos-kill-${String(i).padStart(2, '0')}`);
    const presses: Promise<void>[] = [];
    for (let i = 0; i < PENDANTS; i++) {
      presses.push(pendants[i]!.pressUntilConfirmed(keys[i]!, 3_000, 40_000));
      if (i === 12) {
        await dispatch.kill9();
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    // presses 13.. were published while dispatch was dead: the broker holds them in its persistent session
    dispatch = await spawnDispatch(env);
    // the killed process still holds the lease until it expires (DISPATCH_LEASE_TTL_MS + _GRACE_MS)
    await dispatch.whenActive();
    const resumed = await Promise.all(
      users.map((u, i) => openConsole(ws(dispatch.address), u.token, { sinceSeq: consoles[i]!.lastSeq() ?? 0 })),
    );
    await Promise.all(presses);

    const { rows } = await db.pool.query<{ id: string; device_id: string; device_alarm_id: string }>(
      `SELECT id, device_id, device_alarm_id FROM alarms ORDER BY device_id`,
    );
    expect(rows.map((r) => r.device_alarm_id)).toEqual(keys);
    const opened = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarm_events WHERE change = 'opened'`);
    expect(opened.rows[0]!.n).toBe(PENDANTS);
    const pressRows = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarm_presses`);
    expect(pressRows.rows[0]!.n).toBe(PENDANTS);

    const stored = new Set(rows.map((r) => r.id));
    for (const [i, c] of resumed.entries()) {
      // A resumed console from the killed run gets a snapshot of the new one, then the live events.
      await waitFor(() => c.board().size === PENDANTS, 10_000, 'every alarm on the resumed console');
      expect([...c.board().keys()].sort()).toEqual([...stored].sort());
      // Every alarm id any console ever saw (before and after the kill) is a stored alarm: none shown twice under two ids.
      const seen = [...consoles[i]!.events, ...c.events].flatMap((e) => (isAlarmEvent(e) ? [e.alarm.id] : []));
      expect([...new Set(seen)].every((id) => stored.has(id))).toBe(true);
    }
    await Promise.all(resumed.map((c) => c.close()));
  }, 90_000);
});
