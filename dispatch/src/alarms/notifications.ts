import type { AlarmChange, AlarmView } from '@aware/protocol';
import type { DispatchContext } from '../context.js';
import type { OutboxRow } from '../durable/writes.js';
import { targetsFor } from '../outbox/targets.js';
import { toView, type AlarmRecord } from './alarm-record.js';

/** What an outbox row carries (JSON as is, or rendered as CAP 1.2). */
export interface NotificationPayload {
  readonly topic: string;
  readonly alarm: AlarmView;
  readonly isTest: boolean;
  readonly at: string;
}

/**
 * The outbox rows for `change` of `alarm`: one per configured webhook target that wants it. The payload
 * is the alarm as consoles see it without the dossier card (name, address and perpetrator stay in the
 * console, need-to-know); the location is included: it is what the receiving control room acts on.
 * Rendered as JSON or CAP 1.2 when delivered.
 */
export function outboxFor(ctx: DispatchContext, alarm: AlarmRecord, change: AlarmChange): OutboxRow[] {
  const targets = targetsFor(ctx.config.webhooks, change, alarm.region);
  if (targets.length === 0) return [];
  const payload: NotificationPayload = { topic: `alarm.${change}`, alarm: toView(alarm, false), isTest: alarm.isTest, at: new Date(ctx.clock.now()).toISOString() };
  return targets.map((t) => ({ target: t.name, format: t.format, topic: `alarm.${change}`, dedupeKey: `${alarm.id}:${change}`, payload }));
}
