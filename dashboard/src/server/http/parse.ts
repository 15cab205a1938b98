import type { z } from 'zod';
import { DashboardError, DashboardErrorCode } from '../errors.js';

/** Validates a request part with a contract schema; DSH_ERR_BODY_INVALID / _QUERY_INVALID listing the problems. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, part: 'body' | 'query'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new DashboardError(part === 'body' ? DashboardErrorCode.BODY_INVALID : DashboardErrorCode.QUERY_INVALID, detail);
}
