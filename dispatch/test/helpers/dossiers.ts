import { createDevice, setDeviceStatus, type Queryable } from '@aware/db';


export interface TestPendant {
  readonly id: string;
  readonly secret: string;
  readonly clientId: string | null;
}

/** An active pendant, registered to `region`, not assigned to anyone. */
export async function createPendant(db: Queryable, id: string, region: string | null = null): Promise<TestPendant> {
  const device = await createDevice(db, { id, region });
  await setDeviceStatus(db, id, 'active');
  return { ...device, clientId: null };
}

/** A client of `region` with a perpetrator, holding a new active pendant `id` (handed over yesterday). */
export async function createAssignedPendant(db: Queryable, id: string, region: string, clientName = 'Client ' + id): Promise<TestPendant> {
  const pendant = await createPendant(db, id, region);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO clients (region, name, address, phone, risk_notes, status)
     VALUES ($1, $2, 'Straat 1, Utrecht', '06-12345678', 'Ex-partner threatened with a knife', 'active') RETURNING id`,
    [region, clientName],
  );
  const clientId = rows[0]!.id;
  await db.query(
    `INSERT INTO perpetrators (client_id, name, relation, description, vehicle) VALUES ($1, 'P. Erpetrator', 'ex-partner', 'tall, dark jacket', 'blue VW Golf XX-123-Y')`,
    [clientId],
  );
  await db.query(
    `INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at, handed_over_at)
     VALUES ($1, $2, now() - interval '1 day', now() + interval '1 year', now() - interval '1 day')`,
    [id, clientId],
  );
  return { ...pendant, clientId };
}
