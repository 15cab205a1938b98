import type { Pendant } from '@aware/firmware-sim';
import type pg from 'pg';
import { waitFor } from '../../dispatch/test/helpers/wait.js';
import { confirmation, type TestConsole } from './people.js';

export interface PressOutcome {
  readonly deviceId: string;
  readonly alarmId: string;
  readonly confirmed: Promise<{ alarmId: string; latencyMs: number; attempts: number }>;
}

/**
 * One press per pendant, `gapMs` apart, each resent by its pendant until confirmed; `during(i)` runs
 * before press i (a kill, a restart). Every pendant must be online and have no open alarm.
 */
export async function pressStorm(pendants: readonly Pendant[], gapMs: number, during: (i: number) => Promise<void> | void, timeoutMs = 60_000): Promise<PressOutcome[]> {
  const outcomes: PressOutcome[] = [];
  for (const [i, pendant] of pendants.entries()) {
    await during(i);
    const alarmId = pendant.press();
    const confirmed = confirmation(pendant, alarmId, timeoutMs);
    confirmed.catch(() => undefined);
    outcomes.push({ deviceId: pendant.id, alarmId, confirmed });
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return outcomes;
}

export interface StormVerdict {
  readonly presses: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly resent: number;
  readonly maxConfirmMs: number;
}

/**
 * What a user would check after a storm: every press confirmed to its pendant with its own id, exactly one
 * alarm per press in the database (one press row each, one `opened` event each) among the alarms of those
 * pendants, and every console's board showing those alarms and none that is not stored (no second id).
 */
export async function verdict(db: pg.Pool, outcomes: readonly PressOutcome[], boards: readonly TestConsole[]): Promise<StormVerdict> {
  const confirmations = await Promise.all(outcomes.map((o) => o.confirmed));
  const { rows } = await db.query<{ id: string; device_id: string; device_alarm_id: string; presses: number; opened: number }>(
    `SELECT a.id, a.device_id, a.device_alarm_id,
            (SELECT count(*)::int FROM alarm_presses p WHERE p.alarm_id = a.id) AS presses,
            (SELECT count(*)::int FROM alarm_events e WHERE e.alarm_id = a.id AND e.change = 'opened') AS opened
       FROM alarms a WHERE a.device_id = ANY ($1)`,
    [[...new Set(outcomes.map((o) => o.deviceId))]],
  );
  const byKey = new Map(rows.map((r) => [`${r.device_id}/${r.device_alarm_id}`, r]));
  const lost = outcomes.filter((o) => !byKey.has(`${o.deviceId}/${o.alarmId}`)).length;
  const duplicated = rows.length - (outcomes.length - lost) + rows.filter((r) => r.presses !== 1 || r.opened !== 1).length;
  const stored = new Set(rows.map((r) => r.id));
  const all = new Set((await db.query<{ id: string }>(`SELECT id FROM alarms`)).rows.map((r) => r.id));
  for (const board of boards) {
    await waitFor(() => [...stored].every((id) => board.board().has(id)), 15_000, `all ${stored.size} alarms on a console`);
    if (![...board.board().keys()].every((id) => all.has(id))) throw new Error('a console shows an alarm that is not stored');
  }
  return {
    presses: outcomes.length,
    lost,
    duplicated,
    resent: confirmations.filter((c) => c.attempts > 1).length,
    maxConfirmMs: Math.round(Math.max(...confirmations.map((c) => c.latencyMs))),
  };
}
