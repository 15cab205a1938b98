-- 0019: a sign-in that ends or changes is announced at once. Dispatch caches sessions for a few seconds
-- (DISPATCH_SESSION_CACHE_MS) on every node; without this a signed-out, disabled or demoted user kept
-- working there until the entry expired, and an open console until its next recheck. Each change below
-- sends the user's id on channel `aware_sessions` when it commits; every dispatch node listens, forgets
-- that user's sessions and rechecks that user's open consoles at once (dispatch/src/start.ts).
CREATE FUNCTION notify_session_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('aware_sessions', (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END)::text);
  RETURN NULL;
END
$$;

CREATE FUNCTION notify_user_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('aware_sessions', (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
  RETURN NULL;
END
$$;

-- signed out, expired early, second factor state, or removed
CREATE TRIGGER sessions_changed AFTER UPDATE OF revoked_at, expires_at, mfa_pending OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();
-- a role given or taken
CREATE TRIGGER user_roles_changed AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();
-- disabled, moved to another region or organisation, password changed (not on every sign-in's bookkeeping)
CREATE TRIGGER users_changed AFTER UPDATE OF disabled_at, region, organisation, password_hash OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_user_change();
