-- Broker (broker/): revocation. Every broker node asks once a second which pendants changed status or
-- secret since its last poll (broker/src/auth/db-directory.ts: status_changed_at >= $1 OR
-- secret_rotated_at >= $1), and disconnects those that may no longer connect. These two indexes keep
-- that poll a pair of small range scans (a BitmapOr) instead of a scan of every pendant.
CREATE INDEX devices_status_changed_at ON devices (status_changed_at);
CREATE INDEX devices_secret_rotated_at ON devices (secret_rotated_at);
