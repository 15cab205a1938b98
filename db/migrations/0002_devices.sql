-- Pendants: the registry, their credentials, and the latest known state of each.

CREATE TYPE device_status AS ENUM ('stock', 'active', 'disabled', 'revoked');

CREATE TABLE devices (
  -- Same format as @aware/protocol LIMITS.deviceIdPattern (checked by db/test/value-sets.test.ts).
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{2,31}$'),
  -- argon2id PHC string of the current secret; the secret itself is never stored.
  secret_hash text NOT NULL CHECK (secret_hash LIKE '$argon2id$%'),
  status device_status NOT NULL DEFAULT 'stock',
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  -- Test pendants (simulator, demonstrations) raise alarms that consoles show as tests.
  is_test boolean NOT NULL DEFAULT false,
  -- Same range as LIMITS.minHeartbeatIntervalS..maxHeartbeatIntervalS.
  hb_interval_s integer NOT NULL DEFAULT 30 CHECK (hb_interval_s BETWEEN 5 AND 3600),
  region text REFERENCES regions (code),
  firmware text CHECK (length(firmware) <= 32),
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  secret_rotated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_status_region ON devices (status, region);

-- Every secret ever issued to a pendant. Exactly one is current (revoked_at IS NULL) and equals
-- devices.secret_hash; rotation revokes the earlier ones in the same transaction. Kept so that a
-- connection attempt with a revoked secret (an old or stolen pendant) can be recognised and reported.
CREATE TABLE device_credentials (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id text NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  secret_hash text NOT NULL CHECK (secret_hash LIKE '$argon2id$%'),
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid,
  revoked_at timestamptz,
  revoke_reason text,
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
  -- One current secret per pendant, checked at commit so that revoking the old one and issuing the
  -- new one can happen in either order within one statement or transaction.
  CONSTRAINT device_credentials_one_current EXCLUDE USING btree (device_id WITH =) WHERE (revoked_at IS NULL)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX device_credentials_device ON device_credentials (device_id, issued_at DESC);

-- One row per device, updated from every heartbeat batch (latest wins: the writer compares hb_time so
-- an out-of-order heartbeat never moves time backwards). Updated ~30,000 times a second at full scale,
-- so: no index besides the key (keeps updates HOT), and free space on every page for the new versions.
CREATE TABLE device_state (
  device_id text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  last_seen_at timestamptz NOT NULL,
  -- Device time and sequence of the newest heartbeat applied.
  hb_time timestamptz,
  hb_seq bigint CHECK (hb_seq BETWEEN 0 AND 4294967295),
  battery smallint CHECK (battery BETWEEN 0 AND 100),
  charging boolean,
  rssi smallint CHECK (rssi BETWEEN -150 AND 0),
  firmware text CHECK (length(firmware) <= 32),
  -- Last GPS fix (one point, never a history: location history outside an alarm is not kept here).
  last_lat double precision CHECK (last_lat BETWEEN -90 AND 90),
  last_lon double precision CHECK (last_lon BETWEEN -180 AND 180),
  last_acc real CHECK (last_acc >= 0),
  last_fix_at timestamptz,
  online boolean NOT NULL DEFAULT false,
  online_changed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((last_lat IS NULL) = (last_lon IS NULL))
) WITH (fillfactor = 70);
