-- Dispatch (dispatch/): change notifications for its in-memory directory, and the roles of the wire
-- contract that sign-in and the live feed check.

-- 1. Dispatch keeps every pendant's assignment, region and dossier card in memory, so a press is routed
--    to the consoles without asking the database. These triggers tell it what changed, on channel
--    `aware_directory`: 'device:<id>' when a pendant or its assignment changes, 'client:<uuid>' when a
--    dossier card (client or perpetrator) does. Dispatch coalesces them and re-reads only those.
CREATE FUNCTION dispatch_notify_directory() RETURNS trigger
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
  ELSIF TG_TABLE_NAME = 'perpetrators' THEN
    PERFORM pg_notify('aware_directory', 'client:' || r.client_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER devices_dispatch_directory AFTER INSERT OR DELETE OR UPDATE OF region, is_test, status ON devices
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();
CREATE TRIGGER device_assignments_dispatch_directory AFTER INSERT OR UPDATE OR DELETE ON device_assignments
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();
CREATE TRIGGER clients_dispatch_directory AFTER INSERT OR DELETE OR UPDATE OF region, name, address, phone, risk_notes ON clients
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();
CREATE TRIGGER perpetrators_dispatch_directory AFTER INSERT OR UPDATE OR DELETE ON perpetrators
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();

-- 2. The roles of @aware/protocol's `Role` that 0003 does not have yet: dispatch checks these (police and
--    Veilig Thuis operators see their region's alarms; only they see location and dossier cards).
INSERT INTO roles (code, description) VALUES
  ('police_operator', 'Meldkamer politie: sees and handles live alarms of their region, dispatches units'),
  ('vt_operator', 'Veilig Thuis operator: sees and handles live alarms and technical alarms of their region'),
  ('vt_caseworker', 'Veilig Thuis case worker: files and amends AWARE applications, follows up clients'),
  ('admin', 'Platform administrator')
ON CONFLICT (code) DO NOTHING;
