import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBroker } from '@aware/broker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { start, type RunningDispatch } from '../src/start.js';
import { openConsole } from './helpers/console.js';
import { createAssignedPendant } from './helpers/dossiers.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser } from './helpers/people.js';
import { startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js';
import { collectingLogger, dispatchEnv, startTestBroker } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

describe('chaos: dispatch starts while PostgreSQL is down', () => {
  let postgres: PrivatePostgres;
  let pool: pg.Pool;
  let broker: RunningBroker;
  let dispatch: RunningDispatch | undefined;
  let journalDir: string;
  let pendants: TestPendantClient[] = [];
  let mqttUrl: string;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    pool = new pg.Pool({ connectionString: postgres.url, max: 10, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    ({ broker, url: mqttUrl } = await startTestBroker(pool, collectingLogger('error').logger));
    journalDir = await mkdtemp(join(tmpdir(), 'dispatch-chaos-start-'));
    for (const id of ['pendant-early-1', 'pendant-early-2']) {
      const p = await createAssignedPendant(pool, id, 'utrecht');
      pendants.push(await connectPendant(mqttUrl, p));
    }
  });

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.close()));
    await dispatch?.stop();
    await broker?.stop();
    await pool?.end();
    await postgres?.destroy();
    if (journalDir) await rm(journalDir, { recursive: true, force: true });
  });

  it('takes no press before the database (and the lease in it) is back, then handles those that waited in the broker and knows the open alarms', async () => {
    // an alarm that is open in the database before the outage
    const env = dispatchEnv(mqttUrl, journalDir, { DISPATCH_STARTUP_DB_WAIT_MS: '300', DISPATCH_DB_PROBE_MS: '200', DISPATCH_DB_WRITE_TIMEOUT_MS: '500' });
    const { logger } = collectingLogger('warn');
    const first = await start(loadConfig(env), { pool, logger });
    await waitFor(async () => ((await (await fetch(`${first.address}/healthz`)).json()) as { broker: boolean }).broker);
    await pendants[0]!.pressUntilConfirmed('early-press-0001', 2_000, 10_000);
    await first.stop();

    await postgres.stop();
    dispatch = await start(loadConfig(env), { pool, logger });
    // Which node may handle alarms is decided in the database: without it no node is active. A press
    // waits in the broker's persistent session meanwhile (the pendant is not told it was received).
    expect(dispatch.role).toBe('standby');
    const confirmed = pendants[1]!.pressUntilConfirmed('during-outage-01', 1_000, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(pendants[1]!.commands.some((c) => c.type === 'alarm_received')).toBe(false);
    await postgres.start();
    await dispatch.whenActive();
    await confirmed;

    await waitFor(() => dispatch!.context.store.openCount === 2, 10_000, 'the open alarm from the database in memory');
    const { rows } = await pool.query<{ device_alarm_id: string }>(`SELECT device_alarm_id FROM alarms ORDER BY device_alarm_id`);
    expect(rows.map((r) => r.device_alarm_id)).toEqual(['during-outage-01', 'early-press-0001']);
    const user = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    const board = await openConsole(dispatch.address.replace(/^http/, 'ws'), user.token);
    await waitFor(() => board.board().size === 2, 3_000, 'both alarms on a console');
    await board.close();
  }, 60_000);
});
