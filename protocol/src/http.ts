import { z } from 'zod';
import { AlarmChange, AlarmOutcome, AlarmView, Organisation, TrailPoint } from './live.js';
import { freeText } from './text.js';

/** Bodies of the alarm actions over HTTP (`POST /api/alarms/:id/{ack,dispatch,resolve}`). */
export const AcknowledgeBody = z.object({ note: freeText(2000).optional() }).strict();
export type AcknowledgeBody = z.infer<typeof AcknowledgeBody>;

export const DispatchBody = z.object({ unit: freeText(100).min(1), note: freeText(2000).optional() }).strict();
export type DispatchBody = z.infer<typeof DispatchBody>;

export const ResolveBody = z.object({ outcome: AlarmOutcome, note: freeText(2000).optional() }).strict();
export type ResolveBody = z.infer<typeof ResolveBody>;

/** Error body of every HTTP route: a stable code and a human message. */
/**
 * One part of a request body the server refused: its path in the body (`content.perpetrators.0.name`), zod's
 * issue code (`too_big`, `too_small`, `invalid_type`, `invalid_format`, `custom`, ...) and zod's message.
 * A form shows it next to the field of that path, in its own language.
 */
export const BodyProblem = z.object({ path: z.string(), issue: z.string(), message: z.string() });
export type BodyProblem = z.infer<typeof BodyProblem>;

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  statusCode: z.number().int(),
  /** With 429: seconds to wait before trying again (also the Retry-After header). */
  retryAfterS: z.number().int().min(1).optional(),
  /** With an invalid body or query: every field refused, by path (the message lists them too). */
  problems: z.array(BodyProblem).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const IsoTime = z.iso.datetime({ offset: true });

/** `GET /api/alarms`: the open alarms the caller may see, newest first. */
export const AlarmList = z.object({ alarms: z.array(AlarmView) });
export type AlarmList = z.infer<typeof AlarmList>;

/** One entry of an alarm's history: what changed, when, by whom ('device', 'system' or a user's name). */
export const AlarmEventView = z.object({
  change: AlarmChange,
  at: IsoTime,
  actor: z.string(),
  /** e.g. `{ note }`, `{ unit }`, `{ outcome }`, `{ pressCount }`. */
  detail: z.record(z.string(), z.unknown()),
});
export type AlarmEventView = z.infer<typeof AlarmEventView>;

/**
 * `GET /api/alarms/:id`: the alarm, its trail and its history. Location and dossier are need-to-know:
 * for a resolved alarm `trail` is empty and `alarm.lastFix` and `alarm.dossier` are null.
 */
export const AlarmDetail = z.object({ alarm: AlarmView, trail: z.array(TrailPoint), events: z.array(AlarmEventView) });
export type AlarmDetail = z.infer<typeof AlarmDetail>;

const ms = z.number().min(0).nullable();

/**
 * `GET /api/reports/alarm-latency?from&to`: per alarm the time from the press reaching the platform to
 * the first console, to the pendant's confirmation and to an operator's acknowledgement (null: did not
 * happen), whether it escalated and which organisation acknowledged it; and the share acknowledged within
 * 60 s and 180 s (of all alarms in the range, test alarms excluded: the telecare targets are 97.5 % and 99 %).
 */
export const AlarmLatencyReport = z.object({
  from: IsoTime,
  to: IsoTime,
  alarms: z.array(
    z.object({
      id: z.string(),
      deviceId: z.string(),
      region: z.string().nullable(),
      receivedAt: IsoTime,
      pressToConsoleMs: ms,
      pressToConfirmationMs: ms,
      pressToAcknowledgeMs: ms,
      escalated: z.boolean(),
      /** The organisation of the operator who acknowledged it. */
      acknowledgedBy: Organisation.nullable(),
    }),
  ),
  summary: z.object({
    alarms: z.number().int().min(0),
    acknowledged: z.number().int().min(0),
    acknowledgedWithin60sShare: z.number().min(0).max(1).nullable(),
    acknowledgedWithin180sShare: z.number().min(0).max(1).nullable(),
  }),
});
export type AlarmLatencyReport = z.infer<typeof AlarmLatencyReport>;
