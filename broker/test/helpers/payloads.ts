import type { AlarmPress, Heartbeat } from '@aware/protocol';

let seq = 0;

export function heartbeat(): string {
  const hb: Heartbeat = { seq: ++seq, ts: Date.now(), battery: 80, charging: false, rssi: -70, firmware: 'sim-1.0' };
  return JSON.stringify(hb);
}

export function alarm(alarmId = `alarm-${Date.now()}-${++seq}`): string {
  const press: AlarmPress = { alarmId, ts: Date.now(), battery: 75, attempt: 1 };
  return JSON.stringify(press);
}
