import type { Queryable } from '@aware/db';
import { loadOpenAlarms, loadRecentPresses } from './alarms/load-open-alarms.js';
import { pressIdentity } from './alarms/read-press.js';
import { restoreFromJournal } from './alarms/restore-from-journal.js';
import type { DispatchContext } from './context.js';
import type { Journal } from './durable/journal.js';
import type { DurableWrite } from './durable/writes.js';
import { messageOf } from './errors.js';

/**
 * Memory before the first delivery is taken from the broker: the directory (done by the listener), the
 * open alarms and the recent presses from the database, then whatever the journal of an earlier run holds
 * on top. Waits up to `waitMs` for the database; after that dispatch starts anyway (alarms must flow) and
 * says so: alarms opened before this start are then unknown until the database is back.
 */
export async function warmUp(ctx: DispatchContext, db: Queryable, journal: Journal<DurableWrite>, loadDirectory: () => Promise<void>, waitMs: number): Promise<boolean> {
  const deadline = ctx.clock.now() + waitMs;
  let loaded = false;
  for (let attempt = 1; !loaded; attempt++) {
    try {
      await loadDirectory();
      await loadDatabaseState(ctx, db);
      loaded = true;
    } catch (error) {
      if (ctx.clock.now() >= deadline) {
        ctx.log.error({ err: messageOf(error) }, 'database unreachable at start: starting without its open alarms and directory');
        break;
      }
      ctx.log.warn({ err: messageOf(error), attempt }, 'database unreachable at start; retrying');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const { entries, corrupt } = await journal.readFrom(0, { setAside: false });
  for (const entry of entries) restoreFromJournal(ctx, entry.rec);
  if (entries.length || corrupt) ctx.log.warn({ entries: entries.length, corrupt }, 'journal of an earlier run restored to memory');
  for (const alarm of ctx.store.open()) ctx.escalation.schedule(alarm);
  ctx.metrics.openAlarms.set(ctx.store.openCount);
  return loaded;
}

/**
 * Open alarms and recent presses from the database into memory. Also run later when start-up had to go
 * on without the database: alarms already in memory are kept; an open alarm of a pendant that opened
 * another one meanwhile (only possible when dispatch restarted during an outage) is reported, not merged.
 */
export async function loadDatabaseState(ctx: DispatchContext, db: Queryable): Promise<void> {
  const alarms = await loadOpenAlarms(db);
  const presses = await loadRecentPresses(db, ctx.clock.now() - ctx.config.dedupeWindowMs);
  for (const alarm of alarms) {
    if (ctx.store.get(alarm.id)) continue;
    const other = ctx.store.openFor(alarm.deviceId);
    if (other) {
      ctx.log.error({ alarmId: alarm.id, deviceId: alarm.deviceId, otherAlarmId: other.id }, 'open alarm in the database and another opened during the outage: resolve one by hand');
      continue;
    }
    ctx.store.add(alarm);
    ctx.escalation.schedule(alarm);
  }
  for (const p of presses) {
    const known = ctx.store.press(p.deviceId, p.key);
    if (!known || known.at < p.at) ctx.store.rememberPress(p.deviceId, p.key, { alarmId: p.alarmId, durable: Promise.resolve(), at: p.at, identity: pressIdentity(p.pressedAt) });
  }
  ctx.metrics.openAlarms.set(ctx.store.openCount);
}
