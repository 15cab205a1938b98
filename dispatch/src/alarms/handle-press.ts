import type { DispatchContext } from '../context.js';
import type { IncomingMessage } from '../mqtt/incoming.js';
import { attachPress } from './attach-press.js';
import { confirmPress } from './confirm.js';
import { openAlarm } from './open-alarm.js';
import { readPress } from './read-press.js';
import { isRepeat } from './repeat.js';

/**
 * `aware/v1/d/{id}/alarm`. In this order: recognise a copy of a press already handled (alarms/repeat.ts);
 * open an alarm or attach to the open one, which pushes it to the consoles; make it durable (database,
 * or the journal when the database is down); then confirm to the pendant. The returned promise resolves
 * after that, and only then is the broker's delivery acknowledged (PUBACK): a crash before durability
 * means a redelivery.
 */
export async function handlePress(ctx: DispatchContext, msg: IncomingMessage): Promise<void> {
  const { deviceId, receivedAt } = msg;
  if (mayBeJustHandedOver(ctx, deviceId)) {
    const fresh = await ctx.directory.refreshDevice(deviceId, ctx.config.directoryLookupMs);
    if (!fresh) ctx.log.warn({ deviceId, waitedMs: ctx.config.directoryLookupMs }, 'assignment not read in time: the alarm opens as unassigned');
  }
  const { press, problem } = readPress(ctx, msg);
  const { key } = press.row;

  const seen = ctx.store.press(deviceId, key);
  if (seen && isRepeat(ctx, seen, press)) {
    // A broker redelivery or the pendant resending: acknowledge once the first copy is durable, and
    // confirm again (the pendant may have missed the first `alarm_received`).
    ctx.metrics.presses.inc({ kind: 'repeat' });
    await seen.durable;
    confirmPress(ctx, ctx.store.get(seen.alarmId), deviceId, key);
    return;
  }
  if (problem) {
    ctx.log.warn({ deviceId, code: problem.code, detail: problem.message, pendantKey: press.pendantKey }, 'unreadable press: raised as a flagged alarm');
  }
  if (seen) {
    ctx.log.warn({ deviceId, pressKey: key, earlierAlarmId: seen.alarmId }, 'press key reused after its alarm was resolved: raised as a new alarm');
  }

  const open = ctx.store.openFor(deviceId);
  const { alarm, write } = open
    ? { alarm: open, write: attachPress(ctx, open, press, seen !== undefined) }
    : openAlarm(ctx, deviceId, press, seen?.alarmId ?? null);

  const durable = ctx.durable.write(write);
  ctx.store.rememberPress(deviceId, key, { alarmId: alarm.id, durable, at: receivedAt, identity: press.identity });
  await durable;
  ctx.metrics.pressToDurable.observe((ctx.clock.now() - receivedAt) / 1000);
  confirmPress(ctx, alarm, deviceId, key);
}

/**
 * A press that would open an alarm for a pendant the in-memory directory holds as unknown or unassigned.
 * The directory learns of a hand-over through LISTEN/NOTIFY, a moment after it is committed; a client
 * who presses right after receiving the pendant must still get her dossier on the consoles. Only these
 * presses wait (bounded by DISPATCH_DIRECTORY_LOOKUP_MS) and only while the database is reachable.
 */
function mayBeJustHandedOver(ctx: DispatchContext, deviceId: string): boolean {
  return (
    ctx.config.directoryLookupMs > 0 &&
    ctx.durable.mode === 'db' &&
    !ctx.store.openFor(deviceId) &&
    !ctx.directory.get(deviceId)?.assignment
  );
}
