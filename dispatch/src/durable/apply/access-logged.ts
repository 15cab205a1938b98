import type { Queryable } from '@aware/db';
import type { DurableWrite } from '../writes.js';
import { iso } from './json-rows.js';

type AccessLogged = Extract<DurableWrite, { kind: 'access_logged' }>;

/**
 * Dossier cards shown, into the append-only access log. A replayed entry (same user, time, alarm) is
 * recognised so the log does not double; `access_log_user` serves that lookup.
 */
const SQL = `
INSERT INTO access_log (at, user_id, username, organisation, role, action, subject_type, subject_id, client_id, reason, ip, details)
SELECT x.at, x.user_id, x.username, x.organisation, x.role, 'read', 'alarm', x.alarm_id, x.client_id,
       'active alarm ' || x.alarm_id, x.ip, jsonb_build_object('channel', x.channel, 'card', 'dossier')
FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, user_id uuid, username text, organisation text, role text,
     alarm_id text, client_id uuid, ip inet, channel text)
WHERE NOT EXISTS (
  SELECT 1 FROM access_log l WHERE l.user_id = x.user_id AND l.at = x.at AND l.subject_id = x.alarm_id
)`;

export async function applyAccessLogged(db: Queryable, writes: readonly AccessLogged[]): Promise<void> {
  const rows = writes.flatMap((w) =>
    w.entries.map((e) => ({
      at: iso(e.at),
      user_id: e.userId,
      username: e.username,
      organisation: e.organisation,
      role: e.role,
      alarm_id: e.alarmId,
      client_id: e.clientId,
      ip: e.ip,
      channel: e.channel,
    })),
  );
  if (rows.length) await db.query(SQL, [JSON.stringify(rows)]);
}
