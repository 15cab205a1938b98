import type { Queryable } from '@aware/db';
import type { FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { DispatchConfig } from '../config.js';
import type { DispatchContext } from '../context.js';
import type { AccessLogger } from '../live/access-logger.js';
import type { TechnicalBoard } from '../technical/technical-board.js';
import type { LeaderRelay } from './relay.js';

/**
 * What the HTTP routes and the live feed need: the options of `dispatchPlugin`. `ctx`, `technical` and
 * `accessLog` are the active engine's; on a node that is not active they throw DSP_ERR_NO_ACTIVE_NODE
 * (the plugin relays such requests before any route reads them).
 */
export interface DispatchServices {
  readonly config: DispatchConfig;
  readonly ctx: DispatchContext;
  readonly auth: Authenticator;
  readonly technical: TechnicalBoard;
  readonly accessLog: AccessLogger;
  /** The database pool, for reads of resolved alarms, events and reports. */
  readonly db: Queryable;
  /** Is this node the active one (lease holder with a running engine)? */
  readonly active: () => boolean;
  readonly relay: LeaderRelay;
}

/** The operator's address: from the signed relay header when a standby relayed the request. */
export function clientIp(s: DispatchServices, request: FastifyRequest): string {
  return s.relay.relayedFor(request) ?? request.ip;
}
