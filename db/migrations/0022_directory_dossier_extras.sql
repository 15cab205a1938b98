-- 0022: the control room's dossier card also shows the protective orders and police registrations of the
-- client's approved application, the perpetrators' photos, and whether a record is restricted (frozen by a
-- privacy request). Dispatch keeps the cards in memory (0011): it must hear when any of these change.
CREATE OR REPLACE FUNCTION dispatch_notify_directory() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'devices' THEN
    PERFORM pg_notify('aware_directory', 'device:' || r.id);
  ELSIF TG_TABLE_NAME = 'device_assignments' THEN
    IF TG_OP = 'UPDATE' AND OLD.device_id IS DISTINCT FROM NEW.device_id THEN
      PERFORM pg_notify('aware_directory', 'device:' || OLD.device_id);
    END IF;
    PERFORM pg_notify('aware_directory', 'device:' || r.device_id);
  ELSIF TG_TABLE_NAME = 'clients' THEN
    PERFORM pg_notify('aware_directory', 'client:' || r.id);
  ELSIF TG_TABLE_NAME IN ('perpetrators', 'applications') THEN
    PERFORM pg_notify('aware_directory', 'client:' || r.client_id);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER clients_dispatch_directory ON clients;
CREATE TRIGGER clients_dispatch_directory AFTER INSERT OR DELETE OR UPDATE OF region, name, address, phone, risk_notes, photo, restricted_at ON clients
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();
CREATE TRIGGER applications_dispatch_directory AFTER INSERT OR DELETE OR UPDATE OF content, status ON applications
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();

-- The live feed's new alarm change `dossier` (the card changed during the alarm), so the SQL value set
-- stays the wire contract's (db/test/value-sets.test.ts). It is announced live, not stored as an event.
ALTER TYPE alarm_change ADD VALUE IF NOT EXISTS 'dossier';
