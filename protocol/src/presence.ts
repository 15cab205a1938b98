import { z } from 'zod';
import { prepareDecoding } from './decode.js';
import { DeviceId, TimestampMs } from './limits.js';

/**
 * Presence events, published by the broker (never by a device) on `aware/v1/presence/{deviceId}`
 * for the internal services: a pendant came online or went offline, and why.
 */
export const PRESENCE_ROOT = 'aware/v1/presence';

export const PresenceReason = z.enum([
  'connect',
  'clean_disconnect',
  'keepalive_timeout',
  'connection_error',
  'takeover',
  'revoked',
  'protocol_violation',
  'broker_shutdown',
]);
export type PresenceReason = z.infer<typeof PresenceReason>;

export const PresenceEvent = z
  .object({
    deviceId: DeviceId,
    state: z.enum(['online', 'offline']),
    reason: PresenceReason,
    /** Broker time, ms since epoch. */
    ts: TimestampMs,
    /** Which broker node saw it (cluster mode). */
    node: z.string().max(64).optional(),
  })
  .strict();
export type PresenceEvent = z.infer<typeof PresenceEvent>;
prepareDecoding(PresenceEvent);

export function presenceTopic(deviceId: string): string {
  return `${PRESENCE_ROOT}/${deviceId}`;
}

export const PRESENCE_FILTER = `${PRESENCE_ROOT}/+`;
