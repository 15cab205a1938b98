-- Dossiers: clients, perpetrators, applications to the indicatiecommissie, votes, decisions, and the
-- pendants issued to clients. Kept at least 20 years after a dossier is closed (retain_until).

CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region text NOT NULL REFERENCES regions (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  date_of_birth date,
  address text CHECK (length(address) <= 300),
  phone text CHECK (length(phone) <= 50),
  preferred_contact text CHECK (length(preferred_contact) <= 300),
  photo bytea CHECK (octet_length(photo) <= 2097152),
  photo_mime text CHECK (photo_mime IN ('image/jpeg', 'image/png', 'image/webp')),
  risk_notes text CHECK (length(risk_notes) <= 4000),
  -- Parents with authority, guardian, legal representative: who may exercise the client's rights.
  representatives jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(representatives) = 'array'),
  legally_incapable boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'applicant' CHECK (status IN ('applicant', 'active', 'closed')),
  closed_at timestamptz,
  -- Set when the dossier is closed: closed_at + 20 years at least (legal minimum); the purge job uses it.
  retain_until date,
  -- Restriction of processing (AVG art. 18): while disputed the record is frozen and marked.
  restricted_at timestamptz,
  restriction_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (retain_until IS NULL OR closed_at IS NOT NULL),
  CHECK ((restricted_at IS NULL) = (restriction_reason IS NULL)),
  CHECK ((photo IS NULL) = (photo_mime IS NULL))
);
CREATE INDEX clients_region_status ON clients (region, status);
CREATE INDEX clients_retain_until ON clients (retain_until) WHERE retain_until IS NOT NULL;

-- A perpetrator is recorded per client dossier (never shared between dossiers: need-to-know).
CREATE TABLE perpetrators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  relation text CHECK (length(relation) <= 100),
  description text CHECK (length(description) <= 2000),
  vehicle text CHECK (length(vehicle) <= 300),
  photo bytea CHECK (octet_length(photo) <= 2097152),
  photo_mime text CHECK (photo_mime IN ('image/jpeg', 'image/png', 'image/webp')),
  restricted_at timestamptz,
  restriction_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((restricted_at IS NULL) = (restriction_reason IS NULL)),
  CHECK ((photo IS NULL) = (photo_mime IS NULL))
);
CREATE INDEX perpetrators_client ON perpetrators (client_id);

CREATE TYPE application_status AS ENUM (
  'draft', 'submitted', 'under_review', 'more_info_needed', 'approved', 'rejected', 'withdrawn'
);

CREATE TABLE applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  region text NOT NULL REFERENCES regions (code),
  kind text NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial', 'extension')),
  status application_status NOT NULL DEFAULT 'draft',
  -- Grounds, risk summary, police registration references, eligibility exceptions: the form as filed.
  content jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(content) = 'object'),
  -- Raised by each amendment after submission (application_amendments holds the history).
  content_version integer NOT NULL DEFAULT 0 CHECK (content_version >= 0),
  -- Result of the eligibility check as shown to the commissie (adult, fear of renewed victimisation, region).
  eligibility jsonb,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users (id),
  decided_at timestamptz,
  CHECK (status = 'draft' OR submitted_at IS NOT NULL)
);
CREATE INDEX applications_client ON applications (client_id);
CREATE INDEX applications_open ON applications (region, status) WHERE status IN ('submitted', 'under_review', 'more_info_needed');

CREATE TABLE application_amendments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  previous_content jsonb NOT NULL,
  content jsonb NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  amended_by uuid NOT NULL REFERENCES users (id),
  amended_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, version)
);

-- Submitting locks the content: after the draft stage a content change is only accepted together with
-- the amendment that records it (insert the amendment with version N+1 first, then update the
-- application to content_version N+1 with the same content).
CREATE FUNCTION applications_guard_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_version <> OLD.content_version) THEN
    IF NEW.content_version <> OLD.content_version + 1 OR NOT EXISTS (
      SELECT 1 FROM application_amendments a
      WHERE a.application_id = NEW.id AND a.version = NEW.content_version AND a.content = NEW.content
    ) THEN
      RAISE EXCEPTION 'application % is submitted: content changes need an amendment (version %)', OLD.id, OLD.content_version + 1
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER applications_guard_content BEFORE UPDATE ON applications
  FOR EACH ROW EXECUTE FUNCTION applications_guard_content();

CREATE TYPE vote_choice AS ENUM ('approve', 'reject', 'more_info');

-- One vote per member organisation per application; the voter must belong to that organisation
-- (the composite key makes a vote by a user of another organisation impossible).
ALTER TABLE users ADD CONSTRAINT users_id_organisation UNIQUE (id, organisation);
CREATE TABLE votes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  organisation text NOT NULL REFERENCES organisations (code),
  user_id uuid NOT NULL,
  vote vote_choice NOT NULL,
  motivation text NOT NULL CHECK (length(motivation) BETWEEN 1 AND 4000),
  cast_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (application_id, organisation),
  FOREIGN KEY (user_id, organisation) REFERENCES users (id, organisation)
);

CREATE TABLE decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'rejected', 'more_info_needed')),
  -- The decision rule applied, e.g. 'unanimous'.
  rule text NOT NULL,
  motivation text CHECK (length(motivation) <= 4000),
  -- Snapshot of the members and their votes at the time of the decision.
  members jsonb NOT NULL CHECK (jsonb_typeof(members) = 'array'),
  -- Approved period of use.
  period_start date,
  period_end date,
  decided_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end > period_start)
);

-- A pendant handed to a client, from hand-over to return. History stays with the client's dossier.
CREATE TABLE device_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id text NOT NULL REFERENCES devices (id),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  decision_id uuid REFERENCES decisions (id),
  starts_at timestamptz NOT NULL,
  -- Current planned end, moved by extensions (assignment_extensions keeps every move).
  ends_at timestamptz NOT NULL,
  handed_over_at timestamptz,
  returned_at timestamptz,
  end_reason text CHECK (end_reason IN ('period_ended', 'withdrawn', 'lost', 'replaced', 'deceased', 'other')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK ((returned_at IS NULL) = (end_reason IS NULL))
);
-- A pendant is with at most one client at a time.
CREATE UNIQUE INDEX device_assignments_one_open_per_device ON device_assignments (device_id) WHERE returned_at IS NULL;
CREATE INDEX device_assignments_client ON device_assignments (client_id);
CREATE INDEX device_assignments_ending ON device_assignments (ends_at) WHERE returned_at IS NULL;

CREATE TABLE assignment_extensions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assignment_id uuid NOT NULL REFERENCES device_assignments (id) ON DELETE CASCADE,
  decision_id uuid REFERENCES decisions (id),
  previous_ends_at timestamptz NOT NULL,
  new_ends_at timestamptz NOT NULL,
  extended_at timestamptz NOT NULL DEFAULT now(),
  extended_by uuid REFERENCES users (id),
  CHECK (new_ends_at > previous_ends_at)
);
CREATE INDEX assignment_extensions_assignment ON assignment_extensions (assignment_id);

-- Veilig Thuis follows up at 3 and 12 months after hand-over.
CREATE TABLE follow_up_tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  assignment_id uuid NOT NULL REFERENCES device_assignments (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('three_months', 'twelve_months')),
  due_on date NOT NULL,
  completed_at timestamptz,
  completed_by uuid REFERENCES users (id),
  notes text CHECK (length(notes) <= 4000),
  UNIQUE (assignment_id, kind)
);
CREATE INDEX follow_up_tasks_due ON follow_up_tasks (due_on) WHERE completed_at IS NULL;
