import type { Queryable } from '@aware/db';
import type { DeviceEntry } from './device-entry.js';
import { DOSSIER_EXTRA_COLUMNS, clientPhotoPath, dossierExtras, type DossierExtraRow } from './dossier-sql.js';

interface Row extends DossierExtraRow {
  device_id: string;
  is_test: boolean;
  device_region: string | null;
  assignment_id: string | null;
  client_id: string | null;
  client_region: string | null;
  client_name: string | null;
  address: string | null;
  phone: string | null;
  risk_notes: string | null;
  has_photo: boolean | null;
}

/**
 * Pendants with their open assignment and the client's dossier card. An assignment counts from hand-over
 * (or its start) until the pendant is returned; an assignment past its planned end but not returned still
 * counts: the pendant is still with that person.
 */
const SQL = `
SELECT d.id AS device_id, d.is_test, d.region AS device_region,
       a.id AS assignment_id, c.id AS client_id, c.region AS client_region, c.name AS client_name,
       c.address, c.phone, c.risk_notes, c.photo IS NOT NULL AS has_photo,${DOSSIER_EXTRA_COLUMNS}
FROM devices d
LEFT JOIN device_assignments a
  ON a.device_id = d.id AND a.returned_at IS NULL AND (a.handed_over_at IS NOT NULL OR a.starts_at <= now())
LEFT JOIN clients c ON c.id = a.client_id
WHERE ($1::text[] IS NULL OR d.id = ANY ($1))
  AND ($2::uuid[] IS NULL OR a.client_id = ANY ($2))`;

/** No filter: every pendant. `deviceIds`: those pendants. `clientIds`: the pendants those clients hold. */
export type EntryFilter = { readonly deviceIds?: readonly string[]; readonly clientIds?: readonly string[] };

export async function loadEntries(db: Queryable, filter: EntryFilter = {}): Promise<DeviceEntry[]> {
  const { rows } = await db.query<Row>(SQL, [filter.deviceIds ?? null, filter.clientIds ?? null]);
  return rows.map(toEntry);
}

function toEntry(r: Row): DeviceEntry {
  return {
    deviceId: r.device_id,
    isTest: r.is_test,
    deviceRegion: r.device_region,
    assignment:
      r.assignment_id && r.client_id && r.client_region
        ? {
            id: r.assignment_id,
            clientId: r.client_id,
            region: r.client_region,
            dossier: {
              clientId: r.client_id,
              clientName: r.client_name ?? '',
              address: r.address ?? '',
              phone: r.phone ?? '',
              riskNotes: r.risk_notes ?? '',
              // served only while the client has an open alarm the caller sees (routes/dossier-photos.ts)
              ...(r.has_photo ? { photoUrl: clientPhotoPath(r.client_id) } : {}),
              ...dossierExtras(r),
            },
          }
        : null,
  };
}
