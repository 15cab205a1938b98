-- Alarms: a press becomes an alarm, further presses attach to it, every change is an event, the trail
-- of locations stays with the alarm (not subject to telemetry retention). Technical alarms are the
-- fleet-health signals for Veilig Thuis (never the police board).
-- Enum values equal @aware/protocol's AlarmState, AlarmOutcome, AlarmChange, TechnicalKind.

CREATE TYPE alarm_state AS ENUM ('new', 'acknowledged', 'dispatched', 'resolved');
CREATE TYPE alarm_outcome AS ENUM ('police_on_scene', 'false_alarm', 'test', 'technical', 'other');
CREATE TYPE alarm_change AS ENUM ('opened', 'pressed', 'confirmed', 'acknowledged', 'dispatched', 'resolved', 'escalated', 'flagged');
CREATE TYPE technical_kind AS ENUM ('pendant_silent', 'battery_low', 'battery_critical');

CREATE TABLE alarms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id text NOT NULL REFERENCES devices (id),
  -- The pendant's idempotency key of the opening press; NULL when the press payload was unreadable.
  device_alarm_id text CHECK (device_alarm_id ~ '^[A-Za-z0-9_-]{8,64}$'),
  -- Who and where, as known when the alarm opened (NULL: unassigned pendant, still an alarm).
  client_id uuid REFERENCES clients (id) ON DELETE SET NULL,
  assignment_id uuid REFERENCES device_assignments (id) ON DELETE SET NULL,
  region text REFERENCES regions (code),
  is_test boolean NOT NULL DEFAULT false,
  state alarm_state NOT NULL DEFAULT 'new',
  -- Flags (protocol AlarmFlags): a flagged press is still an alarm.
  invalid_payload boolean NOT NULL DEFAULT false,
  no_fix boolean NOT NULL DEFAULT false,
  unassigned boolean NOT NULL DEFAULT false,
  press_count integer NOT NULL DEFAULT 1 CHECK (press_count >= 1),
  -- Device time of the first press, and when the platform received it.
  pressed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  last_press_at timestamptz,
  battery smallint CHECK (battery BETWEEN 0 AND 100),
  last_lat double precision CHECK (last_lat BETWEEN -90 AND 90),
  last_lon double precision CHECK (last_lon BETWEEN -180 AND 180),
  last_acc real CHECK (last_acc >= 0),
  last_fix_at timestamptz,
  -- Reporting: first console that showed it, and when the pendant was told `alarm_received`.
  first_console_at timestamptz,
  confirmed_at timestamptz,
  escalated_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  dispatched_at timestamptz,
  dispatched_by uuid REFERENCES users (id),
  dispatch_unit text CHECK (length(dispatch_unit) <= 100),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users (id),
  outcome alarm_outcome,
  resolution_note text CHECK (length(resolution_note) <= 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (device_id, device_alarm_id),
  CHECK ((last_lat IS NULL) = (last_lon IS NULL)),
  CHECK ((state = 'resolved') = (resolved_at IS NOT NULL)),
  CHECK ((state = 'resolved') = (outcome IS NOT NULL)),
  CHECK (state NOT IN ('acknowledged', 'dispatched') OR acknowledged_at IS NOT NULL),
  CHECK (state <> 'dispatched' OR dispatched_at IS NOT NULL)
);
-- While an alarm is open, further presses of the same pendant attach to it: at most one open per device.
CREATE UNIQUE INDEX alarms_one_open_per_device ON alarms (device_id) WHERE state <> 'resolved';
-- The consoles' snapshot: open alarms of a region, newest first.
CREATE INDEX alarms_open_by_region ON alarms (region, received_at DESC) WHERE state <> 'resolved';
CREATE INDEX alarms_received ON alarms (received_at DESC);
CREATE INDEX alarms_client ON alarms (client_id) WHERE client_id IS NOT NULL;

-- Every press of a pendant, keyed by its own idempotency key, so a QoS 1 redelivery of any press
-- (also the ones that attached to an open alarm) is recognised.
CREATE TABLE alarm_presses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id uuid NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
  device_id text NOT NULL REFERENCES devices (id),
  device_alarm_id text CHECK (device_alarm_id ~ '^[A-Za-z0-9_-]{8,64}$'),
  pressed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  attempt integer CHECK (attempt >= 1),
  UNIQUE (device_id, device_alarm_id)
);
CREATE INDEX alarm_presses_alarm ON alarm_presses (alarm_id);

CREATE TABLE alarm_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id uuid NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
  change alarm_change NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  -- A user, or NULL for the system/pendant; `actor` names it either way ('system', 'device', display name).
  actor_user_id uuid REFERENCES users (id),
  actor text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX alarm_events_alarm ON alarm_events (alarm_id, at);

-- The locations that belong to an alarm. Part of the alarm's record, kept with it.
CREATE TABLE alarm_trail (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id uuid NOT NULL REFERENCES alarms (id) ON DELETE CASCADE,
  device_id text NOT NULL REFERENCES devices (id),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  acc real NOT NULL CHECK (acc >= 0),
  -- Device time of the fix; a redelivered location update hits the unique key and is ignored.
  fix_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL CHECK (source IN ('press', 'loc', 'heartbeat', 'locate')),
  UNIQUE (alarm_id, fix_at)
);
CREATE INDEX alarm_trail_alarm ON alarm_trail (alarm_id, received_at);

CREATE TABLE technical_alarms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id text NOT NULL REFERENCES devices (id),
  kind technical_kind NOT NULL,
  client_id uuid REFERENCES clients (id) ON DELETE SET NULL,
  region text REFERENCES regions (code),
  opened_at timestamptz NOT NULL DEFAULT now(),
  cleared_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  detail jsonb NOT NULL DEFAULT '{}',
  CHECK (cleared_at IS NULL OR cleared_at >= opened_at)
);
-- Once per episode: one open technical alarm per device and kind.
CREATE UNIQUE INDEX technical_alarms_one_open ON technical_alarms (device_id, kind) WHERE cleared_at IS NULL;
CREATE INDEX technical_alarms_open_by_region ON technical_alarms (region, opened_at DESC) WHERE cleared_at IS NULL;
