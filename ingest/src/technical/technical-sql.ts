import { randomUUID } from 'node:crypto';
import type { PoolClient } from '@aware/db';
import { TECHNICAL_ALARM_CHANNEL, TechnicalAlarmNotice, type TechnicalKind } from '@aware/protocol';

/**
 * Opens a technical alarm, unless one of that kind is already open for the pendant (unique index
 * technical_alarms_one_open) or the pendant is no longer in service with a client. Client and region
 * are copied from the open assignment and the device, so Veilig Thuis sees whose pendant it is.
 */
const OPEN_SQL = `
INSERT INTO technical_alarms (id, device_id, kind, client_id, region, opened_at, detail)
SELECT $1, d.id, $3::technical_kind, a.client_id, d.region, $4, $5
FROM devices d
JOIN device_assignments a ON a.device_id = d.id AND a.returned_at IS NULL
WHERE d.id = $2 AND d.status = 'active'
ON CONFLICT (device_id, kind) WHERE cleared_at IS NULL DO NOTHING
RETURNING id, region`;

const CLEAR_SQL = `
UPDATE technical_alarms SET cleared_at = greatest($3::timestamptz, opened_at), detail = detail || jsonb_build_object('cleared', $4::jsonb)
WHERE device_id = $1 AND kind = $2::technical_kind AND cleared_at IS NULL
RETURNING id, region, opened_at, cleared_at`;

const NOTIFY_SQL = 'SELECT pg_notify($1, $2)';

/** Announces a change in the caller's transaction: delivered to listeners only if it commits. */
async function notify(client: PoolClient, notice: TechnicalAlarmNotice): Promise<void> {
  await client.query(NOTIFY_SQL, [TECHNICAL_ALARM_CHANNEL, JSON.stringify(TechnicalAlarmNotice.parse(notice))]);
}

/** Returns the notice sent, or null when nothing changed (already open, or no longer assigned). */
export async function openTechnicalAlarm(
  client: PoolClient,
  deviceId: string,
  kind: TechnicalKind,
  at: number,
  detail: Record<string, unknown>,
): Promise<TechnicalAlarmNotice | null> {
  const openedAt = new Date(at).toISOString();
  const result = await client.query<{ id: string; region: string | null }>(OPEN_SQL, [randomUUID(), deviceId, kind, openedAt, JSON.stringify(detail)]);
  const row = result.rows[0];
  if (row === undefined) return null;
  const notice: TechnicalAlarmNotice = {
    change: 'opened',
    technical: { id: row.id, deviceId, kind, openedAt, clearedAt: null, handling: null },
    region: row.region,
  };
  await notify(client, notice);
  return notice;
}

export async function clearTechnicalAlarm(
  client: PoolClient,
  deviceId: string,
  kind: TechnicalKind,
  at: number,
  detail: Record<string, unknown>,
): Promise<TechnicalAlarmNotice | null> {
  const result = await client.query<{ id: string; region: string | null; opened_at: Date; cleared_at: Date }>(CLEAR_SQL, [
    deviceId,
    kind,
    new Date(at).toISOString(),
    JSON.stringify(detail),
  ]);
  const row = result.rows[0];
  if (row === undefined) return null;
  const notice: TechnicalAlarmNotice = {
    change: 'cleared',
    technical: { id: row.id, deviceId, kind, openedAt: row.opened_at.toISOString(), clearedAt: row.cleared_at.toISOString(), handling: null },
    region: row.region,
  };
  await notify(client, notice);
  return notice;
}
