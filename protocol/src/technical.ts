import { z } from 'zod';
import { TechnicalAlarmView } from './live.js';

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
