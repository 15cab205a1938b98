import type { Pool } from '@aware/db';
import { amsterdamDate } from '@aware/casework/contract';
import type { Logger } from 'pino';
import type { CommissieConfig } from './config.js';

/** What the commissie, pendant and privacy routes need. */
export interface CaseDeps {
  readonly db: Pool;
  readonly log: Logger;
  readonly config: CommissieConfig;
  readonly now: () => number;
}

/** Today in Europe/Amsterdam, `YYYY-MM-DD`. */
export function today(deps: Pick<CaseDeps, 'now'>): string {
  return amsterdamDate(new Date(deps.now()));
}
