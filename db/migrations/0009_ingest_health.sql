-- Ingest (ingest/): device change notifications for the missed-heartbeat watchdog, and the hourly
-- health timeline for the dashboard. Both paths of 0006_telemetry.sql are kept: with TimescaleDB the
-- timeline is a continuous aggregate; on plain PostgreSQL the same function aggregates raw telemetry.
-- Neither path carries location: the timeline is battery, signal and heartbeat counts only.

-- 1. A pendant's heartbeat interval, status or assignment changed, or it was registered: ingest
--    LISTENs on aware_device_changed (payload: device id) and re-reads that pendant's configuration,
--    so a re-configured pendant is watched with its new interval at once, without polling.
CREATE FUNCTION notify_device_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('aware_device_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END
$$;

CREATE FUNCTION notify_assignment_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.device_id IS DISTINCT FROM NEW.device_id THEN
    PERFORM pg_notify('aware_device_changed', OLD.device_id);
  END IF;
  PERFORM pg_notify('aware_device_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.device_id ELSE NEW.device_id END);
  RETURN NULL;
END
$$;

CREATE TRIGGER devices_changed_insert AFTER INSERT ON devices
  FOR EACH ROW EXECUTE FUNCTION notify_device_changed();
CREATE TRIGGER devices_changed_update AFTER UPDATE OF hb_interval_s, status ON devices
  FOR EACH ROW WHEN (OLD.hb_interval_s IS DISTINCT FROM NEW.hb_interval_s OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION notify_device_changed();
CREATE TRIGGER devices_changed_delete AFTER DELETE ON devices
  FOR EACH ROW EXECUTE FUNCTION notify_device_changed();
CREATE TRIGGER device_assignments_changed AFTER INSERT OR UPDATE OR DELETE ON device_assignments
  FOR EACH ROW EXECUTE FUNCTION notify_assignment_changed();

-- 2. Hourly health per pendant. On TimescaleDB a real-time continuous aggregate (materialised hours
--    plus the not yet materialised recent ones), kept for 400 days, longer than the raw telemetry it
--    was built from (the hourly rows hold no location). Creating it WITH NO DATA is allowed inside
--    the migration's transaction; the policy fills it.
--    Continuous aggregates are Timescale-licensed: with the Apache-only build the plain path is taken
--    (amended after it first shipped; see db/src/migration-amendments.ts).
DO $migration$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
     AND (SELECT relkind FROM pg_class WHERE oid = 'telemetry'::regclass) <> 'p'
     AND coalesce(current_setting('timescaledb.license', true), 'timescale') = 'timescale' THEN
    EXECUTE $cagg$
      CREATE MATERIALIZED VIEW telemetry_health_hourly
      WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
      SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
             device_id,
             count(*) AS heartbeats,
             min(battery) AS battery_min,
             max(battery) AS battery_max,
             avg(battery) AS battery_avg,
             min(rssi) AS rssi_min,
             avg(rssi) AS rssi_avg,
             bool_or(charging) AS charging
      FROM telemetry
      GROUP BY bucket, device_id
      WITH NO DATA
    $cagg$;
    PERFORM add_continuous_aggregate_policy('telemetry_health_hourly',
      start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
    PERFORM add_retention_policy('telemetry_health_hourly', INTERVAL '400 days');
  END IF;
END
$migration$;

-- The timeline of one pendant between two times, one row per hour that had heartbeats.
CREATE FUNCTION telemetry_health_timeline(p_device text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
  bucket timestamptz,
  heartbeats bigint,
  battery_min smallint,
  battery_max smallint,
  battery_avg double precision,
  rssi_min smallint,
  rssi_avg double precision,
  charging boolean
)
LANGUAGE plpgsql STABLE
SET search_path = public, pg_temp
AS $fn$
BEGIN
  IF to_regclass('telemetry_health_hourly') IS NOT NULL THEN
    RETURN QUERY EXECUTE
      'SELECT h.bucket, h.heartbeats, h.battery_min, h.battery_max, h.battery_avg::float8,
              h.rssi_min, h.rssi_avg::float8, h.charging
       FROM telemetry_health_hourly h
       WHERE h.device_id = $1 AND h.bucket >= date_trunc(''hour'', $2) AND h.bucket < $3
       ORDER BY h.bucket'
      USING p_device, p_from, p_to;
  ELSE
    RETURN QUERY
      SELECT date_trunc('hour', t.time) AS bucket,
             count(*) AS heartbeats,
             min(t.battery) AS battery_min,
             max(t.battery) AS battery_max,
             avg(t.battery)::float8 AS battery_avg,
             min(t.rssi) AS rssi_min,
             avg(t.rssi)::float8 AS rssi_avg,
             bool_or(t.charging) AS charging
      FROM telemetry t
      WHERE t.device_id = p_device AND t.time >= date_trunc('hour', p_from) AND t.time < p_to
      GROUP BY 1
      ORDER BY 1;
  END IF;
END
$fn$;

GRANT EXECUTE ON FUNCTION telemetry_health_timeline(text, timestamptz, timestamptz) TO aware_app;
