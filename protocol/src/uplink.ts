import { z } from 'zod';
import { AlarmId, BatteryPercent, Fix, LIMITS, TimestampMs } from './limits.js';
import type { UplinkChannel } from './topics.js';
import { decodeJson, prepareDecoding, type Decoded } from './decode.js';

/** `aware/v1/d/{id}/hb`, QoS 0: the pendant's periodic sign of life. */
export const Heartbeat = z
  .object({
    /** Monotonic per boot; wraps at 2^32. */
    seq: z.number().int().min(0).max(0xffffffff),
    /** Device time, ms since epoch. */
    ts: TimestampMs,
    battery: BatteryPercent,
    charging: z.boolean(),
    /** Received signal strength in dBm. */
    rssi: z.number().int().min(-150).max(0),
    firmware: z.string().min(1).max(LIMITS.maxFirmwareLength).regex(/^[\x21-\x7e]+$/, 'firmware must be printable ASCII'),
    fix: Fix.optional(),
  })
  .strict();
export type Heartbeat = z.infer<typeof Heartbeat>;

/** `aware/v1/d/{id}/alarm`, QoS 1: a press of the button. `alarmId` is the idempotency key. */
export const AlarmPress = z
  .object({
    alarmId: AlarmId,
    ts: TimestampMs,
    fix: Fix.optional(),
    battery: BatteryPercent.optional(),
    /** How many times the device has sent this press (1 = first attempt). */
    attempt: z.number().int().min(1).max(1_000_000).optional(),
    /**
     * A test press the wearer made on purpose (the monthly test an alarm centre asks for): handled end to
     * end and confirmed like any press, marked TEST, never escalated, not on the police board.
     */
    test: z.literal(true).optional(),
  })
  .strict();
export type AlarmPress = z.infer<typeof AlarmPress>;

/** `aware/v1/d/{id}/loc`, QoS 1: position updates while an alarm is active. */
export const LocationUpdate = z
  .object({
    alarmId: AlarmId,
    ts: TimestampMs,
    fix: Fix,
    battery: BatteryPercent.optional(),
  })
  .strict();
export type LocationUpdate = z.infer<typeof LocationUpdate>;

/** `aware/v1/d/{id}/status`, retained, and the last will: `online` / `offline`. */
export const Status = z
  .object({
    state: z.enum(['online', 'offline']),
    ts: TimestampMs.optional(),
    /** Set by the broker when it publishes on the device's behalf (e.g. `keepalive_timeout`). */
    reason: z.string().max(64).optional(),
  })
  .strict();
export type Status = z.infer<typeof Status>;

export const UPLINK_SCHEMAS = {
  hb: Heartbeat,
  alarm: AlarmPress,
  loc: LocationUpdate,
  status: Status,
} as const satisfies Record<UplinkChannel, z.ZodType>;

prepareDecoding(...Object.values(UPLINK_SCHEMAS));

export type UplinkPayload<C extends UplinkChannel> = z.infer<(typeof UPLINK_SCHEMAS)[C]>;

/** Validates the raw bytes of an uplink message for `channel`. */
export function parseUplink<C extends UplinkChannel>(channel: C, payload: Uint8Array | string): Decoded<UplinkPayload<C>> {
  return decodeJson(UPLINK_SCHEMAS[channel] as unknown as z.ZodType<UplinkPayload<C>>, payload);
}
