import { z } from 'zod';
import { AssignmentView } from './assignments.js';
import { ApplicationContent, ApplicationStatus, DecisionView, PersonRef, VoteView } from './commissie.js';
import { Eligibility } from './eligibility.js';
import { AccessLogEntry, PrivacyRequestView } from './privacy.js';

/**
 * A client's dossier as one document: `GET /api/dossiers/:clientId` (staff, with the perpetrators) and the
 * inzage copy `GET /api/privacy/requests/:id/export` (for the client: data about other people withheld, see
 * `Withheld`). Timestamps ISO-8601, days `YYYY-MM-DD`, photos base64.
 */

const IsoTime = z.iso.datetime({ offset: true });
const Photo = z.object({ mime: z.string(), dataBase64: z.string() }).nullable();
const Restriction = z.object({ at: IsoTime, reason: z.string() }).nullable();

/** What stands where data about another person was left out of an inzage copy, and why. */
export const Withheld = z.object({ withheld: z.literal(true), reason: z.string() });
export type Withheld = z.infer<typeof Withheld>;

export const DossierClient = z.object({
  id: z.string(),
  region: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  preferredContact: z.string().nullable(),
  /** The risk assessment; withheld in the inzage copy (it is about the perpetrator too, see `Withheld`). */
  riskNotes: z.union([z.string(), Withheld]).nullable(),
  legallyIncapable: z.boolean(),
  status: z.enum(['applicant', 'active', 'closed']),
  closedAt: IsoTime.nullable(),
  retainUntil: z.string().nullable(),
  restricted: Restriction,
  createdAt: IsoTime,
  updatedAt: IsoTime,
  photo: Photo,
});

export const DossierPerpetrator = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string().nullable(),
  description: z.string().nullable(),
  vehicle: z.string().nullable(),
  restricted: Restriction,
  photo: Photo,
});
export type DossierPerpetrator = z.infer<typeof DossierPerpetrator>;

export const DossierAmendment = z.object({
  version: z.number().int(),
  reason: z.string(),
  amendedAt: IsoTime,
  amendedBy: PersonRef,
  previousContent: z.unknown(),
  content: z.unknown(),
});

export const DossierApplication = z.object({
  id: z.string(),
  kind: z.enum(['initial', 'extension']),
  status: ApplicationStatus,
  region: z.string(),
  content: z.union([ApplicationContent, z.record(z.string(), z.unknown())]),
  contentVersion: z.number().int(),
  eligibility: Eligibility.nullable(),
  createdAt: IsoTime,
  createdBy: PersonRef,
  submittedAt: IsoTime.nullable(),
  decidedAt: IsoTime.nullable(),
  amendments: z.array(DossierAmendment),
  votes: z.array(VoteView),
  decision: DecisionView.nullable(),
});

export const DossierAlarm = z.object({
  id: z.string(),
  deviceId: z.string(),
  state: z.string(),
  isTest: z.boolean(),
  pressedAt: IsoTime,
  receivedAt: IsoTime,
  acknowledgedAt: IsoTime.nullable(),
  dispatchedAt: IsoTime.nullable(),
  dispatchUnit: z.string().nullable(),
  resolvedAt: IsoTime.nullable(),
  outcome: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  /**
   * Her positions during the alarm: in the client's own inzage copy only; null on the dossier staff read
   * (an alarm's location is for the control rooms while it is open, and for the client herself).
   */
  trail: z.array(z.object({ lat: z.number(), lon: z.number(), acc: z.number(), fixAt: IsoTime })).nullable(),
  /** How many positions the alarm's trail holds (also where `trail` is withheld). */
  trailPoints: z.number().int().min(0),
  /** `actor`: the staff member's name ('system' or 'device' otherwise; a function in the inzage copy), `actorId` their user id (null there). */
  events: z.array(z.object({ change: z.string(), at: IsoTime, actor: z.string(), actorId: z.string().nullable(), detail: z.unknown() })),
});

export const DossierFollowUp = z.object({
  id: z.string(),
  assignmentId: z.string(),
  kind: z.string(),
  dueOn: z.string(),
  completedAt: IsoTime.nullable(),
  notes: z.string().nullable(),
});

export const DossierCorrection = z.object({
  subjectType: z.string(),
  subjectId: z.string(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  reason: z.string(),
  correctedAt: IsoTime,
  correctedBy: PersonRef,
});

export const DossierDocument = z.object({
  generatedAt: IsoTime,
  client: DossierClient,
  perpetrators: z.union([z.array(DossierPerpetrator), Withheld.extend({ count: z.number().int() })]),
  applications: z.array(DossierApplication),
  assignments: z.array(AssignmentView.extend({ endNote: z.string().nullable() })),
  followUps: z.array(DossierFollowUp),
  alarms: z.array(DossierAlarm),
  corrections: z.array(DossierCorrection),
  privacyRequests: z.array(PrivacyRequestView),
  /** Inzage only: who read or changed the dossier, when and why. */
  accessLog: z.array(AccessLogEntry).optional(),
  /** Inzage only: the pendant's heartbeats (with any position) during the client's use, as long as they are kept. */
  telemetry: z.array(z.object({ time: IsoTime, deviceId: z.string(), battery: z.number().nullable(), lat: z.number().nullable(), lon: z.number().nullable(), acc: z.number().nullable() })).optional(),
  /** Inzage only: how data about other people was handled in this copy. */
  notice: z.string().optional(),
});
export type DossierDocument = z.infer<typeof DossierDocument>;
