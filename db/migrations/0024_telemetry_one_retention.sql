-- 0024: the TimescaleDB path of telemetry, as first run against TimescaleDB 2.28 (issue 18), brought in
-- line with the plain path: one retention setting, no row kept past it, no hour missing from the health
-- timeline. Plain PostgreSQL: only the row relocation below applies (and telemetry_maintain is re-created
-- with the same plain branch).

-- 1. A heartbeat's `time` is the pendant's clock. Ingest now stores one dated more than 10 minutes after
--    its receipt at its receipt (a pendant clock that runs ahead is wrong; a row dated in 2099 would live
--    in a chunk of 2099, out of reach of time-based retention). The rows stored before: the same.
WITH ahead AS (
  DELETE FROM telemetry WHERE time > received_at + INTERVAL '10 minutes' RETURNING *
)
INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware, lat, lon, acc, received_at)
SELECT received_at, device_id, seq, battery, charging, rssi, firmware, lat, lon, acc, received_at FROM ahead;

DO $migration$
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = 'telemetry'::regclass) <> 'p' THEN
    -- 2. One setting governs retention: telemetry_maintain(retention), which ingest runs hourly with
    --    INGEST_LOCATION_RETENTION_DAYS, drops the chunks. 0006's fixed 30-day policy went against it.
    IF coalesce(current_setting('timescaledb.license', true), 'timescale') = 'timescale' THEN
      PERFORM remove_retention_policy('telemetry', if_exists => true);
    END IF;
    -- 3. create_hypertable's default index on (time DESC), beside telemetry_device_time: every COPY
    --    maintained both; queries by time alone are served by chunk exclusion.
    DROP INDEX IF EXISTS telemetry_time_idx;
  END IF;
END
$migration$;

-- 4. telemetry_maintain, as in 0006, and on a hypertable also:
--    - rows dated ahead of now (a wrong pendant clock; ingest no longer writes them) received before the
--      cutoff are deleted, as the plain path purges them from its default partition;
--    - the health aggregate's refresh window follows the retention: it covers the raw telemetry that is
--      kept, less the day about to be dropped (a refresh over dropped chunks would empty those hours), so
--      late heartbeats, older data and a refresh outage of days are all materialised.
CREATE OR REPLACE FUNCTION telemetry_maintain(retention interval DEFAULT INTERVAL '30 days', ahead integer DEFAULT 3)
RETURNS TABLE (action text, partition_name text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
SET lock_timeout = '5s'
AS $fn$
DECLARE
  cutoff constant timestamptz := now() - retention;
  today constant date := (now() AT TIME ZONE 'UTC')::date;
  day date;
  part text;
  lo timestamptz;
  hi timestamptz;
  n bigint;
  window_start interval;
  job integer;
  have interval;
BEGIN
  IF retention IS NULL OR retention < INTERVAL '1 day' THEN
    RAISE EXCEPTION 'telemetry retention must be at least 1 day, got %', retention USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF ahead IS NULL OR ahead NOT BETWEEN 0 AND 366 THEN
    RAISE EXCEPTION 'ahead must be 0..366 days, got %', ahead USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('aware.telemetry_maintain'));

  IF (SELECT relkind FROM pg_class WHERE oid = 'telemetry'::regclass) <> 'p' THEN
    -- TimescaleDB hypertable.
    FOR part IN EXECUTE 'SELECT drop_chunks(''telemetry''::regclass, older_than => $1)::text' USING cutoff LOOP
      action := 'dropped'; partition_name := part; RETURN NEXT;
    END LOOP;
    -- only chunks ahead of now are scanned (chunk exclusion on time)
    DELETE FROM telemetry t WHERE t.time > now() + INTERVAL '10 minutes' AND t.received_at < cutoff;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
      action := 'purged'; partition_name := format('telemetry (%s rows dated ahead)', n); RETURN NEXT;
    END IF;
    IF to_regclass('telemetry_health_hourly') IS NOT NULL THEN
      window_start := greatest(retention - INTERVAL '1 day', INTERVAL '3 hours');
      EXECUTE $q$
        SELECT j.job_id, (j.config->>'start_offset')::interval
        FROM timescaledb_information.jobs j
        JOIN timescaledb_information.continuous_aggregates c
          ON c.materialization_hypertable_schema = j.hypertable_schema AND c.materialization_hypertable_name = j.hypertable_name
        WHERE c.view_name = 'telemetry_health_hourly' AND j.proc_name = 'policy_refresh_continuous_aggregate'
      $q$ INTO job, have;
      IF job IS NULL OR have IS DISTINCT FROM window_start THEN
        EXECUTE 'SELECT remove_continuous_aggregate_policy(''telemetry_health_hourly'', if_exists => true)';
        EXECUTE 'SELECT add_continuous_aggregate_policy(''telemetry_health_hourly'', start_offset => $1, end_offset => INTERVAL ''1 hour'', schedule_interval => INTERVAL ''30 minutes'')'
          USING window_start;
        action := 'refresh_window'; partition_name := format('telemetry_health_hourly (%s)', window_start); RETURN NEXT;
      END IF;
    END IF;
    RETURN;
  END IF;

  FOR day IN
    SELECT today + i FROM generate_series(0, ahead) AS i
    UNION
    SELECT DISTINCT (d.time AT TIME ZONE 'UTC')::date FROM telemetry_default d
    WHERE d.time >= cutoff AND d.time < ((today + ahead + 1)::timestamp AT TIME ZONE 'UTC')
    ORDER BY 1
  LOOP
    part := 'telemetry_p' || to_char(day, 'YYYYMMDD');
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    lo := day::timestamp AT TIME ZONE 'UTC';
    hi := (day + 1)::timestamp AT TIME ZONE 'UTC';
    IF (lo + INTERVAL '1 day') <= cutoff THEN
      CONTINUE;
    END IF;
    IF EXISTS (SELECT 1 FROM telemetry_default d WHERE d.time >= lo AND d.time < hi) THEN
      -- Attaching would fail while the default partition holds rows of that range: move them first.
      EXECUTE format('CREATE TABLE %I (LIKE telemetry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
      EXECUTE format('WITH moved AS (DELETE FROM telemetry_default WHERE time >= $1 AND time < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved', part)
        USING lo, hi;
      EXECUTE format('ALTER TABLE telemetry ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF telemetry FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    END IF;
    action := 'created'; partition_name := part; RETURN NEXT;
  END LOOP;

  FOR part IN
    SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'telemetry'::regclass AND c.relname ~ '^telemetry_p[0-9]{8}$'
    ORDER BY c.relname
  LOOP
    hi := (to_date(substr(part, 12), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC';
    IF hi <= cutoff THEN
      EXECUTE format('DROP TABLE %I', part);
      action := 'dropped'; partition_name := part; RETURN NEXT;
    END IF;
  END LOOP;

  DELETE FROM telemetry_default d WHERE d.time < cutoff OR d.received_at < cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    action := 'purged'; partition_name := format('telemetry_default (%s rows)', n); RETURN NEXT;
  END IF;
END
$fn$;
