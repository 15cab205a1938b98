import { z } from 'zod';
import { AlarmId, BatteryPercent, DeviceId } from './limits.js';
import { ProtectiveOrder } from './protective-order.js';
import { freeText } from './text.js';

/** Organisations of the platform's users. */
export const Organisation = z.enum(['police', 'veilig_thuis', 'moviera']);
export type Organisation = z.infer<typeof Organisation>;

export const AlarmState = z.enum(['new', 'acknowledged', 'dispatched', 'resolved']);
export type AlarmState = z.infer<typeof AlarmState>;

export const AlarmOutcome = z.enum(['police_on_scene', 'false_alarm', 'test', 'technical', 'other']);
export type AlarmOutcome = z.infer<typeof AlarmOutcome>;

const IsoTime = z.iso.datetime({ offset: true });

/** A point of an alarm's trail, as shown on the map. Server receive time in `at`. */
export const TrailPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  acc: z.number().min(0),
  at: IsoTime,
});
export type TrailPoint = z.infer<typeof TrailPoint>;

/** What a control room needs to know about the person and the threat (need-to-know, during an alarm). */
export const DossierCard = z.object({
  clientId: z.string(),
  clientName: freeText(200),
  address: freeText(300),
  phone: freeText(50),
  photoUrl: z.string().optional(),
  riskNotes: freeText(4000),
  perpetrators: z.array(
    z.object({
      name: freeText(200),
      relation: freeText(100),
      description: freeText(2000),
      vehicle: freeText(300),
      /** Served while the alarm is open, access-logged (`GET /api/perpetrators/:id/photo`). */
      photoUrl: z.string().optional(),
    }),
  ),
  /** Protective orders of the approved application (tijdelijk huisverbod, contact or area ban), with dates. */
  orders: z.array(ProtectiveOrder).default([]),
  /** Police registrations the application names, for the police operator to look up. */
  policeReferences: z.array(freeText(100)).default([]),
  /** A record on the card is restricted (a privacy request disputes it): shown, but it may be wrong. */
  restricted: z.boolean().default(false),
});
export type DossierCard = z.infer<typeof DossierCard>;

/** Why an alarm deserves a second look; a flagged press is still an alarm. */
export const AlarmFlags = z.object({
  /** The press payload failed validation (damaged device); raised anyway. */
  invalidPayload: z.boolean(),
  /** No GPS fix with the press. */
  noFix: z.boolean(),
  /** The pendant is not (or no longer) assigned to a client. */
  unassigned: z.boolean(),
  /**
   * The press carried an alarm id the pendant had used before for an alarm that is already resolved (its
   * id counter was reset: reboot, firmware fault): raised as a new alarm, never taken for a repeat.
   */
  reusedKey: z.boolean().default(false),
  /**
   * A test: a press from a test pendant, or a test press the wearer made on purpose. It proves the chain
   * (confirmed to the pendant, on the Veilig Thuis board, its latency recorded) but never escalates and is
   * not on the police board (unless DISPATCH_TEST_ALARMS_TO_POLICE). Consoles mark it TEST.
   */
  test: z.boolean().default(false),
});
export type AlarmFlags = z.infer<typeof AlarmFlags>;

export const AlarmView = z.object({
  id: z.string(),
  deviceId: DeviceId,
  deviceAlarmId: AlarmId.nullable(),
  state: AlarmState,
  region: z.string().nullable(),
  pressedAt: IsoTime,
  receivedAt: IsoTime,
  pressCount: z.number().int().min(1),
  battery: BatteryPercent.nullable(),
  lastFix: TrailPoint.nullable(),
  flags: AlarmFlags,
  escalatedAt: IsoTime.nullable(),
  confirmedAt: IsoTime.nullable(),
  acknowledgedAt: IsoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  dispatchUnit: z.string().nullable(),
  resolvedAt: IsoTime.nullable(),
  outcome: AlarmOutcome.nullable(),
  dossier: DossierCard.nullable(),
});
export type AlarmView = z.infer<typeof AlarmView>;

