import { z } from 'zod';
import { freeText } from '@aware/protocol';
import { IsoDate } from './commissie.js';

/**
 * The client's rights over the dossier (AVG) and the access log (`/api/privacy/*`, `/api/dossiers/*`),
 * for privacy officers. Rules from Veilig Thuis: inzage from 16 only by the client (parents with consent),
 * 12-16 the client and parents with authority, under 12 parents with authority or guardian, legally
 * incapable: parents/guardian/legal representative; a reply within one month, a copy of a complex dossier
 * two months more; retention 20 years after closing.
 */

const IsoTime = z.iso.datetime({ offset: true });

export const PrivacyRequestKind = z.enum(['inzage', 'correction', 'restriction', 'deletion']);
export type PrivacyRequestKind = z.infer<typeof PrivacyRequestKind>;

export const RequesterCapacity = z.enum(['client', 'parent_with_authority', 'guardian', 'legal_representative', 'other']);
export type RequesterCapacity = z.infer<typeof RequesterCapacity>;

export const CreatePrivacyRequestBody = z
  .object({
    clientId: z.uuid(),
    kind: PrivacyRequestKind,
    requesterName: freeText(200).trim().min(1),
    requesterCapacity: RequesterCapacity,
    /** Written consent on file (e.g. a 16+ client's consent for a parent's request). */
    consentReference: freeText(200).trim().min(1).nullable().optional(),
    details: freeText(4000).optional(),
    /** Deletion: the whole dossier, or only the client's photo. */
    deletionScope: z.enum(['dossier', 'photo']).optional(),
  })
  .strict();
export type CreatePrivacyRequestBody = z.infer<typeof CreatePrivacyRequestBody>;

export const PrivacyRequestStatus = z.enum(['open', 'in_progress', 'completed', 'refused']);

export const PrivacyRequestView = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  kind: PrivacyRequestKind,
  requesterName: z.string(),
  requesterCapacity: RequesterCapacity,
  consentReference: z.string().nullable(),
  details: z.string(),
  deletionScope: z.enum(['dossier', 'photo']).nullable(),
  receivedAt: IsoTime,
  dueAt: IsoTime,
  extendedDueAt: IsoTime.nullable(),
  extensionReason: z.string().nullable(),
  status: PrivacyRequestStatus,
  outcomeReason: z.string().nullable(),
  completedAt: IsoTime.nullable(),
  /** Past its (extended) due date and not finished. */
  overdue: z.boolean(),
});
export type PrivacyRequestView = z.infer<typeof PrivacyRequestView>;
/** One change made to the dossier while handling a request: a correction (old and new value) or a restriction set or lifted. */
export const PrivacyRequestChange = z.object({
  at: IsoTime,
  by: z.string(),
  kind: z.enum(['correction', 'restrict', 'lift']),
  subjectType: z.enum(['client', 'perpetrator']),
  /** Whose record: the client's or the perpetrator's name. */
  subjectName: z.string().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
});
export type PrivacyRequestChange = z.infer<typeof PrivacyRequestChange>;

/** A record of the client's dossier that is frozen now (a restriction not yet lifted or corrected). */
export const RestrictedRecord = z.object({
  subjectType: z.enum(['client', 'perpetrator']),
  subjectId: z.string(),
  subjectName: z.string(),
  since: IsoTime,
  reason: z.string().nullable(),
});
export type RestrictedRecord = z.infer<typeof RestrictedRecord>;

/**
 * `GET /api/privacy/requests/:id`: the request and, open or closed, every change made for it, oldest first;
 * for a correction or restriction request, the dossier's records that are restricted now (a restriction
 * outlives its request: it is lifted, also after the request is closed, once the dispute is settled).
 */
export const PrivacyRequestDetail = PrivacyRequestView.extend({ changes: z.array(PrivacyRequestChange), restricted: z.array(RestrictedRecord) });
export type PrivacyRequestDetail = z.infer<typeof PrivacyRequestDetail>;

export const PrivacyRequestList = z.object({ requests: z.array(PrivacyRequestView) });
export type PrivacyRequestList = z.infer<typeof PrivacyRequestList>;

/** `POST /api/privacy/requests/:id/extend`: a copy of a complex dossier, two months more (once). */
export const ExtendRequestBody = z.object({ reason: freeText(2000).trim().min(1) }).strict();

