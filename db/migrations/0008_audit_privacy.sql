-- Access log ("bijhouden wie toegang heeft") and the client's privacy requests (AVG: inzage,
-- correction, restriction, deletion).

-- Append-only. Enforced twice: the application role may only INSERT and SELECT, and a trigger refuses
-- UPDATE, DELETE and TRUNCATE for everyone (including the owner, short of disabling the trigger).
-- No foreign keys on purpose: an entry must outlive the user and the dossier it names, and ON DELETE
-- SET NULL would be an UPDATE. Who and what are recorded as they were at the time.
CREATE TABLE access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  username text NOT NULL,
  organisation text,
  role text NOT NULL,
  -- What was done: 'read', 'export', 'update', 'print', ...
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 50),
  -- What was touched: 'client', 'application', 'alarm', 'device', ... and its id.
  subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 50),
  subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 100),
  -- The dossier it belongs to, for a client's inzage and the privacy officer's filter.
  client_id uuid,
  -- Why (need-to-know): e.g. 'active alarm 3f2…', 'commissie review', 'inzage request 12'.
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  ip inet,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX access_log_at ON access_log (at DESC);
CREATE INDEX access_log_client ON access_log (client_id, at DESC) WHERE client_id IS NOT NULL;
CREATE INDEX access_log_user ON access_log (user_id, at DESC);
CREATE INDEX access_log_subject ON access_log (subject_type, subject_id, at DESC);

REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM aware_app;
GRANT SELECT, INSERT ON access_log TO aware_app;

CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'entries are evidence; add a new entry instead';
END
$$;
CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

CREATE TYPE privacy_request_kind AS ENUM ('inzage', 'correction', 'restriction', 'deletion');

CREATE TABLE privacy_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id uuid REFERENCES clients (id) ON DELETE SET NULL,
  kind privacy_request_kind NOT NULL,
  -- Who asked and in what capacity (the rules of inzage depend on age and legal capacity).
  requester_name text NOT NULL CHECK (length(requester_name) BETWEEN 1 AND 200),
  requester_capacity text NOT NULL
    CHECK (requester_capacity IN ('client', 'parent_with_authority', 'guardian', 'legal_representative', 'other')),
  consent_reference text,
  details jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL DEFAULT now(),
  -- A reply within one month; a copy request for a complex dossier may be extended by two months.
  due_at timestamptz NOT NULL,
  extended_due_at timestamptz,
  extension_reason text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'completed', 'refused')),
  -- Why it was (partly) refused, e.g. legal retention or another person's interest.
  outcome_reason text CHECK (length(outcome_reason) <= 4000),
  handled_by uuid REFERENCES users (id),
  completed_at timestamptz,
  created_by uuid REFERENCES users (id),
  CHECK (due_at > received_at),
  CHECK (extended_due_at IS NULL OR (extended_due_at > due_at AND extension_reason IS NOT NULL)),
  CHECK ((status IN ('completed', 'refused')) = (completed_at IS NOT NULL)),
  CHECK (status <> 'refused' OR outcome_reason IS NOT NULL)
);
CREATE INDEX privacy_requests_open ON privacy_requests (coalesce(extended_due_at, due_at)) WHERE status IN ('open', 'in_progress');
CREATE INDEX privacy_requests_client ON privacy_requests (client_id);

-- Corrections of dossier data, with the value before and after.
CREATE TABLE dossier_corrections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  privacy_request_id bigint REFERENCES privacy_requests (id),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 50),
  subject_id text NOT NULL,
  field text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  corrected_by uuid NOT NULL REFERENCES users (id),
  corrected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_corrections_client ON dossier_corrections (client_id, corrected_at);
