import { describe, expect, it } from 'vitest';
import { parseUplink } from './uplink.js';
import { ProtocolErrorCode } from './errors.js';

const now = Date.UTC(2026, 10, 22, 12, 0, 0);
const fix = { lat: 52.0907, lon: 5.1214, acc: 12 };
const heartbeat = { seq: 41, ts: now, battery: 87, charging: false, rssi: -71, firmware: '1.4.2', fix };
const press = { alarmId: '01JD5Q3K7M9X2B4C', ts: now, fix, battery: 80, attempt: 1 };
const loc = { alarmId: '01JD5Q3K7M9X2B4C', ts: now, fix };

function expectRejected(result: ReturnType<typeof parseUplink>, code: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.code).toBe(code);
}

describe('heartbeat', () => {
  it('accepts a heartbeat with and without a GPS fix', () => {
    expect(parseUplink('hb', JSON.stringify(heartbeat))).toEqual({ ok: true, value: heartbeat });
    const { fix: _f, ...noFix } = heartbeat;
    expect(parseUplink('hb', JSON.stringify(noFix)).ok).toBe(true);
  });

  it('accepts the payload as bytes', () => {
    expect(parseUplink('hb', new TextEncoder().encode(JSON.stringify(heartbeat))).ok).toBe(true);
  });

  it.each([
    ['battery above 100', { ...heartbeat, battery: 101 }],
    ['battery as a string', { ...heartbeat, battery: '87' }],
    ['fractional sequence', { ...heartbeat, seq: 1.5 }],
    ['negative sequence', { ...heartbeat, seq: -1 }],
    ['latitude out of range', { ...heartbeat, fix: { ...fix, lat: 91 } }],
    ['longitude out of range', { ...heartbeat, fix: { ...fix, lon: -181 } }],
    ['negative accuracy', { ...heartbeat, fix: { ...fix, acc: -1 } }],
    ['an unset clock (1970)', { ...heartbeat, ts: 0 }],
    ['a time far in the future', { ...heartbeat, ts: Date.UTC(2150, 0, 1) }],
    ['seconds instead of milliseconds', { ...heartbeat, ts: Math.floor(now / 1000) }],
    ['an extra field', { ...heartbeat, cmd: 'rm -rf' }],
    ['an extra field in the fix', { ...heartbeat, fix: { ...fix, alt: 3 } }],
    ['a missing field', { seq: 1, ts: now }],
    ['firmware with spaces', { ...heartbeat, firmware: '1.0 beta' }],
    ['signal above 0 dBm', { ...heartbeat, rssi: 5 }],
    ['an array', [heartbeat]],
    ['null', null],
  ])('rejects a heartbeat with %s', (_name, value) => {
    expectRejected(parseUplink('hb', JSON.stringify(value)), ProtocolErrorCode.PAYLOAD_INVALID);
  });

  it('names the offending field in the error', () => {
    const result = parseUplink('hb', JSON.stringify({ ...heartbeat, battery: 300 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('battery');
  });

  it('rejects a payload over 1 KiB before parsing it', () => {
    const padded = JSON.stringify({ ...heartbeat, firmware: 'x'.repeat(1100) });
    expectRejected(parseUplink('hb', padded), ProtocolErrorCode.PAYLOAD_TOO_LARGE);
  });

  it('counts the size limit in bytes, not characters', () => {
    // 400 three-byte characters are 400 characters but 1,200 bytes.
    const multibyte = JSON.stringify({ ...heartbeat, firmware: '\u20ac'.repeat(400) });
    expect(multibyte.length).toBeLessThan(1024);
    expectRejected(parseUplink('hb', multibyte), ProtocolErrorCode.PAYLOAD_TOO_LARGE);
  });

  it('rejects bytes that are not UTF-8, and text that is not JSON', () => {
    expectRejected(parseUplink('hb', new Uint8Array([0xff, 0xfe, 0x7b])), ProtocolErrorCode.PAYLOAD_NOT_UTF8);
    expectRejected(parseUplink('hb', '{"seq":1,'), ProtocolErrorCode.PAYLOAD_NOT_JSON);
    expectRejected(parseUplink('hb', ''), ProtocolErrorCode.PAYLOAD_NOT_JSON);
  });
});

describe('alarm press', () => {
  it('accepts a press with a fix, and a press without one', () => {
    expect(parseUplink('alarm', JSON.stringify(press))).toEqual({ ok: true, value: press });
    expect(parseUplink('alarm', JSON.stringify({ alarmId: press.alarmId, ts: now })).ok).toBe(true);
  });

  it.each([
    ['no alarm id', { ts: now }],
    ['a short alarm id', { ...press, alarmId: 'abc' }],
    ['an alarm id with a slash', { ...press, alarmId: 'abcd/efgh/ijk' }],
    ['an alarm id with unicode look-alikes', { ...press, alarmId: '01JD5Q3K7M9X2B4\u0421' }],
    ['attempt zero', { ...press, attempt: 0 }],
    ['an extra field', { ...press, priority: 'low' }],
  ])('rejects a press with %s', (_name, value) => {
    expectRejected(parseUplink('alarm', JSON.stringify(value)), ProtocolErrorCode.PAYLOAD_INVALID);
  });
});

describe('location update', () => {
  it('accepts a location update during an alarm', () => {
    expect(parseUplink('loc', JSON.stringify(loc))).toEqual({ ok: true, value: loc });
  });

  it('rejects a location update without a fix or without its alarm', () => {
    expectRejected(parseUplink('loc', JSON.stringify({ alarmId: loc.alarmId, ts: now })), ProtocolErrorCode.PAYLOAD_INVALID);
    expectRejected(parseUplink('loc', JSON.stringify({ ts: now, fix })), ProtocolErrorCode.PAYLOAD_INVALID);
  });
});

describe('status', () => {
  it('accepts online and offline, with an optional reason', () => {
    expect(parseUplink('status', '{"state":"online"}').ok).toBe(true);
    expect(parseUplink('status', JSON.stringify({ state: 'offline', ts: now, reason: 'will' })).ok).toBe(true);
  });

  it('rejects any other state and the bare word', () => {
    expectRejected(parseUplink('status', '{"state":"sleeping"}'), ProtocolErrorCode.PAYLOAD_INVALID);
    expectRejected(parseUplink('status', 'online'), ProtocolErrorCode.PAYLOAD_NOT_JSON);
  });
});
