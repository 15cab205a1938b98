import { z } from 'zod';
import { CaseworkError, CaseworkErrorCode } from './errors.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The commissie workflow's part of the dashboard environment (read by `loadConfig`, like the rest):
 * - `DASHBOARD_DECISION_RULE` `unanimous` (default: approval needs all three member organisations) or
 *   `majority` (two of three); a decision is recorded once all three have voted.
 * - `DASHBOARD_ASSIGNMENT_MONTHS` default period of use of a pendant (3: it ends at the first follow-up
 *   contact, where an extension is discussed).
 * - `DASHBOARD_RETENTION_SWEEP_H` how often closed dossiers past their legal term are purged (0: never
 *   by itself; `POST /api/privacy/retention/run` still works).
 */
const CommissieEnv = z.object({
  DASHBOARD_DECISION_RULE: z.enum(['unanimous', 'majority']).default('unanimous'),
  DASHBOARD_ASSIGNMENT_MONTHS: int(1, 36).default(3),
  DASHBOARD_RETENTION_SWEEP_H: int(0, 24 * 31).default(24),
});

export type DecisionRule = 'unanimous' | 'majority';

export interface CommissieConfig {
  readonly decisionRule: DecisionRule;
  readonly defaultPeriodMonths: number;
  readonly retentionSweepMs: number;
}

export function loadCommissieConfig(env: Readonly<Record<string, string | undefined>>): CommissieConfig {
  const parsed = CommissieEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new CaseworkError(CaseworkErrorCode.CONFIG_INVALID, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const e = parsed.data;
  return Object.freeze({
    decisionRule: e.DASHBOARD_DECISION_RULE,
    defaultPeriodMonths: e.DASHBOARD_ASSIGNMENT_MONTHS,
    retentionSweepMs: e.DASHBOARD_RETENTION_SWEEP_H * 3_600_000,
  });
}
