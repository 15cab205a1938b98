import { DeviceId, freeText } from '@aware/protocol';
import { z } from 'zod';
import { IsoDate, RegionCode } from './commissie.js';

/**
 * Issuing pendants after a decision, extending and ending their use (`/api/assignments*`, `/api/stock`,
 * `/api/follow-ups`). Device administrators see references, periods and pendants, never who holds one or
 * where it is; case workers see their clients' names. Dates are calendar days in Europe/Amsterdam.
 */

const IsoTime = z.iso.datetime({ offset: true });

/** A pendant that can be issued: in stock, or returned (revoked: a fresh secret is issued with it). */
export const StockPendant = z.object({
  id: z.string(),
  status: z.enum(['stock', 'revoked']),
  region: z.string().nullable(),
  firmware: z.string().nullable(),
  /** When it came back from its last client, if ever. */
  returnedAt: IsoTime.nullable(),
});
export type StockPendant = z.infer<typeof StockPendant>;
export const StockList = z.object({ pendants: z.array(StockPendant) });
export type StockList = z.infer<typeof StockList>;

/** The most pendants one registration takes (a delivery's CSV). */
export const MAX_PENDANTS_PER_REGISTRATION = 1000;

/**
 * `POST /api/stock` (device administrators): pendants of a delivery into stock, one or a whole CSV, all
 * or none. Each gets its own secret, shown in the answer once (for the supplier to flash); issuing a
 * pendant to a client later gives it a fresh one (shown then, for the hand-over).
 */
export const RegisterPendantsBody = z
  .object({
    pendants: z
      .array(z.object({ id: DeviceId, region: RegionCode.nullable().optional() }).strict())
      .min(1)
      .max(MAX_PENDANTS_PER_REGISTRATION),
  })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.pendants.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['pendants', i, 'id'], message: `${p.id} is listed twice` });
      seen.add(p.id);
    });
  });
export type RegisterPendantsBody = z.infer<typeof RegisterPendantsBody>;

export const RegisteredPendants = z.object({ pendants: z.array(z.object({ id: z.string(), secret: z.string() })) });
export type RegisteredPendants = z.infer<typeof RegisteredPendants>;

/** An approved application that has no pendant yet. The case worker arranges the hand-over with the client. */
export const AwaitingIssue = z.object({
  applicationId: z.string(),
  region: z.string(),
  decidedAt: IsoTime,
  caseWorker: z.string(),
});
export const AwaitingIssueList = z.object({ applications: z.array(AwaitingIssue) });
export type AwaitingIssueList = z.infer<typeof AwaitingIssueList>;

/** `POST /api/assignments`: hand a pendant over. Defaults: from today, for the configured period. */
export const IssueBody = z
  .object({ applicationId: z.uuid(), deviceId: z.string().min(3).max(32), startsOn: IsoDate.optional(), endsOn: IsoDate.optional() })
  .strict();
export type IssueBody = z.infer<typeof IssueBody>;

export const FollowUpKind = z.enum(['three_months', 'twelve_months']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;

/** The answer to an issue: the pendant's new secret, shown this once (only its hash is stored). */
export const IssuedPendant = z.object({
  assignmentId: z.string(),
  deviceId: z.string(),
  /** MQTT password of the pendant (username: the device id). Never shown again. */
  secret: z.string(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  followUps: z.array(z.object({ kind: FollowUpKind, dueOn: IsoDate })),
});
export type IssuedPendant = z.infer<typeof IssuedPendant>;

export const EndReason = z.enum(['period_ended', 'withdrawn', 'lost', 'replaced', 'deceased', 'other']);
export type EndReason = z.infer<typeof EndReason>;

/** `POST /api/assignments/:id/return`: the use ends; the pendant is revoked at once. */
export const ReturnBody = z.object({ reason: EndReason, note: freeText(2000).optional() }).strict();
export type ReturnBody = z.infer<typeof ReturnBody>;

export const ExtensionView = z.object({
  previousEndsAt: IsoTime,
  newEndsAt: IsoTime,
  decisionId: z.string().nullable(),
  extendedAt: IsoTime,
});

export const AssignmentView = z.object({
  id: z.string(),
  deviceId: z.string(),
  /** The application it was issued on (the reference device administrators work with). */
  applicationId: z.string().nullable(),
  clientId: z.string(),
  /** Only for case workers and privacy officers; null for device administrators. */
  clientName: z.string().nullable(),
  region: z.string(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  handedOverAt: IsoTime.nullable(),
  returnedAt: IsoTime.nullable(),
  endReason: EndReason.nullable(),
  extensions: z.array(ExtensionView),
});
export type AssignmentView = z.infer<typeof AssignmentView>;
export const AssignmentList = z.object({ assignments: z.array(AssignmentView) });
export type AssignmentList = z.infer<typeof AssignmentList>;

/** `GET /api/assignments?ending=days`: open assignments, or those ending within `ending` days. */
export const AssignmentQuery = z.object({ ending: z.coerce.number().int().min(0).max(366).optional() }).strict();

export const FollowUpView = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  assignmentId: z.string(),
  kind: FollowUpKind,
  dueOn: IsoDate,
  completedAt: IsoTime.nullable(),
  notes: z.string().nullable(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;
export const FollowUpList = z.object({ followUps: z.array(FollowUpView) });
export type FollowUpList = z.infer<typeof FollowUpList>;

/** `POST /api/follow-ups/:id/complete`: the contact took place. */
export const CompleteFollowUpBody = z.object({ notes: freeText(4000).trim().min(1) }).strict();
export type CompleteFollowUpBody = z.infer<typeof CompleteFollowUpBody>;
