import type { Queryable } from './pool.js';

export interface TelemetryMaintainOptions {
  /** Raw telemetry older than this is dropped. Default 30 days (data minimisation). */
  readonly retentionDays?: number;
  /** Daily partitions created ahead of today (plain PostgreSQL). Default 3. */
  readonly aheadDays?: number;
}

export interface TelemetryMaintainAction {
  /** `refresh_window`: the health aggregate's refresh window was set to follow the retention (TimescaleDB). */
  readonly action: 'created' | 'dropped' | 'purged' | 'refresh_window';
  readonly partition: string;
}

/**
 * Runs `telemetry_maintain` (db/migrations/0006_telemetry.sql, 0024): creates upcoming daily partitions,
 * drops expired ones (or expired chunks on TimescaleDB, where it also sets the health aggregate's refresh
 * window from the retention). The one place retention is set: call at start-up and hourly.
 */
export async function maintainTelemetry(db: Queryable, options: TelemetryMaintainOptions = {}): Promise<TelemetryMaintainAction[]> {
  const retentionDays = options.retentionDays ?? 30;
  const aheadDays = options.aheadDays ?? 3;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError('retentionDays must be a whole number >= 1');
  const { rows } = await db.query<{ action: TelemetryMaintainAction['action']; partition_name: string }>(
    'SELECT action, partition_name FROM telemetry_maintain(make_interval(days => $1), $2)',
    [retentionDays, aheadDays],
  );
  return rows.map((r) => ({ action: r.action, partition: r.partition_name }));
}
