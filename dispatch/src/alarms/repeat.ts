import type { DispatchContext } from '../context.js';
import type { PressMemo } from './alarm-store.js';
import type { ReadPress } from './read-press.js';

/**
 * Whether a press whose key dispatch has seen before is that press again (a broker redelivery, or the
 * pendant resending because it has not heard `alarm_received`), to be confirmed and not raised twice.
 *
 * - The key's alarm is still open: yes. The press is on the consoles already; a further copy joins it.
 * - The key's alarm is resolved: only when it is the same press (same device press time, or the same
 *   bytes when the time was unreadable) arriving within DISPATCH_PRESS_RESEND_WINDOW_S of its first
 *   copy. Anything else is a pendant reusing a key (its counter was reset) and opens a new alarm: a
 *   press is never answered `alarm_received` unless the consoles were shown the alarm it belongs to.
 */
export function isRepeat(ctx: DispatchContext, seen: PressMemo, press: ReadPress): boolean {
  if (ctx.store.get(seen.alarmId)) return true;
  return seen.identity === press.identity && press.row.receivedAt - seen.at <= ctx.config.pressResendWindowMs;
}
