import { describe, expect, it } from 'vitest';
import { AlarmId } from '@aware/protocol';
import { newAlarmId } from './alarm-id.js';

describe('device-generated alarm id', () => {
  it('is accepted by the protocol and unique per press', () => {
    const ids = Array.from({ length: 1000 }, newAlarmId);
    for (const id of ids) expect(AlarmId.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
