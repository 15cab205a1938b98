import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * Sheds heartbeats when ingest's own CPU is the bottleneck. A full queue catches a slow database;
 * this catches a busy event loop, which the queue never sees: the messages then wait unread in the
 * socket, and aedes waits for a subscriber's socket to drain before it routes further messages, so a
 * lagging ingest would hold up the broker for everyone, alarms included. Once the event loop has been
 * busy more than `high` of two windows in a row (a start-up or GC spike is not overload), heartbeats
 * are dropped before they are parsed (they still count as heard), until a window below `low`.
 */
export class OverloadGuard {
  shedding = false;
  private busyWindows = 0;
  private last: EventLoopUtilization;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly high: number,
    private readonly low = Math.max(0, high - 0.2),
    windowMs = 250,
  ) {
    this.last = performance.eventLoopUtilization();
    if (high < 1) {
      this.timer = setInterval(() => this.sample(), windowMs);
      this.timer.unref();
    }
  }

  /** Folds in the utilisation since the last sample; exposed for tests. */
  sample(): number {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, this.last);
    this.last = now;
    this.busyWindows = utilization > this.high ? this.busyWindows + 1 : 0;
    if (this.busyWindows >= 2) this.shedding = true;
    else if (this.shedding && utilization < this.low) this.shedding = false;
    return utilization;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
