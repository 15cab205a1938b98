import type { DispatchContext } from '../context.js';
import type { DurableWrite, PressRow } from '../durable/writes.js';
import { appendTrail, type AlarmRecord } from './alarm-record.js';
import { pressIdentity } from './read-press.js';

/**
 * At start-up, the journal of an earlier run holds writes the database has not seen yet (it was down).
 * They are applied to memory first, the same way the database will apply them (each only once: an alarm
 * or press already known is skipped), so the consoles and de-duplication see those alarms at once.
 */
export function restoreFromJournal(ctx: DispatchContext, write: DurableWrite): void {
  const alarm = 'alarmId' in write ? ctx.store.get(write.alarmId) : undefined;
  switch (write.kind) {
    case 'alarm_opened':
      return restoreOpened(ctx, write);
    case 'press_attached':
      if (ctx.store.press(write.deviceId, write.press.key)?.alarmId === write.alarmId) return;
      remember(ctx, write.deviceId, write.press, write.alarmId);
      if (!alarm) return;
      alarm.pressCount = Math.max(alarm.pressCount, write.pressCount);
      if (write.fix) addFix(alarm, write.fix, write.press.receivedAt);
      if (write.invalidPayload) alarm.flags = { ...alarm.flags, invalidPayload: true };
      if (write.reusedKey) alarm.flags = { ...alarm.flags, reusedKey: true };
      return;
    case 'trail_appended':
      if (alarm) addFix(alarm, write.fix, write.receivedAt);
      return;
    case 'alarm_confirmed':
      if (alarm) alarm.confirmedAt ??= write.at;
      return;
    case 'alarm_seen':
      if (alarm) alarm.firstConsoleAt ??= write.at;
      return;
    case 'alarm_escalated':
      if (alarm) alarm.escalatedAt ??= write.at;
      return;
    case 'alarm_acknowledged':
      if (alarm?.state === 'new') Object.assign(alarm, { state: 'acknowledged', acknowledgedAt: write.at, acknowledgedBy: write.actor.name });
      return;
    case 'alarm_dispatched':
      if (alarm?.state === 'acknowledged') Object.assign(alarm, { state: 'dispatched', dispatchedAt: write.at, dispatchUnit: write.unit });
      return;
    case 'alarm_resolved':
      if (alarm) ctx.store.remove(alarm);
      return;
    case 'access_logged':
      return;
  }
}

function restoreOpened(ctx: DispatchContext, write: Extract<DurableWrite, { kind: 'alarm_opened' }>): void {
  const a = write.alarm;
  if (ctx.store.press(a.deviceId, write.press.key)?.alarmId === a.id || ctx.store.get(a.id)) return;
  remember(ctx, a.deviceId, write.press, a.id);
  const entry = ctx.directory.get(a.deviceId);
  const alarm: AlarmRecord = {
    ...a,
    pendantAlarmId: write.press.key,
    state: 'new',
    flags: { ...a.flags, reusedKey: a.flags.reusedKey ?? false },
    pressCount: 1,
    lastFix: null,
    lastFixAt: null,
    trail: [],
    fixTimes: new Set(),
    escalatedAt: null,
    confirmedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    dispatchedAt: null,
    dispatchUnit: null,
    resolvedAt: null,
    outcome: null,
    dossier: entry?.assignment && entry.assignment.clientId === a.clientId ? entry.assignment.dossier : null,
  };
  if (a.fix) addFix(alarm, a.fix, a.receivedAt);
  ctx.store.add(alarm);
}

/** A journal keeps the press time, not the bytes: an unreadable press's time is its arrival (identity by time). */
function remember(ctx: DispatchContext, deviceId: string, press: PressRow, alarmId: string): void {
  ctx.store.rememberPress(deviceId, press.key, { alarmId, durable: Promise.resolve(), at: press.receivedAt, identity: pressIdentity(press.pressedAt) });
}

function addFix(alarm: AlarmRecord, fix: { lat: number; lon: number; acc: number; fixAt: number }, receivedAt: number): void {
  appendTrail(alarm, { lat: fix.lat, lon: fix.lon, acc: fix.acc, at: new Date(receivedAt).toISOString() }, fix.fixAt);
}
