import { freeText, Organisation, ProtectiveOrder } from '@aware/protocol';
import { z } from 'zod';
import { Eligibility } from './eligibility.js';

/**
 * The indicatiecommissie workflow over HTTP (`/api/applications*`): a Veilig Thuis case worker files an
 * application for a client, the member organisations (police, Moviera, Veilig Thuis) vote, a decision is
 * recorded. Free text is text, never HTML.
 */

export const IsoDate = z.iso.date();
const IsoTime = z.iso.datetime({ offset: true });
/** Police registrations on an application: how many, and how long each (the form shows these limits). */
export const POLICE_REFERENCE_LIMITS = Object.freeze({ items: 10, length: 100 });

export const RegionCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

/** The client as filed. Photo: separate route (`PUT /api/applications/:id/photos/client`). */
export const ClientParticulars = z
  .object({
    name: freeText(200).trim().min(1),
    dateOfBirth: IsoDate.nullable(),
    address: freeText(300),
    phone: freeText(50),
    preferredContact: freeText(300),
    /** The veiligheidsregio the client lives in (eligibility: living in the region of the application). */
    residenceRegion: RegionCode.nullable(),
  })
  .strict();
export type ClientParticulars = z.infer<typeof ClientParticulars>;

export const PerpetratorParticulars = z
  .object({
    /** Set by the server when the perpetrator is first saved; send it back to keep the same record. */
    id: z.uuid().optional(),
    name: freeText(200).trim().min(1),
    relation: freeText(100),
    description: freeText(2000),
    vehicle: freeText(300),
  })
  .strict();
export type PerpetratorParticulars = z.infer<typeof PerpetratorParticulars>;


export const Grounds = z
  .object({
    stalking: z.boolean(),
    threats: z.boolean(),
    earlierViolence: z.boolean(),
    orders: z.array(ProtectiveOrder).max(10),
    description: freeText(4000),
  })
  .strict();
export type Grounds = z.infer<typeof Grounds>;

/** The core condition: a real fear of being victimised again by the same perpetrator. */
export const FearStatement = z
  .object({ renewedVictimisation: z.boolean(), samePerpetrator: z.boolean(), explanation: freeText(2000) })
  .strict();
export type FearStatement = z.infer<typeof FearStatement>;

/** A client under 18 needs a written exception (the commissie decides "in principe meerderjarig"). */
export const MinorException = z.object({ reference: freeText(200).trim().min(1), motivation: freeText(2000).trim().min(1) }).strict();
export type MinorException = z.infer<typeof MinorException>;

export const InitialContent = z
  .object({
    kind: z.literal('initial'),
    client: ClientParticulars,
    perpetrators: z.array(PerpetratorParticulars).max(5),
    grounds: Grounds,
    fear: FearStatement,
    riskSummary: freeText(4000),
    policeReferences: z.array(freeText(POLICE_REFERENCE_LIMITS.length).trim().min(1)).max(POLICE_REFERENCE_LIMITS.items),
    minorException: MinorException.nullable(),
    /** The earlier application this one follows up (after "more information needed"). */
    previousApplicationId: z.uuid().nullable(),
  })
  .strict();
export type InitialContent = z.infer<typeof InitialContent>;

/** An extension of a running assignment is a new decision of the commissie. */
export const ExtensionContent = z
  .object({
    kind: z.literal('extension'),
    assignmentId: z.uuid(),
    /** Extend until and including this day. */
    requestedEndsOn: IsoDate,
    motivation: freeText(4000),
    fear: FearStatement,
    riskSummary: freeText(4000),
  })
  .strict();
export type ExtensionContent = z.infer<typeof ExtensionContent>;

export const ApplicationContent = z.discriminatedUnion('kind', [InitialContent, ExtensionContent]);
export type ApplicationContent = z.infer<typeof ApplicationContent>;

