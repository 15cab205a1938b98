import type { Authenticator } from '../auth/authenticator.js';
import type { DispatchContext } from '../context.js';
import type { AccessLogger } from '../live/access-logger.js';
import type { TechnicalBoard } from '../technical/technical-board.js';

/** What the HTTP routes and the live feed need: the options of `dispatchPlugin`. */
export interface DispatchServices {
  readonly ctx: DispatchContext;
  readonly auth: Authenticator;
  readonly technical: TechnicalBoard;
  readonly accessLog: AccessLogger;
  /** The database pool, for reads of resolved alarms, events and reports. */
  readonly db: import('@aware/db').Queryable;
}
