import { LiveEvent } from '@aware/protocol';
import { describe, expect, it } from 'vitest';
import { CLOSE_RESYNC, LiveFeed, type FeedEntry } from './feed.js';

const trail = (alarmId: string) =>
  ({ type: 'trail', alarmId, point: { lat: 52, lon: 5, acc: 10, at: '2025-01-01T00:00:00.000Z' } }) as const;
const everywhere = { kind: 'alarm', region: null } as const;

describe('the live feed', () => {
  it('numbers events one by one from its base and serialises them as protocol LiveEvents', () => {
    const feed = new LiveFeed(4, 1000);
    const { entry } = feed.publish(trail('a'), everywhere);
    expect(entry.seq).toBe(1001);
    expect(LiveEvent.parse(JSON.parse(entry.text))).toMatchObject({ type: 'trail', seq: 1001 });
    expect(feed.publish(trail('b'), everywhere).entry.seq).toBe(1002);
    expect(feed.seq).toBe(1002);
  });

  it('replays exactly the events after sinceSeq while they are in the ring', () => {
    const feed = new LiveFeed(4, 0);
    for (const id of ['a', 'b', 'c']) feed.publish(trail(id), everywhere);
    expect(feed.since(1)!.map((e) => e.seq)).toEqual([2, 3]);
    expect(feed.since(3)).toEqual([]);
    expect(feed.since(0)!.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('asks for a snapshot when the console is too far behind or from another run', () => {
    const feed = new LiveFeed(4, 0);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) feed.publish(trail(id), everywhere);
    expect(feed.since(1)).toBeNull();
    expect(feed.since(2)!.map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    expect(feed.since(7)).toBeNull();
    expect(feed.since(-1)).toBeNull();
  });

  const someone = { userId: 'u-0', recheck: async () => undefined };

  it('hands each event to every subscriber and counts the consoles that took it', () => {
    const feed = new LiveFeed(4, 0);
    const got: FeedEntry[] = [];
    const unsubscribe = feed.subscribe({ ...someone, deliver: (e) => (got.push(e), true), end: () => undefined });
    feed.subscribe({ ...someone, deliver: () => false, end: () => undefined });
    expect(feed.publish(trail('a'), everywhere).delivered).toBe(1);
    unsubscribe();
    expect(feed.publish(trail('b'), everywhere).delivered).toBe(0);
    expect(got).toHaveLength(1);
  });

  it("rechecks the consoles of one user whose sign-in changed, and nobody else's", () => {
    const feed = new LiveFeed(4, 0);
    const rechecked: string[] = [];
    for (const userId of ['u-1', 'u-2', 'u-1']) {
      feed.subscribe({ userId, recheck: async () => void rechecked.push(userId), deliver: () => true, end: () => undefined });
    }
    feed.recheckUser('u-1');
    expect(rechecked).toEqual(['u-1', 'u-1']);
  });

  it('closes every console with the resync code when it ends (its node stops being the active one)', () => {
    const feed = new LiveFeed(4, 0);
    const ended: number[] = [];
    feed.subscribe({ ...someone, deliver: () => true, end: (code) => ended.push(code) });
    feed.subscribe({ ...someone, deliver: () => true, end: (code) => ended.push(code) });
    feed.closeConsoles();
    expect(ended).toEqual([CLOSE_RESYNC, CLOSE_RESYNC]);
    expect(feed.consoles).toBe(0);
  });
});
