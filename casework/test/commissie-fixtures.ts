import { createDevice, type Queryable } from '@aware/db';
import { type Organisation } from '@aware/protocol';
import { amsterdamDate, type ApplicationView, type InitialContent } from '@aware/casework/contract';
import { expect } from 'vitest';
import { person, type Person } from '../../dashboard/test/helpers/people.js';
import type { Stack } from '../../dashboard/test/helpers/stack.js';

/** A complete, eligible initial application for a client living in Utrecht. */
export function initialContent(o: { name?: string; dateOfBirth?: string | null; perpetrator?: string; riskSummary?: string } = {}): InitialContent {
  return {
    kind: 'initial',
    client: {
      name: o.name ?? 'Sanne de Vries',
      dateOfBirth: o.dateOfBirth === undefined ? '1991-03-14' : o.dateOfBirth,
      address: 'Oudegracht 12, 3511 AB Utrecht',
      phone: '06-12345678',
      preferredContact: 'sms, niet bellen na 22:00',
      residenceRegion: 'utrecht',
    },
    perpetrators: [
      { name: o.perpetrator ?? 'Mark Jansen', relation: 'ex-partner', description: '1.90 m, kaal, zwarte leren jas', vehicle: 'blauwe VW Golf, XX-123-Y' },
    ],
    grounds: {
      stalking: true,
      threats: true,
      earlierViolence: true,
      orders: [{ kind: 'tijdelijk_huisverbod', from: '2026-10-01', until: '2026-10-28', reference: 'THV-2026-0412' }],
      description: 'Volgt haar naar haar werk, stuurt dreigberichten.',
    },
    fear: { renewedVictimisation: true, samePerpetrator: true, explanation: 'Hij heeft gezegd dat hij terugkomt zodra het huisverbod afloopt.' },
    riskSummary: o.riskSummary ?? 'Hoog risico: eerdere mishandeling, dreigt met mes. Woont alleen met twee kinderen.',
    policeReferences: ['PL0900-2026123456'],
    minorException: null,
    previousApplicationId: null,
  };
}

export interface Cast {
  readonly caseWorker: Person;
  readonly members: Record<Organisation, Person>;
  readonly deviceAdmin: Person;
  readonly privacyOfficer: Person;
}

/** The people of the workflow in Utrecht, signed in (password and code). */
export async function cast(stack: Pick<Stack, 'pool' | 'baseUrl' | 'totpKey'>): Promise<Cast> {
  const member = (organisation: Organisation) => person(stack, { organisation, region: 'utrecht', roles: ['commissie_member'], displayName: `Lid ${organisation}` });
  const [caseWorker, police, moviera, vt, deviceAdmin, privacyOfficer] = await Promise.all([
    person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'], displayName: 'Casemanager Utrecht' }),
    member('police'),
    member('moviera'),
    member('veilig_thuis'),
    person(stack, { organisation: 'veilig_thuis', region: null, roles: ['device_admin'], displayName: 'Beheer' }),
    person(stack, { organisation: 'veilig_thuis', region: null, roles: ['privacy_officer'], displayName: 'FG' }),
  ]);
  return { caseWorker, members: { police, moviera, veilig_thuis: vt }, deviceAdmin, privacyOfficer };
}

/** Files a complete application (draft, then submit) and returns it. */
export async function filed(c: Cast, content: InitialContent = initialContent()): Promise<ApplicationView> {
  const draft = await c.caseWorker.client.post<ApplicationView>('/api/applications', { content });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await c.caseWorker.client.post<ApplicationView>(`/api/applications/${draft.body.id}/submit`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body;
}

/** All three organisations approve; returns the last answer. */
export async function approveByAll(c: Cast, applicationId: string): Promise<{ decision: string | null; application: ApplicationView }> {
  let last: { decision: string | null; application: ApplicationView } | undefined;
  for (const org of ['police', 'moviera', 'veilig_thuis'] as const) {
    const r = await c.members[org].client.post<{ decision: string | null; application: ApplicationView }>(`/api/applications/${applicationId}/votes`, {
      vote: 'approve',
      motivation: `${org}: voldoet aan de voorwaarden`,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    last = r.body;
  }
  return last!;
}

/** A pendant in stock (real argon2id secret at a test cost). */
export async function stockPendant(db: Queryable, id: string): Promise<string> {
  return (await createDevice(db, { id, region: 'utrecht' })).secret;
}

export const todayInAmsterdam = (): string => amsterdamDate(new Date());
