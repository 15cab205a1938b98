import { performance } from 'node:perf_hooks';

export interface TrailTiming {
  intervalMs: number;
  /** The trail ends this long after the last press... */
  maxMs: number;
  /** ...or this long after an operator acknowledged, whichever is first. */
  afterAckMs: number;
}

export interface TrailHooks {
  /** Time for a `loc` update of the alarm. */
  tick(alarmId: string): void;
  /** Called just before the trail starts or ends (the GPS switches on or off). */
  gpsSwitch(): void;
  started(alarmId: string): void;
  ended(alarmId: string): void;
}

/**
 * When an active alarm's location trail runs: from a press, one tick every `intervalMs`, for the
 * newest alarm, until its bound. The pendant is never told an alarm is resolved, so it bounds the
 * trail itself: `afterAckMs` after `operator_acknowledged`, `maxMs` after the last press at most.
 */
export class Trail {
  private current: { alarmId: string; until: number; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly timing: TrailTiming,
    private readonly hooks: TrailHooks,
  ) {}

  get alarmId(): string | null {
    return this.current?.alarmId ?? null;
  }

  /** A press: (re)starts the trail for this alarm. */
  start(alarmId: string): void {
    const until = performance.now() + this.timing.maxMs;
    if (this.current) {
      this.current.alarmId = alarmId;
      this.current.until = until;
      return;
    }
    this.hooks.gpsSwitch();
    this.current = { alarmId, until, timer: setInterval(() => this.onTick(), this.timing.intervalMs) };
    this.hooks.started(alarmId);
  }

  acknowledged(): void {
    if (this.current) this.current.until = Math.min(this.current.until, performance.now() + this.timing.afterAckMs);
  }

  stop(): void {
    if (!this.current) return;
    this.hooks.gpsSwitch();
    clearInterval(this.current.timer);
    const { alarmId } = this.current;
    this.current = null;
    this.hooks.ended(alarmId);
  }

  private onTick(): void {
    if (!this.current) return;
    if (performance.now() >= this.current.until) this.stop();
    else this.hooks.tick(this.current.alarmId);
  }
}
