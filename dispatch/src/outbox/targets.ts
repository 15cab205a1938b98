import { z } from 'zod';
import { AlarmChange } from '@aware/protocol';

/**
 * A configured webhook (`DISPATCH_WEBHOOKS`, a JSON array of these): e.g. the police control-room system
 * or Veilig Thuis' on-call line. The escalation target is any target whose `events` include `escalated`.
 *
 * ```json
 * [{"name":"meldkamer-utrecht","url":"https://mk.example/aware","secret":"<32+ chars>","format":"cap",
 *   "events":["opened","escalated"],"regions":["utrecht"]}]
 * ```
 */
export const WebhookTarget = z
  .object({
    /** Stable name, stored with each outbox row and shown on the consoles. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'name must be [a-z0-9_-], at most 63 characters'),
    url: z.url({ protocol: /^https?$/ }),
    /** HMAC-SHA256 key; the receiver verifies `X-Aware-Signature`. */
    secret: z.string().min(32, 'secret must be at least 32 characters'),
    format: z.enum(['json', 'cap']).default('json'),
    events: z.array(AlarmChange).min(1).default(['opened', 'escalated']),
    /** Only alarms of these regions; absent: every region (and alarms without a region). */
    regions: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type WebhookTarget = z.infer<typeof WebhookTarget>;

/** The targets that want `change` of an alarm in `region`. */
export function targetsFor(targets: readonly WebhookTarget[], change: AlarmChange, region: string | null): WebhookTarget[] {
  return targets.filter((t) => t.events.includes(change) && (!t.regions || (region !== null && t.regions.includes(region))));
}