/** A record a correction or restriction is about. */
export const DossierRecord = z.object({ subjectType: z.enum(['client', 'perpetrator']), subjectId: z.uuid() }).strict();

export const CLIENT_CORRECTABLE = ['name', 'dateOfBirth', 'address', 'phone', 'preferredContact'] as const;
export const PERPETRATOR_CORRECTABLE = ['name', 'relation', 'description', 'vehicle'] as const;

/** `POST /api/privacy/requests/:id/corrections`: a factually wrong or incomplete value, corrected with history. */
export const CorrectionBody = DossierRecord.extend({
  field: z.enum([...new Set([...CLIENT_CORRECTABLE, ...PERPETRATOR_CORRECTABLE])] as [string, ...string[]]),
  value: freeText(2000).nullable(),
  reason: freeText(2000).trim().min(1),
}).strict();
export type CorrectionBody = z.infer<typeof CorrectionBody>;

/** `POST /api/privacy/requests/:id/{restrict,lift}`: freeze a disputed record, or end that. */
export const RestrictionBody = DossierRecord.extend({ reason: freeText(2000).trim().min(1) }).strict();
export type RestrictionBody = z.infer<typeof RestrictionBody>;

/**
 * `POST /api/privacy/requests/:id/deletion`: carry a deletion request out, unless the legal retention or
 * `otherInterest` (another person's substantial interest, stated by the privacy officer) forbids it.
 */
export const DeletionBody = z.object({ otherInterest: freeText(2000).trim().min(1).nullable() }).strict();
export type DeletionBody = z.infer<typeof DeletionBody>;

export const DeletionOutcome = z.object({
  carriedOut: z.boolean(),
  /** Why it was refused (retention with its date, or the other person's interest), or what was deleted. */
  reason: z.string(),
  request: PrivacyRequestView,
});
export type DeletionOutcome = z.infer<typeof DeletionOutcome>;

/** `POST /api/privacy/requests/:id/close`: the reply was sent. */
export const CloseRequestBody = z
  .object({ status: z.enum(['completed', 'refused']), outcomeReason: freeText(4000).trim().min(1).nullable() })
  .strict();
export type CloseRequestBody = z.infer<typeof CloseRequestBody>;

export const AccessLogQuery = z
  .object({
    clientId: z.uuid().optional(),
    username: z.string().max(100).optional(),
    action: z.string().max(50).optional(),
    subjectType: z.string().max(50).optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    /** Entries with a smaller id (paging back in time). */
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

export const AccessLogEntry = z.object({
  id: z.string(),
  at: IsoTime,
  userId: z.string().nullable(),
  username: z.string(),
  /** The staff member's name as the users table has it now; null for a removed account or a service. */
  displayName: z.string().nullable(),
  organisation: z.string().nullable(),
  role: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  clientId: z.string().nullable(),
  /** The client's name (for the privacy officer, who handles her requests); null once purged or for none. */
  clientName: z.string().nullable(),
  reason: z.string(),
  ip: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
export const AccessLogPage = z.object({ entries: z.array(AccessLogEntry) });
export type AccessLogPage = z.infer<typeof AccessLogPage>;

/** `POST /api/privacy/retention/run`: closed dossiers past their term, purged now. */
export const RetentionRun = z.object({ purged: z.number().int().min(0), at: IsoTime });
export type RetentionRun = z.infer<typeof RetentionRun>;

/** `POST /api/dossiers/:clientId/close`: no pendant out, no open application, follow-ups done. */
export const CloseDossierBody = z.object({ reason: freeText(2000).trim().min(1) }).strict();

/** `GET /api/privacy/clients?name=`: finding the client a request is about (privacy officer; each match is logged). */
export const ClientSearch = z.object({ name: z.string().trim().min(2).max(200) }).strict();
export const ClientMatch = z.object({ id: z.string(), name: z.string(), dateOfBirth: IsoDate.nullable(), region: z.string(), status: z.string() });
export type ClientMatch = z.infer<typeof ClientMatch>;
export const ClientMatches = z.object({ clients: z.array(ClientMatch) });
export type ClientMatches = z.infer<typeof ClientMatches>;
