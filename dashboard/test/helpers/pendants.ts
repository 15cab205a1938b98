import { createDevice, setDeviceStatus, type Queryable } from '@aware/db';


export interface TestPendant {
  readonly id: string;
  readonly secret: string;
  readonly clientId: string;
}

export interface DossierText {
  readonly clientName: string;
  readonly address: string;
  readonly phone: string;
  readonly riskNotes: string;
  readonly perpetrator: { name: string; relation: string; description: string; vehicle: string };
}

export const DEFAULT_DOSSIER: DossierText = {
  clientName: 'Sanne de Vries',
  address: 'Oudegracht 12, 3511 AB Utrecht',
  phone: '06-12345678',
  riskNotes: 'Ex-partner dreigde met een mes (maart). Tijdelijk huisverbod tot 1 juni.',
  perpetrator: { name: 'Mark Jansen', relation: 'ex-partner', description: '1.90 m, kaal, zwarte jas', vehicle: 'blauwe VW Golf, XX-123-Y' },
};

/** An active pendant registered to `region`, assigned to a client (handed over yesterday) with one perpetrator. */
export async function assignedPendant(db: Queryable, id: string, region: string, dossier: DossierText = DEFAULT_DOSSIER): Promise<TestPendant> {
  const device = await createDevice(db, { id, region });
  await setDeviceStatus(db, id, 'active');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO clients (region, name, address, phone, risk_notes, status) VALUES ($1, $2, $3, $4, $5, 'active') RETURNING id`,
    [region, dossier.clientName, dossier.address, dossier.phone, dossier.riskNotes],
  );
  const clientId = rows[0]!.id;
  const p = dossier.perpetrator;
  await db.query(`INSERT INTO perpetrators (client_id, name, relation, description, vehicle) VALUES ($1, $2, $3, $4, $5)`, [clientId, p.name, p.relation, p.description, p.vehicle]);
  await db.query(
    `INSERT INTO device_assignments (device_id, client_id, starts_at, ends_at, handed_over_at)
     VALUES ($1, $2, now() - interval '1 day', now() + interval '1 year', now() - interval '1 day')`,
    [id, clientId],
  );
  return { id, secret: device.secret, clientId };
}

/** Resolves once dispatch's in-memory directory has the pendant's assignment (it follows NOTIFY asynchronously). */
export async function knownToDispatch(directory: { get(deviceId: string): { assignment: unknown } | undefined }, id: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!directory.get(id)?.assignment) {
    if (Date.now() > deadline) throw new Error(`dispatch never learnt of ${id}'s assignment`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
