-- 0016: a pendant's press key (its `alarmId`) identifies one press only for as long as that press can
-- still be arriving. Pendants whose id counter resets (reboot, factory reset, firmware fault) send a key
-- they have used before; such a press is a new call for help and must open a new alarm (dispatch:
-- alarms/repeat.ts). So a key is unique per alarm, not per pendant for ever:
--  - alarms: (device, key) no longer unique. Alarm ids are derived from (device, key, the alarm the key
--    was last seen on), so replays and redeliveries stay idempotent on the primary key.
--  - alarm_presses: one row per (alarm, key); a redelivered copy of a press is still recognised there.
--  - alarms.reused_key: the opening press reused a key of a resolved alarm (shown on the consoles).
ALTER TABLE alarms DROP CONSTRAINT alarms_device_id_device_alarm_id_key;
CREATE INDEX alarms_device_key ON alarms (device_id, device_alarm_id) WHERE device_alarm_id IS NOT NULL;
ALTER TABLE alarms ADD COLUMN reused_key boolean NOT NULL DEFAULT false;

ALTER TABLE alarm_presses DROP CONSTRAINT alarm_presses_device_id_device_alarm_id_key;
ALTER TABLE alarm_presses ADD CONSTRAINT alarm_presses_alarm_key UNIQUE (alarm_id, device_alarm_id);
CREATE INDEX alarm_presses_device_key ON alarm_presses (device_id, device_alarm_id);
-- dispatch warms its de-duplication memory with the presses of the last DISPATCH_DEDUPE_WINDOW_H
CREATE INDEX alarm_presses_received ON alarm_presses (received_at);
