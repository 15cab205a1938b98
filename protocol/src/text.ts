import { z } from 'zod';

/**
 * Free text typed by a person (notes, unit names). Stored and shown as text, never as HTML:
 * consoles render it with text nodes, so `<b>` stays `<b>`. Control characters other than
 * newline and tab are refused, length is bounded.
 */
export function freeText(max: number) {
  return z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\x00-\x08\x0b-\x1f\x7f]*$/, 'text may not contain control characters');
}
