import type { Queryable } from '@aware/db';
import type { NotificationPayload } from '../alarms/notifications.js';

export interface OutboxJob {
  readonly id: string;
  readonly alarmId: string | null;
  readonly topic: string;
  readonly target: string;
  readonly format: 'json' | 'cap';
  readonly payload: NotificationPayload;
  readonly attempts: number;
}

/** Claims due rows for `leaseMs` (SKIP LOCKED: several workers never take the same row). */
export async function claimDue(db: Queryable, limit: number, leaseMs: number): Promise<OutboxJob[]> {
  const { rows } = await db.query<{ id: string; alarm_id: string | null; topic: string; target: string; format: 'json' | 'cap'; payload: NotificationPayload; attempts: number }>(
    `UPDATE outbox SET locked_until = now() + make_interval(secs => $2::float8 / 1000)
     WHERE id IN (
       SELECT id FROM outbox
       WHERE state = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, alarm_id, topic, target, format, payload, attempts`,
    [limit, leaseMs],
  );
  return rows.map((r) => ({ id: String(r.id), alarmId: r.alarm_id, topic: r.topic, target: r.target, format: r.format, payload: r.payload, attempts: r.attempts }));
}

export async function markDelivered(db: Queryable, id: string, status: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = 'delivered', delivered_at = now(), attempts = attempts + 1, last_attempt_at = now(),
       last_status = $2, last_error = NULL, locked_until = NULL WHERE id = $1`,
    [id, status],
  );
}

/** A failed attempt: pending again after `retryInMs`, or dead when `dead`. */
export async function markFailed(db: Queryable, id: string, error: string, status: number | null, dead: boolean, retryInMs: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = CASE WHEN $4 THEN 'dead'::outbox_state ELSE 'pending'::outbox_state END,
       attempts = attempts + 1, last_attempt_at = now(), last_error = left($2, 2000), last_status = $3, locked_until = NULL,
       next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
     WHERE id = $1`,
    [id, error, status, dead, retryInMs],
  );
}

/** When the earliest pending row is due (ms from now), or null when there is none. */
export async function nextDueInMs(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ ms: number | null }>(
    `SELECT greatest(0, extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms FROM outbox WHERE state = 'pending'`,
  );
  return rows[0]?.ms ?? null;
}
