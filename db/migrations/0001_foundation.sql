-- Foundation: the application role, default grants, and the reference data every other table points at.
-- Value sets that the wire contract also defines (organisations, alarm states, outcomes, technical kinds)
-- are restated here only because SQL needs them; db/test/value-sets.test.ts fails if they drift apart
-- from @aware/protocol.

-- The application role. Services log in as their own LOGIN role that is a member of aware_app and run
-- with `role=aware_app` (DB_ROLE), so grants below are what the application may do. Roles are
-- cluster-wide and many databases (tests) migrate concurrently on one server: a concurrent CREATE ROLE
-- fails with unique_violation (pg_authid index) or duplicate_object, both mean "it exists", so both are
-- swallowed.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aware_app') THEN
    BEGIN
      CREATE ROLE aware_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO aware_app;

-- Every table, sequence and function created later by the migrating role is usable by aware_app.
-- Tables get DML but never TRUNCATE; tables with stricter rules (access_log) revoke explicitly.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO aware_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO aware_app;

CREATE TABLE organisations (
  code text PRIMARY KEY,
  name text NOT NULL
);
INSERT INTO organisations (code, name) VALUES
  ('police', 'Politie'),
  ('veilig_thuis', 'Veilig Thuis'),
  ('moviera', 'Moviera');

-- Regions follow the 25 Dutch veiligheidsregio's, which Veilig Thuis organisations are aligned to.
-- Alarms are routed to the consoles of their region.
CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO regions (code, name) VALUES
  ('groningen', 'Groningen'),
  ('fryslan', 'Fryslân'),
  ('drenthe', 'Drenthe'),
  ('ijsselland', 'IJsselland'),
  ('twente', 'Twente'),
  ('noord-en-oost-gelderland', 'Noord- en Oost-Gelderland'),
  ('gelderland-midden', 'Gelderland-Midden'),
  ('gelderland-zuid', 'Gelderland-Zuid'),
  ('utrecht', 'Utrecht'),
  ('noord-holland-noord', 'Noord-Holland Noord'),
  ('zaanstreek-waterland', 'Zaanstreek-Waterland'),
  ('kennemerland', 'Kennemerland'),
  ('amsterdam-amstelland', 'Amsterdam-Amstelland'),
  ('gooi-en-vechtstreek', 'Gooi en Vechtstreek'),
  ('haaglanden', 'Haaglanden'),
  ('hollands-midden', 'Hollands Midden'),
  ('rotterdam-rijnmond', 'Rotterdam-Rijnmond'),
  ('zuid-holland-zuid', 'Zuid-Holland Zuid'),
  ('zeeland', 'Zeeland'),
  ('midden-en-west-brabant', 'Midden- en West-Brabant'),
  ('brabant-noord', 'Brabant-Noord'),
  ('brabant-zuidoost', 'Brabant-Zuidoost'),
  ('limburg-noord', 'Limburg-Noord'),
  ('zuid-limburg', 'Zuid-Limburg'),
  ('flevoland', 'Flevoland');
