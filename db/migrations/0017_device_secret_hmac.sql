-- 0017: pendant secrets are stored as HMAC-SHA-256 under a server-side key (db/src/device-secrets.ts):
-- `$hmac-sha256$k=<key id>$<MAC>`. Hashes from before (argon2id PHC strings) stay valid and are replaced
-- by the keyed form on the pendant's next successful login (upgradeDeviceSecretHash), which changes
-- neither `secret_rotated_at` nor the credential history.
ALTER TABLE devices DROP CONSTRAINT devices_secret_hash_check;
ALTER TABLE devices ADD CONSTRAINT devices_secret_hash_check
  CHECK (secret_hash ~ '^\$hmac-sha256\$k=[A-Za-z0-9_-]{11}\$[A-Za-z0-9_-]{43}$' OR secret_hash LIKE '$argon2id$%');
ALTER TABLE device_credentials DROP CONSTRAINT device_credentials_secret_hash_check;
ALTER TABLE device_credentials ADD CONSTRAINT device_credentials_secret_hash_check
  CHECK (secret_hash ~ '^\$hmac-sha256\$k=[A-Za-z0-9_-]{11}\$[A-Za-z0-9_-]{43}$' OR secret_hash LIKE '$argon2id$%');
