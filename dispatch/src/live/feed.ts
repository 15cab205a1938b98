import type { LiveEvent } from '@aware/protocol';
import type { Audience } from './audience.js';

type WithoutSeq<T> = T extends { seq: number } ? Omit<T, 'seq'> : never;
/** A live event before the feed numbered it. */
export type LiveEventDraft = WithoutSeq<Exclude<LiveEvent, { type: 'ping' | 'snapshot' }>>;

/** One numbered event: serialised once, sent as the same text to every console that may see it. */
export interface FeedEntry {
  readonly seq: number;
  readonly text: string;
  readonly audience: Audience;
  /** Set when the event carries a dossier card: each console showing it writes the access log. */
  readonly dossier: { readonly alarmId: string; readonly clientId: string } | null;
  /** The alarm the event is about (alarm, trail and notification events): a replay checks it is still open. */
  readonly alarmId: string | null;
}

/** A console on the feed. `deliver` returns whether the entry was sent to it (it may see it). */
export interface FeedSubscriber {
  deliver(entry: FeedEntry): boolean;
  /** This feed ends (its node stops being the active one): close the console with `code`. */
  end(code: number, reason: string): void;
  /** The signed-in user behind the console. */
  readonly userId: string;
  /** Look the session up again now (the user's sign-in changed). */
  recheck(): Promise<void>;
}

/** Close code telling a console it fell behind or its feed ended: reconnect and resume (or take a snapshot). */
export const CLOSE_RESYNC = 4008;

/**
 * The live feed: numbers every event, keeps the last `capacity` in a ring so that a console that
 * reconnects with `sinceSeq` gets exactly what it missed, and hands each event to every subscriber.
 *
 * Sequence numbers start at `Date.now() * 1000` when dispatch starts, so they keep increasing across
 * restarts (unless more than a thousand events a millisecond were published over the whole previous
 * run): a console resuming with a sequence from an earlier process is outside the ring and gets a
 * snapshot rather than a wrong replay.
 */
export class LiveFeed {
  private readonly ring: (FeedEntry | undefined)[];
  private readonly subscribers = new Set<FeedSubscriber>();
  private lastSeq: number;
  private count = 0;

  constructor(
    private readonly capacity: number,
    seqBase: number = Date.now() * 1000,
  ) {
    this.ring = new Array<FeedEntry | undefined>(capacity);
    this.lastSeq = seqBase;
  }

  /** The sequence number of the newest event (a snapshot taken now is "as of" this). */
  get seq(): number {
    return this.lastSeq;
  }

  get consoles(): number {
    return this.subscribers.size;
  }

  /** Numbers, stores and fans out `draft`. Returns the entry and how many consoles it was sent to. */
  publish(draft: LiveEventDraft, audience: Audience, dossier: FeedEntry['dossier'] = null): { entry: FeedEntry; delivered: number } {
    const seq = ++this.lastSeq;
    const alarmId = draft.type === 'alarm' ? draft.alarm.id : draft.type === 'trail' || draft.type === 'notification' ? draft.alarmId : null;
    const entry: FeedEntry = { seq, text: JSON.stringify({ ...draft, seq }), audience, dossier, alarmId };
    this.ring[seq % this.capacity] = entry;
    this.count = Math.min(this.count + 1, this.capacity);
    let delivered = 0;
    for (const s of this.subscribers) if (s.deliver(entry)) delivered++;
    return { entry, delivered };
  }

  /**
   * The events after `sinceSeq`, oldest first, or null when they are no longer (or never were) in the
   * ring: the console then needs a snapshot.
   */
  since(sinceSeq: number): FeedEntry[] | null {
    const oldest = this.lastSeq - this.count + 1;
    if (!Number.isSafeInteger(sinceSeq) || sinceSeq > this.lastSeq || sinceSeq < oldest - 1) return null;
    const out: FeedEntry[] = [];
    for (let s = sinceSeq + 1; s <= this.lastSeq; s++) out.push(this.ring[s % this.capacity]!);
    return out;
  }

  /** The feed ends: every console is closed with CLOSE_RESYNC and reconnects (to whichever node is active). */
  closeConsoles(): void {
    for (const s of [...this.subscribers]) s.end(CLOSE_RESYNC, 'dispatch node changed: resume');
    this.subscribers.clear();
  }

  /** The sign-in of this user changed: her consoles look their sessions up again now. */
  recheckUser(userId: string): void {
    for (const s of this.subscribers) if (s.userId === userId) void s.recheck();
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
