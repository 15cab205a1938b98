import { z } from 'zod';

/** Every limit of the wire contract, defined once. */
export const LIMITS = Object.freeze({
  /** Largest payload a device may publish or receive, in bytes [DESIGN: "at most 1 KiB"]. */
  maxPayloadBytes: 1024,
  /** Device ids: 3..32 characters of lower-case ASCII letters, digits and '-', starting with a letter or digit. */
  deviceIdPattern: /^[a-z0-9][a-z0-9-]{2,31}$/,
  /** Device-generated alarm ids (idempotency keys): 8..64 characters of [A-Za-z0-9_-]. */
  alarmIdPattern: /^[A-Za-z0-9_-]{8,64}$/,
  /** Command ids (server generated): same alphabet as alarm ids. */
  cmdIdPattern: /^[A-Za-z0-9_-]{8,64}$/,
  /** Earliest device time accepted: 2024-01-01T00:00:00Z. A clock before that is not set. */
  minTimestampMs: Date.UTC(2024, 0, 1),
  /** Latest device time accepted: 2100-01-01T00:00:00Z. */
  maxTimestampMs: Date.UTC(2100, 0, 1),
  /** Heartbeat interval a device can be configured to, in seconds. */
  minHeartbeatIntervalS: 5,
  maxHeartbeatIntervalS: 3600,
  defaultHeartbeatIntervalS: 30,
  /** Largest GPS accuracy radius in metres that is still a fix. */
  maxAccuracyM: 100_000,
  maxFirmwareLength: 32,
});

export const DeviceId = z.string().regex(LIMITS.deviceIdPattern, 'device id must be 3-32 of [a-z0-9-]');
export const AlarmId = z.string().regex(LIMITS.alarmIdPattern, 'alarm id must be 8-64 of [A-Za-z0-9_-]');
export const CmdId = z.string().regex(LIMITS.cmdIdPattern, 'command id must be 8-64 of [A-Za-z0-9_-]');

/** Milliseconds since the Unix epoch, within the sane range of LIMITS. */
export const TimestampMs = z
  .number()
  .int()
  .min(LIMITS.minTimestampMs, 'timestamp before 2024-01-01')
  .max(LIMITS.maxTimestampMs, 'timestamp after 2100-01-01');

export const BatteryPercent = z.number().int().min(0).max(100);

/** A GPS fix: WGS84 degrees, accuracy radius in metres, fix time (device clock). */
export const Fix = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    acc: z.number().min(0).max(LIMITS.maxAccuracyM),
    ts: TimestampMs.optional(),
  })
  .strict();
export type Fix = z.infer<typeof Fix>;

export function isDeviceId(value: string): boolean {
  return LIMITS.deviceIdPattern.test(value);
}
