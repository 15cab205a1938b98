import { describe, expect, it } from 'vitest';
import { encodeTelemetry, MAX_CLOCK_AHEAD_MS, telemetryLine } from './telemetry-copy.js';

const ts = Date.UTC(2025, 5, 1, 12, 0, 0, 250);
const base = { seq: 7, ts, battery: 81, charging: false, rssi: -71, firmware: '1.4.2' };

describe('telemetry COPY lines', () => {
  it('writes every column in order, with \\N for a missing fix', () => {
    const line = telemetryLine({ deviceId: 'p-001', receivedAt: ts + 40, hb: base, latest: true });
    expect(line).toBe(
      '2025-06-01T12:00:00.250Z\tp-001\t7\t81\tf\t-71\t1.4.2\t\\N\t\\N\t\\N\t2025-06-01T12:00:00.290Z\n',
    );
  });

  it('writes the fix when there is one', () => {
    const hb = { ...base, charging: true, fix: { lat: 52.0907, lon: 5.1214, acc: 12.5 } };
    const line = telemetryLine({ deviceId: 'p-001', receivedAt: ts, hb, latest: true });
    expect(line.split('\t').slice(4, 10)).toEqual(['t', '-71', '1.4.2', '52.0907', '5.1214', '12.5']);
  });

  it('escapes a backslash in the firmware string so COPY reads it back unchanged', () => {
    const line = telemetryLine({ deviceId: 'p-001', receivedAt: ts, hb: { ...base, firmware: 'v1\\beta' }, latest: true });
    expect(line.split('\t')[6]).toBe('v1\\\\beta');
  });

  it('dates a heartbeat whose pendant clock runs more than ten minutes ahead at its receipt, and keeps a late one as dated', () => {
    const timeOf = (hbTs: number, receivedAt: number) => telemetryLine({ deviceId: 'p-001', receivedAt, hb: { ...base, ts: hbTs }, latest: true }).split('\t')[0];
    expect(timeOf(Date.UTC(2099, 0, 1), ts)).toBe(new Date(ts).toISOString());
    expect(timeOf(ts + MAX_CLOCK_AHEAD_MS + 1, ts)).toBe(new Date(ts).toISOString());
    expect(timeOf(ts + MAX_CLOCK_AHEAD_MS, ts)).toBe(new Date(ts + MAX_CLOCK_AHEAD_MS).toISOString());
    expect(timeOf(ts - 86_400_000, ts)).toBe(new Date(ts - 86_400_000).toISOString());
  });

  it('encodes a batch as one buffer of lines', () => {
    const rows = [1, 2, 3].map((seq) => ({ deviceId: 'p-001', receivedAt: ts, hb: { ...base, seq }, latest: true }));
    expect(encodeTelemetry(rows).toString('utf8').split('\n')).toHaveLength(4);
  });
});

describe('timestamps in COPY lines', () => {
  it('match Date#toISOString for any millisecond, also when seconds repeat and alternate', () => {
    const times = [0, 5, 99, 100, 999, 1000, 1001, 61_999, 86_400_000 - 1].map((d) => Date.UTC(2025, 11, 31, 23, 59, 0) + d);
    for (const t of [...times, ...times.reverse()]) {
      const line = telemetryLine({ deviceId: 'p-001', receivedAt: t + 1, hb: { ...base, ts: t }, latest: true });
      const cols = line.trimEnd().split('\t');
      expect(cols[0]).toBe(new Date(t).toISOString());
      expect(cols[10]).toBe(new Date(t + 1).toISOString());
    }
  });
});

describe('a batch buffer', () => {
  it('is exactly the lines one after another, also when long lines make it grow', () => {
    const long = { ...base, firmware: '\\'.repeat(32), fix: { lat: -89.123456789012, lon: -179.12345678901234, acc: 99999.123456789 } };
    const rows = Array.from({ length: 40 }, (_, i) => ({ deviceId: `p-${'x'.repeat(28)}${i}`, receivedAt: ts + i, hb: { ...long, seq: 4294967295 - i }, latest: true }));
    expect(encodeTelemetry(rows).toString('latin1')).toBe(rows.map(telemetryLine).join(''));
    expect(encodeTelemetry([]).length).toBe(0);
  });
});
