import { z } from 'zod';
import { TechnicalAlarmView, TechnicalResolution } from './live.js';
import { freeText } from './text.js';

/**
 * Technical alarms (silent pendant, low and critical battery) are raised and cleared by ingest as rows
 * of `technical_alarms`, and announced on this PostgreSQL NOTIFY channel in the same transaction, so
 * a listener (dispatch, which fans them out to the Veilig Thuis consoles as `technical` live events)
 * hears of exactly the changes that were committed. A listener that was away re-reads the open rows.
 */
export const TECHNICAL_ALARM_CHANNEL = 'aware_technical_alarm';

/** Payload of one notification on `TECHNICAL_ALARM_CHANNEL` (JSON, well under NOTIFY's 8000 bytes). */
export const TechnicalAlarmNotice = z
  .object({
    change: z.enum(['opened', 'cleared']),
    technical: TechnicalAlarmView,
    /** Region of the pendant, for routing to the right consoles; null when the pendant has none. */
    region: z.string().nullable(),
  })
  .strict();
export type TechnicalAlarmNotice = z.infer<typeof TechnicalAlarmNotice>;

/** `POST /api/technical/:id/resolve`: what was done; a note is required when the choice is `other`. */
export const TechnicalResolveBody = z
  .object({ resolution: TechnicalResolution, note: freeText(1000).trim().optional() })
  .strict()
  .refine((b) => b.resolution !== 'other' || (b.note ?? '').length > 0, { path: ['note'], message: 'say what was done' });
export type TechnicalResolveBody = z.infer<typeof TechnicalResolveBody>;

/**
 * `GET /api/technical/:id/contact`: whom to call about a technical alarm on the board (Veilig Thuis
 * operators of the region; each read is written to the access log). Null fields: not on record.
 */
export const TechnicalContact = z.object({
  clientName: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  /** How she wants to be reached (e.g. not when he may be home): read before calling. */
  preferredContact: z.string().nullable(),
});
export type TechnicalContact = z.infer<typeof TechnicalContact>;

/** `GET /api/technical/history?days=N` (1-90, default 7): every technical alarm opened in that window, newest first. */
export const TechnicalHistoryQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }).strict();
export const TechnicalHistory = z.object({
  from: z.iso.datetime({ offset: true }),
  technical: z.array(TechnicalAlarmView.extend({ region: z.string().nullable() })),
});
export type TechnicalHistory = z.infer<typeof TechnicalHistory>;
