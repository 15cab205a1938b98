import { parseUplink } from '@aware/protocol';
import type { DispatchContext } from '../context.js';
import type { FixRow, PressRow } from '../durable/writes.js';
import type { IncomingMessage } from '../mqtt/incoming.js';
import { attachPress } from './attach-press.js';
import { confirmPress } from './confirm.js';
import { openAlarm } from './open-alarm.js';

/**
 * `aware/v1/d/{id}/alarm`. In this order: de-duplicate on (device, press key); open an alarm or attach
 * to the open one, which pushes it to the consoles; make it durable (database, or the journal when the
 * database is down); then confirm to the pendant. The returned promise resolves after that, and only then
 * is the broker's delivery acknowledged (PUBACK): a crash before durability means a redelivery.
 */
export async function handlePress(ctx: DispatchContext, msg: IncomingMessage): Promise<void> {
  const { deviceId, receivedAt } = msg;
  if (mayBeJustHandedOver(ctx, deviceId)) {
    const fresh = await ctx.directory.refreshDevice(deviceId, ctx.config.directoryLookupMs);
    if (!fresh) ctx.log.warn({ deviceId, waitedMs: ctx.config.directoryLookupMs }, 'assignment not read in time: the alarm opens as unassigned');
  }
  const decoded = parseUplink('alarm', msg.payload);
  const press = decoded.ok ? decoded.value : null;
  const key = press?.alarmId ?? ctx.invalidPresses.keyFor(deviceId, msg.payload, msg.dup, receivedAt);

  const seen = ctx.store.press(deviceId, key);
  if (seen) {
    // A broker redelivery or the pendant resending: acknowledge once the first copy is durable, and
    // confirm again (the pendant may have missed the first `alarm_received`).
    ctx.metrics.presses.inc({ kind: 'repeat' });
    await seen.durable;
    confirmPress(ctx, ctx.store.get(seen.alarmId), deviceId, key);
    return;
  }
  if (!decoded.ok) {
    ctx.log.warn({ deviceId, code: decoded.code, detail: decoded.message }, 'unreadable press: raised as a flagged alarm');
  }

  const row: PressRow = { key, pressedAt: press?.ts ?? receivedAt, receivedAt, attempt: press?.attempt ?? null };
  const fix: FixRow | null = press?.fix
    ? { lat: press.fix.lat, lon: press.fix.lon, acc: press.fix.acc, fixAt: press.fix.ts ?? press.ts }
    : null;
  const open = ctx.store.openFor(deviceId);
  const { alarm, write } = open
    ? { alarm: open, write: attachPress(ctx, open, press, row, fix) }
    : openAlarm(ctx, deviceId, press, row, fix);

  const durable = ctx.durable.write(write);
  ctx.store.rememberPress(deviceId, key, { alarmId: alarm.id, durable, at: receivedAt });
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
