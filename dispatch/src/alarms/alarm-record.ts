import type { AlarmFlags, AlarmOutcome, AlarmState, AlarmView, DossierCard, TrailPoint } from '@aware/protocol';

/** An open alarm as dispatch holds it in memory (times in ms). The database row is its durable twin. */
export interface AlarmRecord {
  readonly id: string;
  readonly deviceId: string;
  /** The opening press's alarm id from the pendant; null when that payload was unreadable. */
  readonly deviceAlarmId: string | null;
  /** The newest press key the pendant itself chose (for `operator_acknowledged`); the derived key if none was readable. */
  pendantAlarmId: string;
  readonly clientId: string | null;
  readonly assignmentId: string | null;
  readonly region: string | null;
  /** A test (flags.test mirrors it): a real press on it makes it real. */
  isTest: boolean;
  state: AlarmState;
  flags: AlarmFlags;
  pressCount: number;
  readonly pressedAt: number;
  readonly receivedAt: number;
  battery: number | null;
  lastFix: TrailPoint | null;
  /** Device time of `lastFix`, to keep the newest when updates arrive out of order. */
  lastFixAt: number | null;
  /** The newest trail points (bounded), for the alarm detail. */
  trail: TrailPoint[];
  /** Device times of the fixes in `trail`: a redelivered location update is not pushed twice. */
  fixTimes: Set<number>;
  escalatedAt: number | null;
  firstConsoleAt: number | null;
  confirmedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  dispatchedAt: number | null;
  dispatchUnit: string | null;
  resolvedAt: number | null;
  outcome: AlarmOutcome | null;
  dossier: DossierCard | null;
}

export const TRAIL_IN_MEMORY = 500;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The protocol's AlarmView of a record; `withDossier` false for readers without need-to-know. */
export function toView(a: AlarmRecord, withDossier = true): AlarmView {
  return {
    id: a.id,
    deviceId: a.deviceId,
    deviceAlarmId: a.deviceAlarmId,
    state: a.state,
    region: a.region,
    pressedAt: new Date(a.pressedAt).toISOString(),
    receivedAt: new Date(a.receivedAt).toISOString(),
    pressCount: a.pressCount,
    battery: a.battery,
    lastFix: a.lastFix,
    flags: { ...a.flags },
    escalatedAt: iso(a.escalatedAt),
    confirmedAt: iso(a.confirmedAt),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgedBy: a.acknowledgedBy,
    dispatchUnit: a.dispatchUnit,
    resolvedAt: iso(a.resolvedAt),
    outcome: a.outcome,
    dossier: withDossier ? a.dossier : null,
  };
}

/** Adds a fix to the trail (and as the latest fix if it is the newest). False if that fix was already there. */
export function appendTrail(a: AlarmRecord, point: TrailPoint, fixAt: number): boolean {
  if (a.fixTimes.has(fixAt)) return false;
  a.fixTimes.add(fixAt);
  a.trail.push(point);
  if (a.trail.length > TRAIL_IN_MEMORY) a.trail.splice(0, a.trail.length - TRAIL_IN_MEMORY);
  if (a.fixTimes.size > TRAIL_IN_MEMORY * 2) a.fixTimes = new Set([...a.fixTimes].slice(-TRAIL_IN_MEMORY));
  if (a.lastFixAt === null || fixAt >= a.lastFixAt) {
    a.lastFix = point;
    a.lastFixAt = fixAt;
  }
  return true;
}
