import type { Queryable } from '@aware/db';
import type { TechnicalKind } from '@aware/protocol';
import type { PendantHealth, PendantList, PendantView } from '../../contract/fleet.js';

interface Row {
  id: string;
  status: PendantView['status'];
  is_test: boolean;
  region: string | null;
  firmware: string | null;
  battery: number | null;
  charging: boolean | null;
  last_seen_at: Date | null;
  health: PendantHealth;
  technical: TechnicalKind[];
  starts_at: Date | null;
  ends_at: Date | null;
  total: number;
}

/**
 * Pendants (not revoked) with their health, worst first: silent (watchdog alarm open), offline, never
 * seen, online. Columns are chosen one by one: device_state's last fix is never read here.
 */
const SQL = `
WITH fleet AS (
  SELECT d.id, d.status::text AS status, d.is_test, d.region, coalesce(s.firmware, d.firmware) AS firmware,
         s.battery, s.charging, s.last_seen_at,
         coalesce((SELECT array_agg(t.kind::text ORDER BY t.kind) FROM technical_alarms t
                   WHERE t.device_id = d.id AND t.cleared_at IS NULL), '{}') AS technical,
         a.starts_at, a.ends_at,
         CASE WHEN EXISTS (SELECT 1 FROM technical_alarms t WHERE t.device_id = d.id AND t.cleared_at IS NULL AND t.kind = 'pendant_silent') THEN 'silent'
              WHEN s.online THEN 'online'
              WHEN s.device_id IS NULL THEN 'never_seen'
              ELSE 'offline' END AS health
  FROM devices d
  LEFT JOIN device_state s ON s.device_id = d.id
  LEFT JOIN device_assignments a ON a.device_id = d.id AND a.returned_at IS NULL
  WHERE d.status <> 'revoked' AND ($1::text IS NULL OR d.region = $1) AND ($2 OR NOT d.is_test)
)
SELECT *, count(*) OVER ()::int AS total FROM fleet
WHERE $3::text IS NULL OR health = $3
ORDER BY array_position(ARRAY['silent', 'offline', 'never_seen', 'online'], health), battery NULLS FIRST, id
LIMIT $4`;

export async function listPendants(
  db: Queryable,
  o: { region: string | null; includeTest: boolean; health: PendantHealth | null; limit: number },
): Promise<PendantList> {
  const { rows } = await db.query<Row>(SQL, [o.region, o.includeTest, o.health, o.limit]);
  return {
    total: rows[0]?.total ?? 0,
    pendants: rows.map((r) => ({
      id: r.id,
      status: r.status,
      isTest: r.is_test,
      region: r.region,
      firmware: r.firmware,
      battery: r.battery,
      charging: r.charging,
      lastSeenAt: r.last_seen_at?.toISOString() ?? null,
      health: r.health,
      technical: r.technical,
      assignment: r.starts_at ? { startsAt: r.starts_at.toISOString(), endsAt: r.ends_at?.toISOString() ?? null } : null,
    })),
  };
}
