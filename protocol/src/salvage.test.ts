import { describe, expect, it } from 'vitest';
import { parseUplink } from './uplink.js';
import { salvageAlarmPress } from './salvage.js';

const fix = { lat: 52.0907, lon: 5.1214, acc: 12 };

describe('salvaging an invalid press', () => {
  it('reads the alarm id, fix and battery of a press whose time is an ISO string', () => {
    const payload = JSON.stringify({ alarmId: 'counter-00000007', ts: '2026-12-05T07:00:00Z', fix, battery: 64 });
    expect(parseUplink('alarm', payload).ok).toBe(false);
    expect(salvageAlarmPress(payload)).toEqual({ alarmId: 'counter-00000007', fix, battery: 64 });
  });

  it('keeps only the fields that are valid by themselves', () => {
    const payload = JSON.stringify({ alarmId: 'bad id with spaces', ts: Date.UTC(2026, 11, 5), fix: { lat: 400, lon: 5, acc: 1 }, battery: 180, extra: true });
    expect(salvageAlarmPress(payload)).toEqual({ ts: Date.UTC(2026, 11, 5) });
  });

  it('reads nothing from what is not a JSON object', () => {
    for (const junk of ['not json', '[1,2]', '42', 'null', new Uint8Array([0xff, 0xfe]), JSON.stringify({ alarmId: 'x'.repeat(2000) })]) {
      expect(salvageAlarmPress(junk)).toBeNull();
    }
  });
});
