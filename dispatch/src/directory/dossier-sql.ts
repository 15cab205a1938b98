import type { DossierCard } from '@aware/protocol';

/**
 * The columns of a client's dossier card beyond the client row itself, for a query whose clients table is
 * aliased `c` (load-entries.ts for pendants, load-dossiers.ts for clients with open alarms): the
 * perpetrators (with whether each has a photo and is restricted), the protective orders and police
 * registrations of the client's latest approved application, and whether any of these records is
 * restricted (frozen by a privacy request).
 */
export const DOSSIER_EXTRA_COLUMNS = `
       coalesce((
         SELECT jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'relation', coalesce(p.relation, ''),
                  'description', coalesce(p.description, ''), 'vehicle', coalesce(p.vehicle, ''),
                  'hasPhoto', p.photo IS NOT NULL) ORDER BY p.created_at)
         FROM perpetrators p WHERE p.client_id = c.id), '[]'::jsonb) AS perpetrators,
       (c.restricted_at IS NOT NULL OR EXISTS (SELECT 1 FROM perpetrators p WHERE p.client_id = c.id AND p.restricted_at IS NOT NULL)) AS restricted,
       (SELECT jsonb_build_object('orders', coalesce(ap.content->'grounds'->'orders', '[]'::jsonb), 'policeReferences', coalesce(ap.content->'policeReferences', '[]'::jsonb))
        FROM applications ap WHERE ap.client_id = c.id AND ap.status = 'approved' AND ap.kind = 'initial'
        ORDER BY ap.decided_at DESC NULLS LAST LIMIT 1) AS application`;

export interface DossierExtraRow {
  perpetrators: { id: string; name: string; relation: string; description: string; vehicle: string; hasPhoto: boolean }[] | null;
  restricted: boolean | null;
  application: { orders: DossierCard['orders']; policeReferences: string[] } | null;
}

/** Where dispatch serves the client's photo (routes/dossier-photos.ts). */
export function clientPhotoPath(clientId: string): string {
  return `/api/clients/${clientId}/photo`;
}

/** Where dispatch serves a perpetrator's photo (routes/dossier-photos.ts). */
export function perpetratorPhotoPath(perpetratorId: string): string {
  return `/api/perpetrators/${perpetratorId}/photo`;
}

/** The card's fields that DOSSIER_EXTRA_COLUMNS selected. */
export function dossierExtras(r: DossierExtraRow): Pick<DossierCard, 'perpetrators' | 'orders' | 'policeReferences' | 'restricted'> {
  return {
    perpetrators: (r.perpetrators ?? []).map(({ id, hasPhoto, ...p }) => ({ ...p, ...(hasPhoto ? { photoUrl: perpetratorPhotoPath(id) } : {}) })),
    orders: r.application?.orders ?? [],
    policeReferences: r.application?.policeReferences ?? [],
    restricted: r.restricted === true,
  };
}
