import type { DeviceTrack } from '../devices/device-track.js';
import { DeadlineHeap } from './deadline-heap.js';

/** setTimeout's largest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Milliseconds on a clock that never steps (the process's monotonic clock, offset to the epoch at
 * start). Deadlines on the wall clock would move with it: a clock stepped back an hour would delay
 * every silent-pendant alarm by an hour.
 */
export const monotonicNow = (): number => performance.timeOrigin + performance.now();

interface WatchNode {
  track: DeviceTrack;
  gen: number;
}

export interface WatchdogOptions {
  /** K: silent after K x the pendant's heartbeat interval without being heard. */
  multiplier: number;
  /** A watched pendant passed its deadline. Called synchronously; `open.pendant_silent` is already set. */
  onSilent: (track: DeviceTrack) => void;
  /** A silent pendant was heard again; `open.pendant_silent` is already cleared. */
  onReturned: (track: DeviceTrack) => void;
  /** The watchdog's clock (monotonic by default); `track.heardAt` is on this clock. */
  now?: () => number;
}

/**
 * Missed-heartbeat watchdog: one deadline per watched pendant in a min-heap and one timer for the
 * earliest, so a pendant is flagged at its own deadline, never on a periodic scan.
 * A heartbeat only moves `heardAt` (O(1)); a node whose pendant was heard since it was pushed is
 * re-pushed at its real deadline when it comes up. While ingest is not connected to the broker it
 * cannot hear anyone, so it holds still, and after (re)connecting every deadline is at least
 * K intervals after the connection (`floor`): a broker outage must not flag the whole fleet.
 */
export class Watchdog {
  private readonly heap = new DeadlineHeap<WatchNode>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private floor = Infinity;
  private listening = false;
  private watching = 0;

  constructor(private readonly options: WatchdogOptions) {
    this.now = options.now ?? monotonicNow;
  }

  /** Pendants being watched. */
  get size(): number {
    return this.watching;
  }

  /** The pendant was heard (now, or at `at` on the watchdog's clock). */
  heard(track: DeviceTrack, at: number = this.now()): void {
    if (at > track.heardAt) track.heardAt = at;
    if (track.open.pendant_silent) {
      track.open.pendant_silent = false;
      this.options.onReturned(track);
    }
    if (!track.watched && track.assigned) this.watch(track);
  }

  /** Starts (or restarts, after a change of interval) the pendant's deadline. */
  watch(track: DeviceTrack): void {
    if (!track.watched) this.watching++;
    track.watched = true;
    track.watchGen++;
    const deadline = this.deadlineOf(track);
    this.heap.push(deadline, { track, gen: track.watchGen });
    if (deadline < this.timerAt) this.arm();
  }

  /** No longer watched (unassigned); its heap node goes stale. */
  unwatch(track: DeviceTrack): void {
    if (track.watched) this.watching--;
    track.watched = false;
    track.watchGen++;
  }

  /** A wall-clock time (a database timestamp) on the watchdog's clock. */
  fromWallClock(ms: number): number {
    return this.now() - (Date.now() - ms);
  }

  /** A time on the watchdog's clock as a wall-clock time. */
  toWallClock(t: number): number {
    return Date.now() - (this.now() - t);
  }

  /** Connected to the broker at `at`: deadlines count from no earlier than now. */
  resume(at: number = this.now()): void {
    this.floor = at;
    this.listening = true;
    this.arm();
  }

  /** Disconnected: nobody can be heard, so nobody is flagged until `resume`. */
  suspend(): void {
    this.listening = false;
    this.clearTimer();
  }

  stop(): void {
    this.suspend();
    this.heap.clear();
    this.watching = 0;
  }

  deadlineOf(track: DeviceTrack): number {
    const from = Math.max(track.heardAt, this.floor === Infinity ? 0 : this.floor);
    return from + this.options.multiplier * track.hbIntervalS * 1000;
  }

  private arm(): void {
    this.clearTimer();
    const top = this.heap.peek();
    if (!this.listening || top === undefined) return;
    this.timerAt = top.deadline;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, top.deadline - this.now()));
    this.timer = setTimeout(() => this.expire(), delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private expire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    for (let top = this.heap.peek(); top !== undefined && top.deadline <= now; top = this.heap.peek()) {
      this.heap.pop();
      const { track, gen } = top.value;
      if (gen !== track.watchGen || !track.watched) continue;
      const deadline = this.deadlineOf(track);
      if (deadline > now) {
        this.heap.push(deadline, top.value);
        continue;
      }
      track.watched = false;
      this.watching--;
      track.open.pendant_silent = true;
      this.options.onSilent(track);
    }
    this.arm();
  }
}
