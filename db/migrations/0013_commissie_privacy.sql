-- Dashboard (dashboard/): the indicatiecommissie workflow and the client's privacy rights.

-- 1. Messages for case workers: a decision was recorded on their application, a pendant was issued,
--    extended or returned. They belong to the dossier (deleted with it).
CREATE TABLE case_notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('decision', 'issued', 'extended', 'returned')),
  application_id uuid REFERENCES applications (id) ON DELETE CASCADE,
  client_id uuid REFERENCES clients (id) ON DELETE CASCADE,
  -- Ids, outcomes and dates only; the page words them (no free text copied out of the dossier).
  detail jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX case_notifications_user ON case_notifications (user_id, created_at DESC);
CREATE INDEX case_notifications_client ON case_notifications (client_id);

-- 2. Why a pendant's use ended, in words (device_assignments.end_reason is the code).
ALTER TABLE device_assignments ADD COLUMN end_note text CHECK (length(end_note) <= 2000);

-- 3. Restriction of processing (AVG art. 18): while a record is restricted (disputed) its data is frozen.
--    Only the restriction itself and the dossier's life cycle (status, closing, retention date) may change;
--    lifting the restriction (restricted_at back to NULL) in the same statement as a correction is allowed,
--    which is how a dispute that is upheld ends. The trigger's arguments name the columns that may change.
CREATE FUNCTION dossier_restricted_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed text[] := TG_ARGV;
BEGIN
  IF OLD.restricted_at IS NOT NULL AND NEW.restricted_at IS NOT NULL
     AND (to_jsonb(NEW) - allowed) IS DISTINCT FROM (to_jsonb(OLD) - allowed) THEN
    RAISE EXCEPTION '% % is restricted (disputed): its data is frozen until the restriction is lifted', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'dossier_restricted_frozen';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER clients_restricted_frozen BEFORE UPDATE ON clients
  FOR EACH ROW EXECUTE FUNCTION dossier_restricted_frozen(
    'status', 'closed_at', 'retain_until', 'restricted_at', 'restriction_reason', 'updated_at');
CREATE TRIGGER perpetrators_restricted_frozen BEFORE UPDATE ON perpetrators
  FOR EACH ROW EXECUTE FUNCTION dossier_restricted_frozen('restricted_at', 'restriction_reason', 'updated_at');

-- 4. Lookups of the workflow: a case worker's applications, follow-ups per client, an assignment's decision.
CREATE INDEX applications_created_by ON applications (created_by);
CREATE INDEX follow_up_tasks_client ON follow_up_tasks (client_id);
CREATE INDEX device_assignments_decision ON device_assignments (decision_id) WHERE decision_id IS NOT NULL;
