-- Dashboard (dashboard/): sign-in. @aware/protocol's `Role` is the one list of roles; 0003's own codes
-- (control_room_operator, case_worker, user_admin) are folded into it and removed, and the second factor
-- gets its replay guard.

-- 1. Roles. A grant of an old code becomes the protocol role it meant (a control-room grant becomes the
--    operator role of the user's organisation; the police and Veilig Thuis control rooms are separate
--    roles now), then the old codes go. access_log.role is free text on purpose (entries are evidence,
--    kept as they were) and is left alone.
INSERT INTO user_roles (user_id, role, granted_at, granted_by)
SELECT ur.user_id,
       CASE ur.role
         WHEN 'case_worker' THEN 'vt_caseworker'
         WHEN 'user_admin' THEN 'admin'
         WHEN 'control_room_operator' THEN CASE u.organisation WHEN 'police' THEN 'police_operator' ELSE 'vt_operator' END
       END,
       ur.granted_at, ur.granted_by
FROM user_roles ur JOIN users u ON u.id = ur.user_id
WHERE ur.role IN ('control_room_operator', 'case_worker', 'user_admin')
  AND NOT (ur.role = 'control_room_operator' AND u.organisation NOT IN ('police', 'veilig_thuis'))
ON CONFLICT (user_id, role) DO NOTHING;
DELETE FROM user_roles WHERE role IN ('control_room_operator', 'case_worker', 'user_admin');
DELETE FROM roles WHERE code IN ('control_room_operator', 'case_worker', 'user_admin');

UPDATE roles SET description = 'Platform administrator: manages user accounts and their roles' WHERE code = 'admin';
INSERT INTO roles (code, description) VALUES
  ('commissie_member', 'Indicatiecommissie member: reviews applications and votes for their organisation'),
  ('device_admin', 'Device administrator: registers, assigns, revokes pendants; watches fleet health'),
  ('privacy_officer', 'Privacy officer / auditor: reads the access log, handles privacy requests'),
  ('tester', 'Drives the firmware simulator against test pendants')
ON CONFLICT (code) DO NOTHING;

-- 2. TOTP replay guard: the 30-second time step of the last code accepted. A code is accepted only for a
--    later step, so a code seen over someone's shoulder (or replayed from a log) is worthless once used.
ALTER TABLE users ADD COLUMN totp_last_step bigint CHECK (totp_last_step >= 0);

