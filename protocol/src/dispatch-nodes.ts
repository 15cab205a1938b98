import { z } from 'zod';
import { decodeJson, encodeJson, type Decoded } from './decode.js';
import { TimestampMs } from './limits.js';

/**
 * Dispatch nodes tell each other, over the broker, whether they reach the database: a standby on
 * `aware/v1/svc/dispatch/{instance}` (QoS 0) every time it reads the lease. The active node uses it to
 * tell a database outage (nobody reaches it: go on from the journal) from being cut off from the database
 * itself (a standby reaches it: stop confirming presses and let the standby take over). Only dispatch
 * nodes publish or read these (the broker's service roles).
 */
export const DISPATCH_NODES_ROOT = 'aware/v1/svc/dispatch';
export const DISPATCH_NODES_FILTER = `${DISPATCH_NODES_ROOT}/+`;

export const DispatchInstance = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, '1-40 of [A-Za-z0-9_.-]');

export const DispatchNodeBeacon = z
  .object({
    instance: DispatchInstance,
    role: z.enum(['active', 'standby']),
    /** Its last read of the lease reached the database. */
    dbReachable: z.boolean(),
    /** Sender's clock, ms: for people reading it; receivers go by when they received it. */
    ts: TimestampMs,
  })
  .strict();
export type DispatchNodeBeacon = z.infer<typeof DispatchNodeBeacon>;

export function dispatchNodeTopic(instance: string): string {
  return `${DISPATCH_NODES_ROOT}/${instance}`;
}

export function parseDispatchNodeBeacon(payload: Uint8Array | string): Decoded<DispatchNodeBeacon> {
  return decodeJson(DispatchNodeBeacon, payload);
}

export function encodeDispatchNodeBeacon(beacon: DispatchNodeBeacon): string {
  return encodeJson(DispatchNodeBeacon, beacon);
}
