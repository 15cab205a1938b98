-- 0014: dispatch's directory also hears of a client's photo being set or removed (the dossier card on
-- the consoles links it while she has an open alarm). 0011's trigger listed the card's other columns only.
DROP TRIGGER clients_dispatch_directory ON clients;
CREATE TRIGGER clients_dispatch_directory AFTER INSERT OR DELETE OR UPDATE OF region, name, address, phone, risk_notes, photo ON clients
  FOR EACH ROW EXECUTE FUNCTION dispatch_notify_directory();
