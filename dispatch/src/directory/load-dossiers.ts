import type { Queryable } from '@aware/db';
import type { DossierCard } from '@aware/protocol';

/** Dossier cards of `clientIds`, whether or not they hold a pendant now (an open alarm keeps its client's card). */
export async function loadDossiers(db: Queryable, clientIds: readonly string[]): Promise<Map<string, DossierCard>> {
  if (clientIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; name: string; address: string | null; phone: string | null; risk_notes: string | null; perpetrators: DossierCard['perpetrators'] }>(
    `SELECT c.id, c.name, c.address, c.phone, c.risk_notes,
            coalesce((SELECT jsonb_agg(jsonb_build_object('name', p.name, 'relation', coalesce(p.relation, ''),
                        'description', coalesce(p.description, ''), 'vehicle', coalesce(p.vehicle, '')) ORDER BY p.created_at)
                      FROM perpetrators p WHERE p.client_id = c.id), '[]'::jsonb) AS perpetrators
     FROM clients c WHERE c.id = ANY ($1::uuid[])`,
    [clientIds],
  );
  return new Map(
    rows.map((r) => [r.id, { clientId: r.id, clientName: r.name, address: r.address ?? '', phone: r.phone ?? '', riskNotes: r.risk_notes ?? '', perpetrators: r.perpetrators }]),
  );
}
