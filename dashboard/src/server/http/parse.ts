import type { z } from 'zod';
import { DashboardError, DashboardErrorCode } from '../errors.js';

/** Validates a request part with a contract schema; DSH_ERR_BODY_INVALID / _QUERY_INVALID listing the problems, also by path (`problems`). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, part: 'body' | 'query'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: i.path.join('.'), issue: i.code, message: i.message }));
  const detail = problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
  throw new DashboardError(part === 'body' ? DashboardErrorCode.BODY_INVALID : DashboardErrorCode.QUERY_INVALID, detail, { problems });
}
