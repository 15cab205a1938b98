import type { Queryable } from '@aware/db';
import type { TechnicalKind } from '@aware/protocol';
import type { TechnicalList } from '../../contract/fleet.js';

/** Open technical alarms (silent pendant, low battery), newest first. */
export async function openTechnical(db: Queryable, o: { region: string | null; includeTest: boolean }): Promise<TechnicalList> {
  const { rows } = await db.query<{ id: string; device_id: string; kind: TechnicalKind; opened_at: Date; region: string | null }>(
    `SELECT t.id, t.device_id, t.kind, t.opened_at, coalesce(t.region, d.region) AS region
     FROM technical_alarms t JOIN devices d ON d.id = t.device_id
     WHERE t.cleared_at IS NULL AND ($1::text IS NULL OR coalesce(t.region, d.region) = $1) AND ($2 OR NOT d.is_test)
     ORDER BY t.opened_at DESC LIMIT 5000`,
    [o.region, o.includeTest],
  );
  return {
    technical: rows.map((r) => ({ id: r.id, deviceId: r.device_id, kind: r.kind, openedAt: r.opened_at.toISOString(), clearedAt: null, handling: null, region: r.region })),
  };
}
