-- Outbound notifications (webhooks to the police control-room system, Veilig Thuis' on-call line).
-- Written in the same transaction as the alarm change that causes it; a worker delivers, retries with
-- backoff, and gives up into 'dead' (shown on the consoles).

CREATE TYPE outbox_state AS ENUM ('pending', 'delivered', 'dead');

CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id uuid REFERENCES alarms (id) ON DELETE SET NULL,
  -- What happened, e.g. 'alarm.opened', 'alarm.escalated'.
  topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 100),
  -- Configured webhook target name (the URL and key live in configuration, not here).
  target text NOT NULL CHECK (length(target) BETWEEN 1 AND 100),
  format text NOT NULL DEFAULT 'json' CHECK (format IN ('json', 'cap')),
  payload jsonb NOT NULL,
  -- Same event to the same target is queued once (e.g. a replayed journal entry).
  dedupe_key text NOT NULL,
  state outbox_state NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A worker that claimed the row (SELECT ... FOR UPDATE SKIP LOCKED) and until when.
  locked_until timestamptz,
  last_attempt_at timestamptz,
  last_error text CHECK (length(last_error) <= 2000),
  last_status integer,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (target, dedupe_key),
  CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);
-- The worker's poll: due pending rows, oldest first.
CREATE INDEX outbox_pending_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_alarm ON outbox (alarm_id) WHERE alarm_id IS NOT NULL;
CREATE INDEX outbox_dead ON outbox (created_at DESC) WHERE state = 'dead';
