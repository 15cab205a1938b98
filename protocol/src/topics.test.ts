import { describe, expect, it } from 'vitest';
import { allDevicesFilter, CHANNELS, deviceTopic, parseTopic } from './topics.js';
import { ProtocolErrorCode } from './errors.js';

describe('topics', () => {
  it('builds and parses every channel of a device', () => {
    for (const channel of CHANNELS) {
      const topic = deviceTopic('pd-000123', channel);
      expect(topic).toBe(`aware/v1/d/pd-000123/${channel}`);
      expect(parseTopic(topic)).toEqual({ ok: true, deviceId: 'pd-000123', channel });
    }
  });

  it('builds a subscription filter for one channel of all devices', () => {
    expect(allDevicesFilter('alarm')).toBe('aware/v1/d/+/alarm');
  });

  it.each([
    ['home/kitchen/temp', ProtocolErrorCode.TOPIC_FOREIGN],
    ['$SYS/broker/uptime', ProtocolErrorCode.TOPIC_FOREIGN],
    ['aware/v2/d/pd-1234/hb', ProtocolErrorCode.TOPIC_VERSION],
    ['aware/v1/x/pd-1234/hb', ProtocolErrorCode.TOPIC_FOREIGN],
    ['aware/v1/d/pd-1234/hb/extra', ProtocolErrorCode.TOPIC_FOREIGN],
    ['aware/v1/d/pd-1234', ProtocolErrorCode.TOPIC_FOREIGN],
    ['aware/v1/d//hb', ProtocolErrorCode.TOPIC_DEVICE_ID],
    ['aware/v1/d/PD-1234/hb', ProtocolErrorCode.TOPIC_DEVICE_ID],
    ['aware/v1/d/pd-1234/reboot', ProtocolErrorCode.TOPIC_CHANNEL],
    ['aware/v1/d/+/hb', ProtocolErrorCode.TOPIC_WILDCARD],
    ['aware/v1/d/pd-1234/#', ProtocolErrorCode.TOPIC_WILDCARD],
  ])('rejects %s with %s', (topic, code) => {
    const parsed = parseTopic(topic);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.code).toBe(code);
  });

  it.each([
    ['fullwidth digits', 'pd-\uff11\uff12\uff13'],
    ['Cyrillic a that looks Latin', 'p\u0430-1234'],
    ['zero-width space', 'pd-12\u200b34'],
    ['combining mark', 'pd-1234e\u0301'],
    ['NUL byte', 'pd-12\u000034'],
    ['right-to-left override', 'pd-\u202e4321'],
    ['too short', 'p1'],
    ['too long', 'p'.repeat(33)],
    ['leading dash', '-pd1234'],
  ])('refuses a device id with %s', (_name, id) => {
    const parsed = parseTopic(`aware/v1/d/${id}/alarm`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.code).toBe(ProtocolErrorCode.TOPIC_DEVICE_ID);
  });
});
