import type { Queryable } from '@aware/db';
import type { DossierCard } from '@aware/protocol';
import { DOSSIER_EXTRA_COLUMNS, clientPhotoPath, dossierExtras, type DossierExtraRow } from './dossier-sql.js';

interface Row extends DossierExtraRow {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  risk_notes: string | null;
  has_photo: boolean;
}

/** Dossier cards of `clientIds`, whether or not they hold a pendant now (an open alarm keeps its client's card). */
export async function loadDossiers(db: Queryable, clientIds: readonly string[]): Promise<Map<string, DossierCard>> {
  if (clientIds.length === 0) return new Map();
  const { rows } = await db.query<Row>(
    `SELECT c.id, c.name, c.address, c.phone, c.risk_notes, c.photo IS NOT NULL AS has_photo,${DOSSIER_EXTRA_COLUMNS}
     FROM clients c WHERE c.id = ANY ($1::uuid[])`,
    [clientIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        clientId: r.id,
        clientName: r.name,
        address: r.address ?? '',
        phone: r.phone ?? '',
        riskNotes: r.risk_notes ?? '',
        ...(r.has_photo ? { photoUrl: clientPhotoPath(r.id) } : {}),
        ...dossierExtras(r),
      },
    ]),
  );
}
