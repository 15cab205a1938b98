import { TechnicalAlarmView, TechnicalKind } from '@aware/protocol';
import { z } from 'zod';

/**
 * Fleet health (`/api/fleet/*`) for device administrators and Veilig Thuis: per pendant its state,
 * battery, last contact, firmware and assignment. Never a location.
 */
export const PendantHealth = z.enum(['online', 'offline', 'silent', 'never_seen']);
export type PendantHealth = z.infer<typeof PendantHealth>;

const IsoTime = z.iso.datetime({ offset: true });

export const PendantView = z.object({
  id: z.string(),
  status: z.enum(['stock', 'active', 'disabled', 'revoked']),
  isTest: z.boolean(),
  region: z.string().nullable(),
  firmware: z.string().nullable(),
  battery: z.number().int().min(0).max(100).nullable(),
  charging: z.boolean().nullable(),
  lastSeenAt: IsoTime.nullable(),
  health: PendantHealth,
  /** Open technical alarms of this pendant. */
  technical: z.array(TechnicalKind),
  /** The current assignment's period; who holds it is need-to-know and not shown here. */
  assignment: z.object({ startsAt: IsoTime, endsAt: IsoTime.nullable() }).nullable(),
});
export type PendantView = z.infer<typeof PendantView>;

export const PendantList = z.object({
  pendants: z.array(PendantView),
  /** Pendants matching in all; more than `pendants.length` when the list was cut at the limit. */
  total: z.number().int().min(0),
});
export type PendantList = z.infer<typeof PendantList>;

export const TechnicalList = z.object({
  technical: z.array(TechnicalAlarmView.extend({ region: z.string().nullable() })),
});
export type TechnicalList = z.infer<typeof TechnicalList>;

export const PendantQuery = z
  .object({
    includeTest: z.enum(['true', 'false']).optional(),
    health: PendantHealth.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type PendantQuery = z.infer<typeof PendantQuery>;
