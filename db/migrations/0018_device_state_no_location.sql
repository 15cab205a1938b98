-- 0018: device_state no longer keeps a pendant's last GPS fix. It was kept outside any retention (one
-- row per pendant, updated forever) and read by nothing: the platform needs a position only during an
-- alarm (alarm_trail, kept with the alarm) and keeps raw location telemetry for
-- INGEST_LOCATION_RETENTION_DAYS (telemetry_maintain). Dropping the columns also purges every fix
-- kept so far. Device state is health: last seen, battery, signal, firmware, online.
ALTER TABLE device_state
  DROP COLUMN last_lat,
  DROP COLUMN last_lon,
  DROP COLUMN last_acc,
  DROP COLUMN last_fix_at;
