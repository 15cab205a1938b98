import type { z } from 'zod';
import { DispatchError, DispatchErrorCode } from '../errors.js';

/** Validates a request part with a protocol schema; DSP_ERR_BODY_INVALID / _QUERY_INVALID listing the problems. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, part: 'body' | 'query'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new DispatchError(part === 'body' ? DispatchErrorCode.BODY_INVALID : DispatchErrorCode.QUERY_INVALID, detail);
}
