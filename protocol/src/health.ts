import { z } from 'zod';

const IsoTime = z.iso.datetime({ offset: true });

/**
 * Fleet health for the dashboard (device administrators, Veilig Thuis). Counts only: no location.
 * Battery buckets follow the battery alarm thresholds (critical < 5 %, low < 20 %).
 */
export const BATTERY_BUCKETS = ['0-4', '5-19', '20-49', '50-79', '80-100', 'unknown'] as const;
export const BatteryBucket = z.enum(BATTERY_BUCKETS);
export type BatteryBucket = z.infer<typeof BatteryBucket>;

const count = z.number().int().min(0);

export const FleetSummary = z
  .object({
    /** Pendants in service (status active). */
    total: count,
    /** Of those, with a client (open assignment): the ones the watchdog guards. */
    assigned: count,
    online: count,
    offline: count,
    /** Never connected or heard. */
    neverSeen: count,
    /** Open technical alarms by kind. */
    silent: count,
    batteryLow: count,
    batteryCritical: count,
    battery: z.record(BatteryBucket, count),
    at: IsoTime,
  })
  .strict();
export type FleetSummary = z.infer<typeof FleetSummary>;

/** One hour of one pendant's health timeline; an hour without heartbeats has `heartbeats: 0` and nulls. */
export const HealthHour = z
  .object({
    hour: IsoTime,
    heartbeats: count,
    /** 3600 / the pendant's current heartbeat interval. */
    expected: count,
    batteryMin: z.number().int().min(0).max(100).nullable(),
    batteryMax: z.number().int().min(0).max(100).nullable(),
    batteryAvg: z.number().min(0).max(100).nullable(),
    rssiMin: z.number().int().min(-150).max(0).nullable(),
    rssiAvg: z.number().min(-150).max(0).nullable(),
    charging: z.boolean().nullable(),
  })
  .strict();
export type HealthHour = z.infer<typeof HealthHour>;
