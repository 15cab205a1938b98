import { AlarmId } from '@aware/protocol';
import { describe, expect, it } from 'vitest';
import { alarmIdFor, invalidPressKey } from './ids.js';

describe('alarm ids', () => {
  it('are the same UUID for the same press, in every process, and differ per press', () => {
    const id = alarmIdFor('pendant-1', 'abcdefgh1234');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(alarmIdFor('pendant-1', 'abcdefgh1234')).toBe(id);
    expect(alarmIdFor('pendant-2', 'abcdefgh1234')).not.toBe(id);
  });

  it('differ for a key reused after an alarm, and again after each further one', () => {
    const first = alarmIdFor('pendant-1', 'counter-00000001');
    const second = alarmIdFor('pendant-1', 'counter-00000001', first);
    expect(second).not.toBe(first);
    expect(alarmIdFor('pendant-1', 'counter-00000001', first)).toBe(second);
    expect(alarmIdFor('pendant-1', 'counter-00000001', second)).not.toBe(first);
  });

  it('of unreadable presses are valid protocol alarm ids, one per delivery', () => {
    const key = invalidPressKey('pendant-1', 1_700_000_000_000, Buffer.from('garbage'));
    expect(AlarmId.safeParse(key).success).toBe(true);
    expect(invalidPressKey('pendant-1', 1_700_000_000_001, Buffer.from('garbage'))).not.toBe(key);
  });
});
