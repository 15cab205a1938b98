-- 0023: technical alarms (silent pendant, low battery) on the Veilig Thuis board, with their own handling
-- (dispatch/src/technical/). `cleared_at` stays the pendant's own recovery, set by ingest; an operator
-- acknowledges (acknowledged_at/_by, from 0005) and then resolves with what was done. The row is the
-- history: nothing is deleted, and the board shows what is neither resolved nor recovered untaken.
ALTER TABLE technical_alarms
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN resolved_by uuid REFERENCES users (id),
  ADD COLUMN resolution text CHECK (resolution IN ('client_called', 'client_unreachable', 'pendant_charged', 'pendant_replaced', 'home_visit', 'other')),
  ADD COLUMN resolution_note text CHECK (length(resolution_note) <= 1000),
  ADD CONSTRAINT technical_alarms_acknowledged_whole CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
  ADD CONSTRAINT technical_alarms_resolved_whole CHECK (
    (resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution IS NULL)
    AND (resolved_at IS NULL OR acknowledged_at IS NOT NULL)
    AND (resolution_note IS NULL OR resolved_at IS NOT NULL)
    AND (resolution IS DISTINCT FROM 'other' OR length(resolution_note) > 0)
  );

-- The board (dispatch reloads it after a takeover) and the history page.
CREATE INDEX technical_alarms_on_board ON technical_alarms (opened_at)
  WHERE resolved_at IS NULL AND (cleared_at IS NULL OR acknowledged_at IS NOT NULL);
CREATE INDEX technical_alarms_history ON technical_alarms (opened_at DESC);
