import type { Queryable } from '@aware/db';
import type { InitialContent, PerpetratorParticulars } from '@aware/casework/contract';
import { translateRestricted } from './restricted.js';

/**
 * The dossier the control room sees (clients, perpetrators: dispatch's dossier card) follows the
 * application as filed and amended: name, address, phone, risk summary, perpetrators. Photos are kept
 * apart (their own routes). Perpetrators keep their ids; one left out of the form is removed.
 * Returns the content with every perpetrator's id filled in.
 */
export async function syncDossier(db: Queryable, clientId: string, content: InitialContent): Promise<InitialContent> {
  const c = content.client;
  try {
    await db.query(
      `UPDATE clients SET name = $2, date_of_birth = $3, address = $4, phone = $5, preferred_contact = $6, risk_notes = $7, updated_at = now()
       WHERE id = $1 AND (name, date_of_birth, address, phone, preferred_contact, risk_notes) IS DISTINCT FROM ($2, $3::date, $4, $5, $6, $7)`,
      [clientId, c.name, c.dateOfBirth, c.address, c.phone, c.preferredContact, content.riskSummary],
    );
    const perpetrators: PerpetratorParticulars[] = [];
    for (const p of content.perpetrators) perpetrators.push({ ...p, id: await upsertPerpetrator(db, clientId, p) });
    await db.query(`DELETE FROM perpetrators WHERE client_id = $1 AND NOT (id = ANY ($2::uuid[]))`, [clientId, perpetrators.map((p) => p.id)]);
    return { ...content, perpetrators };
  } catch (error) {
    throw translateRestricted(error);
  }
}

async function upsertPerpetrator(db: Queryable, clientId: string, p: PerpetratorParticulars): Promise<string> {
  if (p.id) {
    const { rows } = await db.query<{ id: string }>(
      `WITH own AS (SELECT id FROM perpetrators WHERE id = $1 AND client_id = $2),
       changed AS (
         UPDATE perpetrators SET name = $3, relation = $4, description = $5, vehicle = $6, updated_at = now()
         WHERE id IN (SELECT id FROM own) AND (name, relation, description, vehicle) IS DISTINCT FROM ($3, $4, $5, $6)
       )
       SELECT id FROM own`,
      [p.id, clientId, p.name, p.relation, p.description, p.vehicle],
    );
    if (rows[0]) return rows[0].id;
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO perpetrators (client_id, name, relation, description, vehicle) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [clientId, p.name, p.relation, p.description, p.vehicle],
  );
  return rows[0]!.id;
}
