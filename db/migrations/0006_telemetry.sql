-- Telemetry: one row per heartbeat. Raw location history is kept briefly (data minimisation, default
-- 30 days); alarm locations live in alarm_trail and are not affected.
--
-- With TimescaleDB installed and preloaded (docker-compose, production) the table is a hypertable with
-- daily chunks, compression after 2 days and a retention policy. Without it (tests, the embedded
-- default) it is natively RANGE-partitioned by day (UTC) with a DEFAULT partition so that a row outside
-- every partition (a pendant with a wrong clock, maintenance not run yet) never fails an insert.
-- Either way `telemetry_maintain(retention, ahead)` is the one call that keeps it in shape; run it at
-- start-up and then hourly.
--
-- No foreign key to devices: the broker only admits registered pendants, and a per-row key check
-- would halve COPY throughput. No unique key either: duplicate heartbeats are the writer's concern.

DO $migration$
DECLARE
  columns constant text := $cols$
    time timestamptz NOT NULL,
    device_id text NOT NULL,
    seq bigint NOT NULL CHECK (seq BETWEEN 0 AND 4294967295),
    battery smallint NOT NULL CHECK (battery BETWEEN 0 AND 100),
    charging boolean NOT NULL,
    rssi smallint NOT NULL CHECK (rssi BETWEEN -150 AND 0),
    firmware text NOT NULL,
    lat double precision CHECK (lat BETWEEN -90 AND 90),
    lon double precision CHECK (lon BETWEEN -180 AND 180),
    acc real CHECK (acc >= 0),
    received_at timestamptz NOT NULL DEFAULT now()
  $cols$;
  timescale constant boolean :=
    EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
    AND coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%';
BEGIN
  IF timescale THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
    EXECUTE format('CREATE TABLE telemetry (%s)', columns);
    PERFORM create_hypertable('telemetry', 'time', chunk_time_interval => INTERVAL '1 day');
    -- Compression and policies are in the Timescale-licensed build only; drop_chunks (used by
    -- telemetry_maintain) works in every build, so retention holds either way.
    IF coalesce(current_setting('timescaledb.license', true), 'timescale') = 'timescale' THEN
      ALTER TABLE telemetry SET (
        timescaledb.compress,
        timescaledb.compress_segmentby = 'device_id',
        timescaledb.compress_orderby = 'time DESC'
      );
      PERFORM add_compression_policy('telemetry', INTERVAL '2 days');
      PERFORM add_retention_policy('telemetry', INTERVAL '30 days');
    END IF;
  ELSE
    EXECUTE format('CREATE TABLE telemetry (%s) PARTITION BY RANGE (time)', columns);
    CREATE TABLE telemetry_default PARTITION OF telemetry DEFAULT;
  END IF;
END
$migration$;

CREATE INDEX telemetry_device_time ON telemetry (device_id, time DESC);

-- Creates the daily partitions for today .. today + ahead (UTC) and for any day within the retention
-- window that has rows waiting in the default partition (moving them in), drops partitions that end
-- before now() - retention, and deletes expired rows from the default partition. On a hypertable it
-- drops expired chunks instead. Returns what it did. Serialised by an advisory lock; gives up after
-- lock_timeout rather than queueing heartbeat writers behind its ACCESS EXCLUSIVE lock.
-- SECURITY DEFINER: the application role may run it without owning the table.
CREATE FUNCTION telemetry_maintain(retention interval DEFAULT INTERVAL '30 days', ahead integer DEFAULT 3)
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

REVOKE ALL ON FUNCTION telemetry_maintain(interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telemetry_maintain(interval, integer) TO aware_app;

SELECT telemetry_maintain();
