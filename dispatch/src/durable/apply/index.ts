import type { Queryable } from '@aware/db';
import { laneOf, type DurableWrite, type DurableWriteKind } from '../writes.js';
import { applyAccessLogged } from './access-logged.js';
import { applyAlarmsOpened } from './alarm-opened.js';
import { applyPressesAttached } from './press-attached.js';
import { applyTrailsAppended } from './trail-appended.js';
import { applyTransitions, type TransitionKind } from './transitions.js';

/** One SQL statement applying some writes; statements run in order, in one transaction when there are several. */
export type Statement = (db: Queryable) => Promise<void>;

/** Lanes whose writes are independent of each other (any order is right). */
const UNORDERED_LANES = new Set(['access-log']);

/**
 * The statements for `writes` (in the order they were made). Writes are cut into chunks in which no
 * pendant appears twice; within a chunk the writes of one kind go into one bulk statement (order
 * between different pendants does not matter), so a batch costs a few round trips, not one per write.
 * Every statement is idempotent.
 */
export function planStatements(writes: readonly DurableWrite[]): Statement[] {
  const statements: Statement[] = [];
  for (const chunk of chunkByLane(writes)) {
    const byKind = new Map<DurableWriteKind, DurableWrite[]>();
    for (const w of chunk) {
      const list = byKind.get(w.kind);
      if (list) list.push(w);
      else byKind.set(w.kind, [w]);
    }
    for (const [kind, list] of byKind) statements.push(statementFor(kind, list));
  }
  return statements;
}

function chunkByLane(writes: readonly DurableWrite[]): DurableWrite[][] {
  const chunks: DurableWrite[][] = [];
  let chunk: DurableWrite[] = [];
  let lanes = new Set<string>();
  for (const w of writes) {
    const lane = laneOf(w);
    if (!UNORDERED_LANES.has(lane) && lanes.has(lane)) {
      chunks.push(chunk);
      chunk = [];
      lanes = new Set();
    }
    chunk.push(w);
    lanes.add(lane);
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

function statementFor(kind: DurableWriteKind, writes: DurableWrite[]): Statement {
  switch (kind) {
    case 'alarm_opened':
      return (db) => applyAlarmsOpened(db, writes as Extract<DurableWrite, { kind: 'alarm_opened' }>[]);
    case 'press_attached':
      return (db) => applyPressesAttached(db, writes as Extract<DurableWrite, { kind: 'press_attached' }>[]);
    case 'trail_appended':
      return (db) => applyTrailsAppended(db, writes as Extract<DurableWrite, { kind: 'trail_appended' }>[]);
    case 'access_logged':
      return (db) => applyAccessLogged(db, writes as Extract<DurableWrite, { kind: 'access_logged' }>[]);
    default:
      return (db) => applyTransitions(db, kind, writes as Extract<DurableWrite, { kind: TransitionKind }>[]);
  }
}
