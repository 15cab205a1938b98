import { z } from 'zod';
import { parseWith } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/** `?reason=` of a read: why the caller needs this dossier (need-to-know). */
export const ReasonQuery = z.object({ reason: z.string().trim().min(5).max(400).optional() });

/**
 * The reason recorded for a read. Within the normal workflow (a commissie member reviewing an application
 * of their region, the case worker of the client, a privacy request being handled) the workflow is the
 * reason; any other read needs one given by the caller, else CSW_ERR_REASON_REQUIRED. `context`: what the
 * caller referred to that no longer counts as the workflow (a closed privacy request); named in the refusal
 * and kept with the given reason.
 */
export function accessReason(workflow: string | null, query: unknown, context?: string): string {
  const given = parseWith(ReasonQuery, { reason: (query as { reason?: unknown } | null | undefined)?.reason }, 'query').reason;
  if (workflow && given) return `${workflow}; ${given}`;
  if (workflow) return workflow;
  if (given) return context ? `${context}; ${given}` : given;
  throw new CaseworkError(CaseworkErrorCode.REASON_REQUIRED, context ? `${context} is closed` : undefined);
}
