import type { PresenceReason } from '@aware/protocol';
import { isBrokerError } from '../errors.js';

/**
 * The presence reason of an error that ended a connection: socket-level failures (a system error code,
 * a write on a closed socket, a peer that stopped reading) are `connection_error`; everything the
 * parser or aedes refused (garbage bytes, an oversized packet, a PUBLISH with a wildcard, ...) is
 * `protocol_violation`.
 */
export function reasonForError(err: Error & { code?: unknown }): PresenceReason {
  if (isBrokerError(err)) return 'protocol_violation';
  if (typeof err.code === 'string') return 'connection_error';
  if (err.message === 'keep alive timeout') return 'keepalive_timeout';
  if (err.message === 'connection closed' || err.message === 'drain timeout') return 'connection_error';
  return 'protocol_violation';
}
