-- People who log in: users, their roles, their sessions.

CREATE TABLE roles (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,62}$'),
  description text NOT NULL
);
INSERT INTO roles (code, description) VALUES
  ('control_room_operator', 'Meldkamer / Veilig Thuis operator: sees and handles live alarms of their organisation and region'),
  ('case_worker', 'Veilig Thuis case worker: files and amends AWARE applications, follows up clients'),
  ('commissie_member', 'Indicatiecommissie member: reviews applications and votes for their organisation'),
  ('device_admin', 'Device administrator: registers, assigns, revokes pendants; watches fleet health'),
  ('privacy_officer', 'Privacy officer / auditor: reads the access log, handles privacy requests'),
  ('user_admin', 'Manages user accounts and their roles'),
  ('tester', 'Drives the firmware simulator against test pendants');

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username ~ '^[a-z0-9._@-]{2,100}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email text CHECK (length(email) <= 320),
  organisation text NOT NULL REFERENCES organisations (code),
  -- NULL: works nationally (sees every region of their organisation).
  region text REFERENCES regions (code),
  -- argon2id PHC string (see db/src/passwords.ts), never the password.
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  -- TOTP shared secret; the dashboard encrypts it before storing (it must be readable to verify codes).
  totp_secret text,
  totp_enabled_at timestamptz,
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  last_failed_login_at timestamptz,
  locked_until timestamptz,
  last_login_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id)
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_organisation_region ON users (organisation, region);

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL REFERENCES roles (code),
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by uuid REFERENCES users (id),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  -- SHA-256 of the session token (hex); the token itself only exists in the browser's cookie.
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Password checked but second factor still outstanding.
  mfa_pending boolean NOT NULL DEFAULT true,
  revoked_at timestamptz,
  ip inet,
  user_agent text CHECK (length(user_agent) <= 500),
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires ON sessions (expires_at);
