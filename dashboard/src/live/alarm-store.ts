import type { AlarmView, TrailPoint } from '@aware/protocol';
import { createStore } from '../stores/create-store.js';

export interface AlarmsState {
  /** Open alarms, and resolved ones for a few minutes (the detail page of one just resolved). */
  readonly alarms: ReadonlyMap<string, AlarmView>;
  /** Trail points received live, per alarm (the detail page adds what it fetched). */
  readonly trails: ReadonlyMap<string, readonly TrailPoint[]>;
}

/** How long a resolved alarm stays in memory. */
const KEEP_RESOLVED_MS = 10 * 60_000;
/** Changes within this window reach the screen as one update (a burst of 1,000 events: one render). */
const COALESCE_MS = 50;
const TRAIL_MAX = 1000;

/**
 * The alarms the live feed told this console about. Events are applied to mutable maps at once and
 * published as a new immutable state at most every 50 ms (a timer, not requestAnimationFrame: a board in a
 * background tab must still update and sound).
 */
export class AlarmStore {
  readonly store = createStore<AlarmsState>({ alarms: new Map(), trails: new Map() });
  private readonly alarms = new Map<string, AlarmView>();
  private readonly trails = new Map<string, TrailPoint[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** A snapshot: exactly these alarms are open now. */
  replaceOpen(open: readonly AlarmView[]): void {
    const now = Date.now();
    for (const [id, a] of this.alarms) {
      if (a.state !== 'resolved' || now - Date.parse(a.resolvedAt ?? a.receivedAt) > KEEP_RESOLVED_MS) this.alarms.delete(id);
    }
    for (const a of open) this.alarms.set(a.id, a);
    for (const id of this.trails.keys()) if (!this.alarms.has(id)) this.trails.delete(id);
    this.schedule();
  }

  upsert(alarm: AlarmView): void {
    this.alarms.set(alarm.id, alarm);
    this.schedule();
  }

  addTrail(alarmId: string, point: TrailPoint): void {
    let trail = this.trails.get(alarmId);
    if (!trail) this.trails.set(alarmId, (trail = []));
    trail.push(point);
    if (trail.length > TRAIL_MAX) trail.splice(0, trail.length - TRAIL_MAX);
    const alarm = this.alarms.get(alarmId);
    if (alarm && (!alarm.lastFix || Date.parse(point.at) >= Date.parse(alarm.lastFix.at))) this.alarms.set(alarmId, { ...alarm, lastFix: point });
    this.schedule();
  }

  clear(): void {
    this.alarms.clear();
    this.trails.clear();
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush(): void {
    this.timer = null;
    this.store.set({ alarms: new Map(this.alarms), trails: new Map([...this.trails].map(([id, t]) => [id, [...t]])) });
  }
}
