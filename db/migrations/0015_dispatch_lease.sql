-- 0015: one active dispatch among several nodes (dispatch/src/lease/). Exactly one node handles presses,
-- escalation timers and the outbox: the holder of this lease. The others serve consoles by relaying to
-- the holder and take over when it stops renewing.
--
-- The lease is one row. A holder renews it every DISPATCH_LEASE_RENEW_MS; it expires DISPATCH_LEASE_TTL_MS
-- after the last renewal (database time). Every new holder increments `epoch`: the fencing token. Every
-- write the holder makes to the alarm tables runs `dispatch_fence(epoch)` first in its transaction, so a
-- holder that stalled, lost the lease and woke up again cannot write any more: its transaction fails with
-- SQLSTATE AWF01 and nothing of it commits.
--
-- Why a transaction-level advisory lock: the fence takes it shared, a new holder takes it exclusively
-- while it increments the epoch. So the increment waits for every write transaction that already
-- passed the fence, and every write transaction that starts after it sees the new epoch. Advisory locks
-- live in memory: the fence writes nothing (a FOR SHARE row lock would dirty the lease row per write).
-- Key 0x4157415245 ('AWARE'); the migration runner uses another.
CREATE TABLE dispatch_lease (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  epoch bigint NOT NULL DEFAULT 0,
  -- the holder's instance name (DISPATCH_INSTANCE), for people reading the table
  holder text,
  -- the holder process' random token: a restarted process with the same name is another holder
  holder_token uuid,
  -- where the holder's dispatch HTTP API answers: other nodes relay consoles and alarm actions there
  holder_url text,
  acquired_at timestamptz,
  renewed_at timestamptz,
  expires_at timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO dispatch_lease DEFAULT VALUES;

CREATE FUNCTION dispatch_fence(p_epoch bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(280636772933);
  IF NOT EXISTS (SELECT 1 FROM dispatch_lease WHERE epoch = p_epoch AND holder_token IS NOT NULL) THEN
    RAISE EXCEPTION 'dispatch lease epoch % is no longer current', p_epoch USING ERRCODE = 'AWF01';
  END IF;
END
$$;

-- Taking the lease: under the exclusive advisory lock, so it waits for write transactions that passed the
-- fence with the old epoch (a function runs in one transaction: the lock is held until it commits).
CREATE FUNCTION dispatch_lease_take(p_holder text, p_token uuid, p_url text, p_ttl_ms integer, p_seen_epoch bigint, p_seen_renewed_at timestamptz)
RETURNS TABLE (epoch bigint, expires_at timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(280636772933);
  RETURN QUERY
  UPDATE dispatch_lease l
     SET epoch = l.epoch + 1, holder = p_holder, holder_token = p_token, holder_url = p_url,
         acquired_at = now(), renewed_at = now(), expires_at = now() + p_ttl_ms * interval '1 millisecond'
   WHERE l.epoch = p_seen_epoch
     -- released (or never held), or expired and not renewed since the caller first saw it expired
     AND (l.holder_token IS NULL OR (l.expires_at < now() AND l.renewed_at IS NOT DISTINCT FROM p_seen_renewed_at))
  RETURNING l.epoch, l.expires_at;
END
$$;

REVOKE INSERT, DELETE, TRUNCATE ON dispatch_lease FROM aware_app;
GRANT SELECT, UPDATE ON dispatch_lease TO aware_app;
GRANT EXECUTE ON FUNCTION dispatch_fence(bigint) TO aware_app;
GRANT EXECUTE ON FUNCTION dispatch_lease_take(text, uuid, text, integer, bigint, timestamptz) TO aware_app;
