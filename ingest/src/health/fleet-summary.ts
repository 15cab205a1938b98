import type { Queryable } from '@aware/db';
import { BATTERY_BUCKETS, type BatteryBucket, type FleetSummary } from '@aware/protocol';

export interface FleetSummaryOptions {
  /** Only pendants of this region (consoles see their own region). */
  region?: string | null;
  /** Count test pendants (simulator) too; default false. */
  includeTest?: boolean;
}

const SUMMARY_SQL = `
WITH fleet AS (
  SELECT d.id, s.device_id IS NOT NULL AS seen, s.online, s.battery,
         EXISTS (SELECT 1 FROM device_assignments a WHERE a.device_id = d.id AND a.returned_at IS NULL) AS assigned
  FROM devices d LEFT JOIN device_state s ON s.device_id = d.id
  WHERE d.status = 'active' AND ($1::text IS NULL OR d.region = $1) AND ($2 OR NOT d.is_test)
)
SELECT count(*)::int AS total,
       count(*) FILTER (WHERE assigned)::int AS assigned,
       count(*) FILTER (WHERE online)::int AS online,
       count(*) FILTER (WHERE seen AND NOT online)::int AS offline,
       count(*) FILTER (WHERE NOT seen)::int AS never_seen,
       count(*) FILTER (WHERE battery < 5)::int AS "0-4",
       count(*) FILTER (WHERE battery >= 5 AND battery < 20)::int AS "5-19",
       count(*) FILTER (WHERE battery >= 20 AND battery < 50)::int AS "20-49",
       count(*) FILTER (WHERE battery >= 50 AND battery < 80)::int AS "50-79",
       count(*) FILTER (WHERE battery >= 80)::int AS "80-100",
       count(*) FILTER (WHERE battery IS NULL)::int AS unknown,
       (SELECT count(*) FROM technical_alarms t JOIN fleet f ON f.id = t.device_id
         WHERE t.cleared_at IS NULL AND t.kind = 'pendant_silent')::int AS silent,
       (SELECT count(*) FROM technical_alarms t JOIN fleet f ON f.id = t.device_id
         WHERE t.cleared_at IS NULL AND t.kind = 'battery_low')::int AS battery_low,
       (SELECT count(*) FROM technical_alarms t JOIN fleet f ON f.id = t.device_id
         WHERE t.cleared_at IS NULL AND t.kind = 'battery_critical')::int AS battery_critical,
       now() AS at
FROM fleet`;

type SummaryRow = Record<BatteryBucket, number> & {
  total: number;
  assigned: number;
  online: number;
  offline: number;
  never_seen: number;
  silent: number;
  battery_low: number;
  battery_critical: number;
  at: Date;
};

/** Online/offline/silent counts and the battery distribution of the pendants in service. */
export async function fleetSummary(db: Queryable, options: FleetSummaryOptions = {}): Promise<FleetSummary> {
  const { rows } = await db.query<SummaryRow>(SUMMARY_SQL, [options.region ?? null, options.includeTest ?? false]);
  const r = rows[0] as SummaryRow;
  const battery = Object.fromEntries(BATTERY_BUCKETS.map((b) => [b, r[b]])) as Record<BatteryBucket, number>;
  return {
    total: r.total,
    assigned: r.assigned,
    online: r.online,
    offline: r.offline,
    neverSeen: r.never_seen,
    silent: r.silent,
    batteryLow: r.battery_low,
    batteryCritical: r.battery_critical,
    battery,
    at: r.at.toISOString(),
  };
}
