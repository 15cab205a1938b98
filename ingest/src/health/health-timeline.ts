import type { Queryable } from '@aware/db';
import type { HealthHour } from '@aware/protocol';

const HOUR_MS = 3_600_000;
/** Longest timeline in one call: 31 days of hours. */
export const MAX_TIMELINE_HOURS = 31 * 24;

interface TimelineRow {
  bucket: Date;
  heartbeats: string;
  battery_min: number | null;
  battery_max: number | null;
  battery_avg: number | null;
  rssi_min: number | null;
  rssi_avg: number | null;
  charging: boolean | null;
}

/**
 * One pendant's health per hour from `from` to `to` (the hour containing `from` up to, not including,
 * `to`): heartbeats received against expected, battery and signal. Every hour is present, an hour
 * without heartbeats too (gaps are what this is for). Never location: telemetry_health_timeline
 * (db/migrations/0009_ingest_health.sql) reads the continuous aggregate on TimescaleDB, raw
 * telemetry otherwise, so history older than the raw retention is only there on TimescaleDB.
 */
export async function healthTimeline(db: Queryable, deviceId: string, range: { from: Date; to: Date }): Promise<HealthHour[]> {
  const first = Math.floor(range.from.getTime() / HOUR_MS) * HOUR_MS;
  const hours = Math.ceil((range.to.getTime() - first) / HOUR_MS);
  if (!(hours > 0)) return [];
  if (hours > MAX_TIMELINE_HOURS) throw new RangeError(`a timeline covers at most ${MAX_TIMELINE_HOURS} hours`);
  const [interval, timeline] = await Promise.all([
    db.query<{ hb_interval_s: number }>('SELECT hb_interval_s FROM devices WHERE id = $1', [deviceId]),
    db.query<TimelineRow>('SELECT * FROM telemetry_health_timeline($1, $2, $3)', [deviceId, new Date(first), range.to]),
  ]);
  const intervalS = interval.rows[0]?.hb_interval_s;
  const expected = intervalS ? Math.floor(3600 / intervalS) : 0;
  const byHour = new Map(timeline.rows.map((r) => [r.bucket.getTime(), r]));
  const out: HealthHour[] = [];
  for (let i = 0; i < hours; i++) {
    const at = first + i * HOUR_MS;
    const r = byHour.get(at);
    out.push({
      hour: new Date(at).toISOString(),
      heartbeats: r ? Number(r.heartbeats) : 0,
      expected,
      batteryMin: r?.battery_min ?? null,
      batteryMax: r?.battery_max ?? null,
      batteryAvg: r?.battery_avg ?? null,
      rssiMin: r?.rssi_min ?? null,
      rssiAvg: r?.rssi_avg ?? null,
      charging: r?.charging ?? null,
    });
  }
  return out;
}