export const TechnicalKind = z.enum(['pendant_silent', 'battery_low', 'battery_critical']);
export type TechnicalKind = z.infer<typeof TechnicalKind>;

/** What a Veilig Thuis operator did about a technical alarm, recorded when she resolves it. */
export const TechnicalResolution = z.enum(['client_called', 'client_unreachable', 'pendant_charged', 'pendant_replaced', 'home_visit', 'other']);
export type TechnicalResolution = z.infer<typeof TechnicalResolution>;

/**
 * An operator's handling of a technical alarm: who took it (acknowledged; the quiet signal stops) and, once
 * done, who resolved it with what was done. Null on the view while nobody has taken it.
 */
export const TechnicalHandling = z.object({
  acknowledgedAt: IsoTime,
  acknowledgedBy: z.string(),
  resolvedAt: IsoTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: TechnicalResolution.nullable(),
  /** The operator's note; only for Veilig Thuis operators (a device administrator gets null). */
  note: z.string().nullable(),
});
export type TechnicalHandling = z.infer<typeof TechnicalHandling>;

/**
 * Technical alarms are for Veilig Thuis and device administrators, never the police board. `clearedAt` is
 * the pendant's own recovery (it spoke again, its battery is charged); `handling` the operator's work.
 */
export const TechnicalAlarmView = z.object({
  id: z.string(),
  deviceId: DeviceId,
  kind: TechnicalKind,
  openedAt: IsoTime,
  clearedAt: IsoTime.nullable(),
  handling: TechnicalHandling.nullable(),
});
export type TechnicalAlarmView = z.infer<typeof TechnicalAlarmView>;

/**
 * Whether a technical alarm belongs on the Veilig Thuis board: until an operator resolves it, except that
 * one nobody took leaves by itself when the pendant recovers (a pendant back on its charger needs no call);
 * one an operator took stays until she records what was done.
 */
export function technicalOnBoard(t: Pick<TechnicalAlarmView, 'clearedAt' | 'handling'>): boolean {
  if (t.handling?.resolvedAt) return false;
  return t.clearedAt === null || t.handling !== null;
}

/** Whether a technical alarm still asks for attention (the quiet signal): on the board, nobody took it. */
export function technicalWaiting(t: Pick<TechnicalAlarmView, 'clearedAt' | 'handling'>): boolean {
  return t.clearedAt === null && t.handling === null;
}

export const TechnicalChange = z.enum(['opened', 'cleared', 'acknowledged', 'resolved']);
export type TechnicalChange = z.infer<typeof TechnicalChange>;

export const AlarmChange = z.enum([
  'opened',
  'pressed',
  'confirmed',
  'acknowledged',
  'dispatched',
  'resolved',
  'escalated',
  'flagged',
  /** The client's dossier card changed during the alarm (e.g. a record was restricted). */
  'dossier',
]);
export type AlarmChange = z.infer<typeof AlarmChange>;

const seq = z.number().int().min(0);

/** Server -> console messages on the live feed. Every message but `ping` carries the feed sequence. */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot'),
    seq,
    alarms: z.array(AlarmView),
    technical: z.array(TechnicalAlarmView),
  }),
  z.object({ type: z.literal('alarm'), seq, change: AlarmChange, actor: z.string().nullable(), alarm: AlarmView }),
  z.object({ type: z.literal('trail'), seq, alarmId: z.string(), point: TrailPoint }),
  z.object({ type: z.literal('technical'), seq, change: TechnicalChange, technical: TechnicalAlarmView }),
  z.object({
    type: z.literal('notification'),
    seq,
    alarmId: z.string(),
    target: z.string(),
    state: z.enum(['delivered', 'retrying', 'dead']),
    attempts: z.number().int().min(0),
  }),
  z.object({ type: z.literal('ping'), at: IsoTime }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventType = LiveEvent['type'];

/** Console -> server messages on the live feed. */
export const LiveClientMessage = z.discriminatedUnion('type', [
  /** Resume after a reconnect: the server replays events after `sinceSeq`, or sends a snapshot. */
  z.object({ type: z.literal('resume'), sinceSeq: seq }),
  z.object({ type: z.literal('pong') }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;
