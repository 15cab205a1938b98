import type { AlarmRecord } from './alarm-record.js';

/**
 * One timer per unacknowledged alarm: `escalationMs` after the press reached the platform, `onDue` runs
 * (it checks the alarm is still unacknowledged); never for a test alarm. Timers are re-created for open alarms at start-up, so an
 * alarm already overdue then escalates at once.
 */
export class Escalation {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly escalationMs: number,
    private readonly now: () => number,
    private readonly onDue: (alarmId: string) => void,
  ) {}

  schedule(alarm: AlarmRecord): void {
    // a test alarm never escalates: it proves the chain, it is not an emergency
    if (alarm.state !== 'new' || alarm.flags.test || alarm.escalatedAt !== null || this.timers.has(alarm.id)) return;
    const delay = Math.max(0, alarm.receivedAt + this.escalationMs - this.now());
    const timer = setTimeout(() => {
      this.timers.delete(alarm.id);
      this.onDue(alarm.id);
    }, delay);
    timer.unref();
    this.timers.set(alarm.id, timer);
  }

  cancel(alarmId: string): void {
    const timer = this.timers.get(alarmId);
    if (timer) clearTimeout(timer);
    this.timers.delete(alarmId);
  }

  get pending(): number {
    return this.timers.size;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
