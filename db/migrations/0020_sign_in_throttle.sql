-- 0020: sign-in throttling instead of account lock-out (dashboard/src/server/auth/sign-in-throttle.ts).
-- A lock-out was a weapon: six wrong passwords for an operator's user name kept that operator out of the
-- control room for 15 minutes. Now failures are kept per attempt (one day) and each further attempt from
-- the same address for the same name, from the same address for any name, or for the same name from
-- browsers that name has never signed in on, waits longer. A browser the user signed in on before carries
-- a device cookie (its hash below) and is only held back by its own failures.
CREATE TABLE sign_in_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  address inet,
  -- as typed (lower case): unknown names are counted like known ones, so the answer tells nothing
  username text NOT NULL CHECK (length(username) <= 200),
  -- the attempt came from a browser this name signed in on before
  trusted boolean NOT NULL DEFAULT false,
  step text NOT NULL CHECK (step IN ('password', 'code', 'password_change'))
);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
CREATE INDEX sign_in_failures_username ON sign_in_failures (username, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);

CREATE TABLE trusted_devices (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- sha256 of the device cookie's random value; the value itself is never stored
  device_hash bytea NOT NULL CHECK (length(device_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_hash, user_id)
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);

-- The lock-out columns are no longer read or written; kept for the history they hold.
COMMENT ON COLUMN users.locked_until IS 'unused since 0020 (sign-in throttling, no lock-out)';
COMMENT ON COLUMN users.failed_logins IS 'unused since 0020 (sign-in throttling, no lock-out)';
