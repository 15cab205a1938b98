import { describe, expect, it } from 'vitest';
import { newTrack, orderHeartbeat } from './device-track.js';

const T = Date.UTC(2025, 0, 1);

describe('heartbeat order of one pendant', () => {
  it('a later device time is the latest, an earlier one is older and does not move time back', () => {
    const track = newTrack('p-001');
    expect(orderHeartbeat(track, T + 2000, 2)).toBe('latest');
    expect(orderHeartbeat(track, T + 1000, 1)).toBe('older');
    expect(track.lastTs).toBe(T + 2000);
    expect(track.lastSeq).toBe(2);
  });

  it('the same (ts, seq) twice is a duplicate, also when it was not the latest', () => {
    const track = newTrack('p-001');
    orderHeartbeat(track, T + 1000, 1);
    orderHeartbeat(track, T + 3000, 3);
    expect(orderHeartbeat(track, T + 3000, 3)).toBe('duplicate');
    expect(orderHeartbeat(track, T + 1000, 1)).toBe('duplicate');
  });

  it('after a reboot the sequence restarts but a later time still wins', () => {
    const track = newTrack('p-001');
    orderHeartbeat(track, T + 1000, 900);
    expect(orderHeartbeat(track, T + 2000, 0)).toBe('latest');
  });

  it('equal device times are ordered by sequence', () => {
    const track = newTrack('p-001');
    orderHeartbeat(track, T, 5);
    expect(orderHeartbeat(track, T, 6)).toBe('latest');
    expect(orderHeartbeat(track, T, 4)).toBe('older');
  });
});
