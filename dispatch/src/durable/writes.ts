import type { AlarmFlags, AlarmOutcome } from '@aware/protocol';

/**
 * Everything dispatch must not lose, as plain JSON records: applied to PostgreSQL in order, or appended
 * to the local journal while PostgreSQL is unreachable and applied when it is back. Every record is
 * idempotent to apply (keys: alarm id, (alarm, press key), (alarm, fix time), "only if not yet set"),
 * so a replay after a crash or a write that committed after its timeout applies once. Times are ms.
 */
export interface FixRow {
  readonly lat: number;
  readonly lon: number;
  readonly acc: number;
  /** Device time of the fix (the press or update time when the fix carries none). */
  readonly fixAt: number;
}

export interface PressRow {
  /** The pendant's alarm id, or the derived key of an unreadable press (`invalidPressKey`). */
  readonly key: string;
  readonly pressedAt: number;
  readonly receivedAt: number;
  readonly attempt: number | null;
}

export interface OutboxRow {
  readonly target: string;
  readonly format: 'json' | 'cap';
  /** e.g. `alarm.opened` */
  readonly topic: string;
  readonly dedupeKey: string;
  readonly payload: unknown;
}

export interface Actor {
  readonly userId: string;
  readonly name: string;
}

export interface OpenedAlarm {
  readonly id: string;
  readonly deviceId: string;
  readonly deviceAlarmId: string | null;
  readonly clientId: string | null;
  readonly assignmentId: string | null;
  readonly region: string | null;
  readonly isTest: boolean;
  readonly flags: AlarmFlags;
  readonly pressedAt: number;
  readonly receivedAt: number;
  readonly battery: number | null;
  readonly fix: FixRow | null;
  readonly firstConsoleAt: number | null;
}

export interface AccessEntry {
  readonly at: number;
  readonly userId: string;
  readonly username: string;
  readonly organisation: string;
  readonly role: string;
  readonly alarmId: string;
  readonly clientId: string;
  readonly ip: string | null;
  /** 'live' (pushed to a console), 'detail' (opened over HTTP), 'photo' (the client's photo fetched). */
  readonly channel: 'live' | 'detail' | 'photo';
}

export type DurableWrite =
  | { readonly kind: 'alarm_opened'; readonly alarm: OpenedAlarm; readonly press: PressRow; readonly outbox: readonly OutboxRow[] }
  | {
      readonly kind: 'press_attached';
      readonly alarmId: string;
      readonly deviceId: string;
      readonly press: PressRow;
      readonly pressCount: number;
      readonly battery: number | null;
      readonly fix: FixRow | null;
      readonly invalidPayload: boolean;
      /** Absent in journals written before 0016. */
      readonly reusedKey?: boolean;
      /** A real press on an open test alarm: the alarm is no longer a test. */
      readonly real?: boolean;
    }
  | {
      readonly kind: 'trail_appended';
      readonly alarmId: string;
      readonly deviceId: string;
      readonly fix: FixRow;
      readonly receivedAt: number;
      readonly battery: number | null;
    }
  | { readonly kind: 'alarm_confirmed'; readonly alarmId: string; readonly deviceId: string; readonly at: number }
  | { readonly kind: 'alarm_seen'; readonly alarmId: string; readonly deviceId: string; readonly at: number }
  | { readonly kind: 'alarm_escalated'; readonly alarmId: string; readonly deviceId: string; readonly at: number; readonly outbox: readonly OutboxRow[] }
  | {
      readonly kind: 'alarm_acknowledged';
      readonly alarmId: string;
      readonly deviceId: string;
      readonly at: number;
      readonly actor: Actor;
      readonly note: string | null;
      readonly outbox: readonly OutboxRow[];
    }
  | {
      readonly kind: 'alarm_dispatched';
      readonly alarmId: string;
      readonly deviceId: string;
      readonly at: number;
      readonly actor: Actor;
      readonly unit: string;
      readonly note: string | null;
      readonly outbox: readonly OutboxRow[];
    }
  | {
      readonly kind: 'alarm_resolved';
      readonly alarmId: string;
      readonly deviceId: string;
      readonly at: number;
      readonly actor: Actor;
      readonly outcome: AlarmOutcome;
      readonly note: string | null;
      readonly outbox: readonly OutboxRow[];
    }
  | { readonly kind: 'access_logged'; readonly entries: readonly AccessEntry[] };

export type DurableWriteKind = DurableWrite['kind'];

/**
 * Writes of one pendant reach the database in order (an alarm before its changes, a resolved alarm
 * before the next one opens); writes of different pendants may be in flight side by side. Since every
 * alarm belongs to one pendant, parallel transactions never touch the same alarm rows: no deadlocks.
 * Access-log entries (inserts only, no foreign keys) have a lane of their own.
 */
export function laneOf(write: DurableWrite): string {
  if (write.kind === 'access_logged') return 'access-log';
  return write.kind === 'alarm_opened' ? write.alarm.deviceId : write.deviceId;
}
