import { parseUplink } from '@aware/protocol';
import type { DispatchContext } from '../context.js';
import { alarmAudience } from '../live/audience.js';
import type { IncomingMessage } from '../mqtt/incoming.js';
import { appendTrail } from './alarm-record.js';

/**
 * `aware/v1/d/{id}/loc`: a position during an alarm extends the trail of the pendant's open alarm and is
 * pushed to the consoles at once, then made durable (the delivery is acknowledged after that). Outside an
 * alarm a position is not kept (need-to-know), and an unreadable one is dropped: neither is an alarm.
 */
export async function handleLocation(ctx: DispatchContext, msg: IncomingMessage): Promise<void> {
  const decoded = parseUplink('loc', msg.payload);
  if (!decoded.ok) {
    ctx.metrics.messages.inc({ channel: 'loc', result: 'invalid' });
    ctx.log.warn({ deviceId: msg.deviceId, code: decoded.code }, 'unreadable location update dropped');
    return;
  }
  const alarm = ctx.store.openFor(msg.deviceId);
  if (!alarm) {
    ctx.metrics.messages.inc({ channel: 'loc', result: 'no_open_alarm' });
    return;
  }
  const { fix, ts, battery } = decoded.value;
  const fixAt = fix.ts ?? ts;
  const point = { lat: fix.lat, lon: fix.lon, acc: fix.acc, at: new Date(msg.receivedAt).toISOString() };
  if (appendTrail(alarm, point, fixAt)) {
    if (battery !== undefined) alarm.battery = battery;
    if (alarm.flags.noFix) alarm.flags = { ...alarm.flags, noFix: false };
    ctx.feed.publish({ type: 'trail', alarmId: alarm.id, point }, alarmAudience(alarm, ctx.config.testAlarmsToPolice));
  }
  ctx.metrics.messages.inc({ channel: 'loc', result: 'trail' });
  await ctx.durable.write({
    kind: 'trail_appended',
    alarmId: alarm.id,
    deviceId: alarm.deviceId,
    fix: { lat: fix.lat, lon: fix.lon, acc: fix.acc, fixAt },
    receivedAt: msg.receivedAt,
    battery: battery ?? null,
  });
}
