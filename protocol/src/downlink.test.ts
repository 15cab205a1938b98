import { describe, expect, it } from 'vitest';
import { encodeCommand, parseCommand, type Command } from './downlink.js';
import { ProtocolErrorCode } from './errors.js';

const ts = Date.UTC(2026, 10, 22, 12, 0, 0);
const cmdId = 'c_8f3a9b2d1e';

const commands: Command[] = [
  { type: 'alarm_received', alarmId: '01JD5Q3K7M9X2B4C', cmdId, ts },
  { type: 'operator_acknowledged', alarmId: '01JD5Q3K7M9X2B4C', cmdId, ts },
  { type: 'locate', cmdId, ts },
  { type: 'config', hbIntervalS: 60, cmdId, ts },
  { type: 'test', cmdId, ts },
];

describe('downlink commands', () => {
  it.each(commands.map((c) => [c.type, c] as const))('round-trips %s', (_type, command) => {
    const text = encodeCommand(command);
    expect(parseCommand(text)).toEqual({ ok: true, value: command });
  });

  it.each([
    ['an unknown type', { type: 'reboot', cmdId, ts }],
    ['alarm_received without its alarm', { type: 'alarm_received', cmdId, ts }],
    ['a heartbeat interval below the minimum', { type: 'config', hbIntervalS: 1, cmdId, ts }],
    ['a heartbeat interval above an hour', { type: 'config', hbIntervalS: 7200, cmdId, ts }],
    ['no command id', { type: 'locate', ts }],
    ['an extra field', { type: 'test', cmdId, ts, shell: 'ls' }],
  ])('rejects %s', (_name, value) => {
    const result = parseCommand(JSON.stringify(value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(ProtocolErrorCode.PAYLOAD_INVALID);
  });

  it('refuses to encode an invalid command', () => {
    expect(() => encodeCommand({ type: 'config', hbIntervalS: 0, cmdId, ts })).toThrow();
  });
});
