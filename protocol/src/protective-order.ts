import { z } from 'zod';
import { freeText } from './text.js';

/** A tijdelijk huisverbod, a contact or area ban imposed by a court or the public prosecutor, with its dates. */
export const ProtectiveOrder = z
  .object({
    kind: z.enum(['tijdelijk_huisverbod', 'contactverbod', 'gebiedsverbod', 'other']),
    from: z.iso.date(),
    until: z.iso.date().nullable(),
    reference: freeText(100),
  })
  .strict();
export type ProtectiveOrder = z.infer<typeof ProtectiveOrder>;
