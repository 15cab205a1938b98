-- 0021: first sign-in by activation (dashboard/src/server/auth/activation.ts). An administrator no longer
-- sees anyone's password or second factor: a new account (and one whose credentials were reset) gets a
-- one-time activation code, handed to the person over a separate channel; with it the person sets their
-- own password and enrols their own authenticator app. Until then the account has no usable password.
CREATE TABLE user_activations (
  -- sha256 of the code; the code itself is shown once to the administrator and never stored
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_from inet,
  -- the authenticator secret being enrolled (encrypted as users.totp_secret), until the activation completes
  pending_totp_secret text
);
CREATE INDEX user_activations_user ON user_activations (user_id);