export const ApplicationStatus = z.enum(['draft', 'submitted', 'under_review', 'more_info_needed', 'approved', 'rejected', 'withdrawn']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** `POST /api/applications`: a draft. `region` only for case workers who work nationally (else their own). */
export const CreateApplicationBody = z.object({ region: RegionCode.optional(), content: ApplicationContent }).strict();
export type CreateApplicationBody = z.infer<typeof CreateApplicationBody>;

/** `PUT /api/applications/:id` (draft only). */
export const SaveDraftBody = z.object({ content: ApplicationContent }).strict();
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;

/** `POST /api/applications/:id/amendments` (after submission): the new content and why. */
export const AmendBody = z.object({ content: ApplicationContent, reason: freeText(2000).trim().min(1) }).strict();
export type AmendBody = z.infer<typeof AmendBody>;

export const VoteChoice = z.enum(['approve', 'reject', 'more_info']);
export type VoteChoice = z.infer<typeof VoteChoice>;

/**
 * `POST /api/applications/:id/votes`: the vote of the caller's organisation. `organisation` may be sent to
 * make the intent explicit; it must then be the caller's own.
 */
export const VoteBody = z
  .object({ vote: VoteChoice, motivation: freeText(4000).trim().min(1), organisation: Organisation.optional() })
  .strict();
export type VoteBody = z.infer<typeof VoteBody>;

export const PhotoMime = z.enum(['image/jpeg', 'image/png', 'image/webp']);
/** `PUT /api/applications/:id/photos/{client,perpetrator/:pid}`: at most 2 MiB once decoded. */
export const PhotoBody = z
  .object({ mime: PhotoMime, dataBase64: z.string().max(2_796_204).regex(/^[A-Za-z0-9+/]*={0,2}$/) })
  .strict();
export type PhotoBody = z.infer<typeof PhotoBody>;

/**
 * A member of staff who did something. In the client's inzage copy staff are named by function only
 * (`id` null, `displayName` e.g. "Casemanager Veilig Thuis"): see casework/src/server/privacy/redact.ts.
 */
export const PersonRef = z.object({ id: z.string().nullable(), displayName: z.string() });

export const VoteView = z.object({
  organisation: Organisation,
  vote: VoteChoice,
  motivation: z.string(),
  castAt: IsoTime,
  voter: PersonRef,
});
export type VoteView = z.infer<typeof VoteView>;

export const DecisionOutcome = z.enum(['approved', 'rejected', 'more_info_needed']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const DecisionView = z.object({
  id: z.string(),
  outcome: DecisionOutcome,
  /** The rule applied: 'unanimous' or 'majority'. */
  rule: z.string(),
  /** Motivations of the votes against, kept with the decision (a rejection keeps its reasons). */
  motivation: z.string().nullable(),
  members: z.array(VoteView),
  periodStart: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
  decidedAt: IsoTime,
});
export type DecisionView = z.infer<typeof DecisionView>;

export const AmendmentView = z.object({
  version: z.number().int(),
  reason: z.string(),
  amendedAt: IsoTime,
  amendedBy: PersonRef,
  /** Top-level parts of the content that changed. */
  changed: z.array(z.string()),
});
export type AmendmentView = z.infer<typeof AmendmentView>;

export const ApplicationSummary = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  region: z.string(),
  kind: z.enum(['initial', 'extension']),
  status: ApplicationStatus,
  eligibility: Eligibility.nullable(),
  createdBy: PersonRef,
  createdAt: IsoTime,
  submittedAt: IsoTime.nullable(),
  decidedAt: IsoTime.nullable(),
  /** Organisations that have voted (not how). */
  votedBy: z.array(Organisation),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ApplicationList = z.object({ applications: z.array(ApplicationSummary) });
export type ApplicationList = z.infer<typeof ApplicationList>;

export const ApplicationView = ApplicationSummary.extend({
  content: ApplicationContent,
  contentVersion: z.number().int(),
  amendments: z.array(AmendmentView),
  votes: z.array(VoteView),
  decision: DecisionView.nullable(),
  hasClientPhoto: z.boolean(),
  /** Perpetrator ids that have a photo. */
  perpetratorPhotos: z.array(z.string()),
  /** The client's record is restricted (disputed): frozen, no amendments. */
  restricted: z.boolean(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

/** A message for the case worker (decision recorded, pendant issued, ...), shown in their task list. */
export const NotificationView = z.object({
  id: z.string(),
  kind: z.enum(['decision', 'issued', 'extended', 'returned']),
  applicationId: z.string().nullable(),
  clientId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: IsoTime,
  readAt: IsoTime.nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;
export const NotificationList = z.object({ notifications: z.array(NotificationView) });
export type NotificationList = z.infer<typeof NotificationList>;
