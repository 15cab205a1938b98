import { performance } from 'node:perf_hooks';
import type { Fix } from '@aware/protocol';
import { newAlarmId } from './model/alarm-id.js';
import type { PendantSnapshot } from './pendant-snapshot.js';

/** One press of the button, from the moment it happened until the platform confirmed it. */
export interface PressRecord {
  alarmId: string;
  /** Device time of the press, ms since epoch (what goes on the wire as `ts`). */
  ts: number;
  /** Monotonic time of the press (performance.now), for latency. */
  pressedAt: number;
  fix: Fix | undefined;
  battery: number;
  /** The wearer's test press (the monthly test an alarm centre asks for). */
  test: boolean;
  /** How many times it has been sent. */
  attempts: number;
  retryTimer: NodeJS.Timeout | null;
  confirmedAt: number | null;
  acknowledged: boolean;
}

/** The presses a pendant remembers: unconfirmed ones are resent until confirmed. */
export class AlarmBook {
  private readonly presses = new Map<string, PressRecord>();

  constructor(private readonly nextId: () => string = newAlarmId) {}

  /** Records a press now, with a new device-generated alarm id. */
  press(fix: Fix | undefined, battery: number, test = false): PressRecord {
    const record: PressRecord = {
      alarmId: this.nextId(),
      ts: Date.now(),
      pressedAt: performance.now(),
      fix,
      battery,
      test,
      attempts: 0,
      retryTimer: null,
      confirmedAt: null,
      acknowledged: false,
    };
    this.presses.set(record.alarmId, record);
    return record;
  }

  get(alarmId: string): PressRecord | undefined {
    return this.presses.get(alarmId);
  }

  /** Unconfirmed presses in press order, oldest first. */
  unconfirmed(): PressRecord[] {
    return [...this.presses.values()].filter((p) => p.confirmedAt === null);
  }

  summary(): PendantSnapshot['presses'] {
    return [...this.presses.values()].map((p) => ({
      alarmId: p.alarmId,
      attempts: p.attempts,
      confirmed: p.confirmedAt !== null,
      latencyMs: p.confirmedAt === null ? null : p.confirmedAt - p.pressedAt,
      acknowledged: p.acknowledged,
    }));
  }

  clearTimers(): void {
    for (const press of this.presses.values()) {
      if (press.retryTimer) clearTimeout(press.retryTimer);
      press.retryTimer = null;
    }
  }

  /** Confirmed presses older than the newest `keep` are forgotten (load runs press thousands of times). */
  prune(keep: number): void {
    const confirmed = [...this.presses.values()].filter((p) => p.confirmedAt !== null);
    for (const press of confirmed.slice(0, Math.max(0, confirmed.length - keep))) this.presses.delete(press.alarmId);
  }
}
