import type { Queryable } from '@aware/db';
import type { DurableWrite } from '../writes.js';
import { iso, outboxRows } from './json-rows.js';

export type TransitionKind = 'alarm_confirmed' | 'alarm_seen' | 'alarm_escalated' | 'alarm_acknowledged' | 'alarm_dispatched' | 'alarm_resolved';
type Transition<K extends TransitionKind = TransitionKind> = Extract<DurableWrite, { kind: K }>;

/**
 * Lifecycle changes, one statement per kind for any number of alarms. Each UPDATE applies only when the
 * change has not happened yet (its time is NULL, the state allows it); events and outbox rows are written
 * only for the rows it changed: a replay changes nothing twice.
 */
const events = (change: string, actor: string, payload: string) => `e AS (
  INSERT INTO alarm_events (alarm_id, change, at, actor_user_id, actor, payload)
  SELECT id, '${change}', at, ${actor === 'system' ? 'NULL' : 'user_id'}, ${actor === 'system' ? "'system'" : 'actor'}, ${payload} FROM u
)`;
const outbox = `o AS (
  INSERT INTO outbox (alarm_id, topic, target, format, payload, dedupe_key)
  SELECT u.id, o.topic, o.target, o.format, o.payload, o.dedupe_key
  FROM u, jsonb_to_recordset(u.outbox) AS o(topic text, target text, format text, payload jsonb, dedupe_key text)
  ON CONFLICT (target, dedupe_key) DO NOTHING
)`;
const rows = (columns: string) => `x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(alarm_id uuid, at timestamptz${columns}))`;

const SQL: Record<TransitionKind, string> = {
  alarm_confirmed: `WITH ${rows('')},
    u AS (UPDATE alarms a SET confirmed_at = x.at, updated_at = now() FROM x WHERE a.id = x.alarm_id AND a.confirmed_at IS NULL RETURNING a.id, x.at),
    ${events('confirmed', 'system', "'{}'::jsonb")}
    SELECT 1`,
  alarm_seen: `WITH ${rows('')}
    UPDATE alarms a SET first_console_at = x.at FROM x WHERE a.id = x.alarm_id AND a.first_console_at IS NULL`,
  alarm_escalated: `WITH ${rows(', outbox jsonb')},
    u AS (UPDATE alarms a SET escalated_at = x.at, updated_at = now() FROM x
          WHERE a.id = x.alarm_id AND a.escalated_at IS NULL AND a.state = 'new' RETURNING a.id, x.at, x.outbox),
    ${events('escalated', 'system', "'{}'::jsonb")}, ${outbox}
    SELECT 1`,
  alarm_acknowledged: `WITH ${rows(', user_id uuid, actor text, note text, outbox jsonb')},
    u AS (UPDATE alarms a SET state = 'acknowledged', acknowledged_at = x.at, acknowledged_by = x.user_id, updated_at = now() FROM x
          WHERE a.id = x.alarm_id AND a.state = 'new' RETURNING a.id, x.at, x.user_id, x.actor, x.note, x.outbox),
    ${events('acknowledged', 'user', "jsonb_build_object('note', note)")}, ${outbox}
    SELECT 1`,
  alarm_dispatched: `WITH ${rows(', user_id uuid, actor text, unit text, note text, outbox jsonb')},
    u AS (UPDATE alarms a SET state = 'dispatched', dispatched_at = x.at, dispatched_by = x.user_id, dispatch_unit = x.unit, updated_at = now() FROM x
          WHERE a.id = x.alarm_id AND a.state = 'acknowledged' RETURNING a.id, x.at, x.user_id, x.actor, x.unit, x.note, x.outbox),
    ${events('dispatched', 'user', "jsonb_build_object('unit', unit, 'note', note)")}, ${outbox}
    SELECT 1`,
  alarm_resolved: `WITH ${rows(', user_id uuid, actor text, outcome text, note text, outbox jsonb')},
    u AS (UPDATE alarms a SET state = 'resolved', resolved_at = x.at, resolved_by = x.user_id, outcome = x.outcome::alarm_outcome,
            resolution_note = x.note, updated_at = now() FROM x
          WHERE a.id = x.alarm_id AND a.state <> 'resolved' RETURNING a.id, x.at, x.user_id, x.actor, x.outcome, x.note, x.outbox),
    ${events('resolved', 'user', "jsonb_build_object('outcome', outcome, 'note', note)")}, ${outbox}
    SELECT 1`,
};

function row(w: Transition): Record<string, unknown> {
  const base = { alarm_id: w.alarmId, at: iso(w.at) };
  switch (w.kind) {
    case 'alarm_confirmed':
    case 'alarm_seen':
      return base;
    case 'alarm_escalated':
      return { ...base, outbox: outboxRows(w.outbox) };
    case 'alarm_acknowledged':
      return { ...base, user_id: w.actor.userId, actor: w.actor.name, note: w.note, outbox: outboxRows(w.outbox) };
    case 'alarm_dispatched':
      return { ...base, user_id: w.actor.userId, actor: w.actor.name, unit: w.unit, note: w.note, outbox: outboxRows(w.outbox) };
    case 'alarm_resolved':
      return { ...base, user_id: w.actor.userId, actor: w.actor.name, outcome: w.outcome, note: w.note, outbox: outboxRows(w.outbox) };
  }
}

/** Applies transitions that are all of `kind`. */
export async function applyTransitions(db: Queryable, kind: TransitionKind, writes: readonly Transition[]): Promise<void> {
  await db.query(SQL[kind], [JSON.stringify(writes.map(row))]);
}
