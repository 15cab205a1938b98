import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBroker } from '@aware/broker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { start, type RunningDispatch } from '../src/start.js';
import { isAlarmEvent, openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser } from './helpers/people.js';
import { startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js';
import { collectingLogger, dispatchEnv, startTestBroker, waitConnected } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

const PENDANTS = 30;
const SECOND_PRESSES = 10;

describe('chaos: PostgreSQL stops during a stream of presses', () => {
  let postgres: PrivatePostgres;
  let pool: pg.Pool;
  let broker: RunningBroker;
  let dispatch: RunningDispatch;
  let journalDir: string;
  let consoles: TestConsole[];
  let pendants: TestPendantClient[];

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    pool = new pg.Pool({ connectionString: postgres.url, max: 12 });
    pool.on('error', () => undefined);
    const { logger } = collectingLogger('warn');
    let url: string;
    ({ broker, url } = await startTestBroker(pool, logger));
    journalDir = await mkdtemp(join(tmpdir(), 'dispatch-chaos-db-'));
    const env = dispatchEnv(url, journalDir, { DISPATCH_DB_WRITE_TIMEOUT_MS: '500', DISPATCH_DB_PROBE_MS: '200', DISPATCH_ESCALATION_MS: '600000' });
    dispatch = await start(loadConfig(env), { pool, logger });
    await waitConnected(dispatch);
    const police = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const vt = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'] });
    const ws = dispatch.address.replace(/^http/, 'ws');
    consoles = [await openConsole(ws, police.token), await openConsole(ws, vt.token)];
    pendants = [];
    for (let i = 0; i < PENDANTS; i++) {
      const p = await createAssignedPendant(pool, `pendant-pgdown-${String(i).padStart(2, '0')}`, 'utrecht');
      pendants.push(await connectPendant(url, p));
    }
    await waitFor(() => dispatch.context.directory.size >= PENDANTS, 3_000, 'directory');
  });

  afterAll(async () => {
    await Promise.all((consoles ?? []).map((c) => c.close()));
    await Promise.all((pendants ?? []).map((p) => p.close()));
    await dispatch?.stop();
    await broker?.stop();
    await pool?.end();
    await postgres?.destroy();
    if (journalDir) await rm(journalDir, { recursive: true, force: true });
  });

  it('keeps alarms flowing to the consoles, confirms them from the journal, and stores every one exactly once when it is back', async () => {
    const presses: Promise<void>[] = [];
    const keys: string[] = [];
    const press = (i: number, n: number) => {
      const key = `chaos-db-${String(i).padStart(2, '0')}-${n}`;
      keys.push(key);
      presses.push(pendants[i]!.pressUntilConfirmed(key, 2_000, 30_000));
    };
    const confirmed = () => pendants.reduce((n, p) => n + p.commands.filter((c) => c.type === 'alarm_received').length, 0);
    let confirmedWhileDown = 0;
    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await postgres.stop();
      const atStop = confirmed();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(dispatch.context.durable.mode).toBe('journal');
      confirmedWhileDown = confirmed() - atStop;
      await postgres.start();
    })();
    for (let i = 0; i < PENDANTS; i++) {
      press(i, 1);
      if (i < SECOND_PRESSES) press(i, 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await outage;
    await Promise.all(presses);
    await waitFor(() => dispatch.context.durable.mode === 'db', 15_000, 'the journal to be replayed');

    const alarms = await pool.query<{ device_id: string; press_count: number }>(`SELECT device_id, press_count FROM alarms ORDER BY device_id`);
    expect(alarms.rows).toHaveLength(PENDANTS);
    expect(new Set(alarms.rows.map((r) => r.device_id)).size).toBe(PENDANTS);
    expect(alarms.rows.filter((r) => r.press_count === 2)).toHaveLength(SECOND_PRESSES);
    const stored = await pool.query<{ device_alarm_id: string }>(`SELECT device_alarm_id FROM alarm_presses`);
    expect(stored.rows.map((r) => r.device_alarm_id).sort()).toEqual([...keys].sort());
    const opened = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM alarm_events WHERE change = 'opened'`);
    expect(opened.rows[0]!.n).toBe(PENDANTS);

    for (const c of consoles) {
      const ids = c.events.filter(isAlarmEvent).filter((e) => e.change === 'opened').map((e) => e.alarm.deviceId);
      expect(ids.sort()).toEqual(alarms.rows.map((r) => r.device_id));
      expect(c.board().size).toBe(PENDANTS);
    }
    expect(confirmedWhileDown).toBeGreaterThan(10);
    expect((await stat(join(journalDir, 'alarm-journal.jsonl'))).size).toBe(0);
  }, 60_000);
});
