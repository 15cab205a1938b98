import { findDeviceForAuth, processDeviceSecretKeys } from '@aware/db';

const verifyDeviceSecret = async (hash: string, secret: string) => (await processDeviceSecretKeys().verify(hash, secret)).ok;
import type { ApplicationView, AssignmentList, AssignmentView, DossierDocument, FollowUpList, IssuedPendant, NotificationList } from '@aware/casework/contract';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../src/server/iso.js';
import { approveByAll, cast, filed, initialContent, stockPendant, todayInAmsterdam, type Cast } from './commissie-fixtures.js';
import { person } from '../../dashboard/test/helpers/people.js';
import { startStack, type Stack } from '../../dashboard/test/helpers/stack.js';
import { waitFor } from '../../dashboard/test/helpers/wait.js';

describe('the commissie workflow', () => {
  let stack: Stack;
  let c: Cast;
  beforeAll(async () => {
    stack = await startStack();
    c = await cast(stack);
  });
  afterAll(() => stack?.stop());

  it('walks an application from draft to decision, hand-over, extension, end and return', async () => {
    const cw = c.caseWorker.client;
    // Draft: saved incomplete, eligibility shown as it stands.
    const draft = await cw.post<ApplicationView>('/api/applications', { content: initialContent({ dateOfBirth: null }) });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', region: 'utrecht', eligibility: { adult: 'unknown', eligible: false } });
    expect((await cw.post(`/api/applications/${draft.body.id}/submit`)).body).toMatchObject({ code: 'CSW_ERR_APPLICATION_INCOMPLETE' });
    const saved = await cw.request<ApplicationView>('PUT', `/api/applications/${draft.body.id}`, { content: initialContent() });
    expect(saved.body.eligibility).toMatchObject({ adult: 'met', renewedFear: 'met', livesInRegion: 'met', eligible: true });
    const perpetratorId = saved.body.content.kind === 'initial' ? saved.body.content.perpetrators[0]!.id : undefined;
    expect(perpetratorId).toMatch(/^[0-9a-f-]{36}$/);

    // Submit locks the content: a change is an amendment with its reason.
    const id = draft.body.id;
    expect((await cw.post<ApplicationView>(`/api/applications/${id}/submit`)).body.status).toBe('submitted');
    expect((await cw.request('PUT', `/api/applications/${id}`, { content: initialContent() })).body).toMatchObject({ code: 'CSW_ERR_APPLICATION_STATE' });
    const amended = await cw.post<ApplicationView>(`/api/applications/${id}/amendments`, {
      content: { ...saved.body.content, riskSummary: 'Hoog risico; sinds vorige week ook dreigementen via haar zus.' },
      reason: 'nieuwe informatie van de politie',
    });
    expect(amended.body).toMatchObject({ contentVersion: 1, amendments: [{ version: 1, reason: 'nieuwe informatie van de politie', changed: ['riskSummary'] }] });
    await expect(stack.pool.query(`UPDATE applications SET content = '{}' WHERE id = $1`, [id])).rejects.toThrow(/amendment/);

    // Three votes, one per organisation; the last one records the decision and tells the case worker.
    const members = await cw.get<{ applications: { id: string; status: string }[] }>('/api/applications');
    expect(members.body.applications.map((a) => a.id)).toContain(id);
    const result = await approveByAll(c, id);
    expect(result.decision).toBe('approved');
    const decision = result.application.decision!;
    expect(decision).toMatchObject({ outcome: 'approved', rule: 'unanimous', periodStart: todayInAmsterdam(), periodEnd: addMonths(todayInAmsterdam(), 3) });
    expect(decision.members.map((m) => [m.organisation, m.vote])).toEqual([['police', 'approve'], ['moviera', 'approve'], ['veilig_thuis', 'approve']]);
    const told = await cw.get<NotificationList>('/api/notifications');
    expect(told.body.notifications[0]).toMatchObject({ kind: 'decision', applicationId: id, detail: { outcome: 'approved' } });

    // Hand-over: a fresh secret, shown once; the stock secret is dead; the pendant is active and watched.
    const oldSecret = await stockPendant(stack.pool, 'aw-walk-001');
    const admin = c.deviceAdmin.client;
    expect((await admin.get<{ applications: { applicationId: string }[] }>('/api/assignments/awaiting')).body.applications.map((a) => a.applicationId)).toContain(id);
    expect((await admin.get<{ pendants: { id: string }[] }>('/api/stock')).body.pendants.map((p) => p.id)).toContain('aw-walk-001');
    const listener = new pg.Client({ connectionString: stack.db.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel} ${n.payload}`));
    await listener.query('LISTEN aware_device_changed');
    const issued = await admin.post<IssuedPendant>('/api/assignments', { applicationId: id, deviceId: 'aw-walk-001' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { secret, assignmentId } = issued.body;
    const auth = (await findDeviceForAuth(stack.pool, 'aw-walk-001'))!;
    expect(auth.status).toBe('active');
    expect(await verifyDeviceSecret(auth.secretHash, secret)).toBe(true);
    expect(await verifyDeviceSecret(auth.secretHash, oldSecret)).toBe(false);
    expect(issued.body.followUps).toEqual([
      { kind: 'three_months', dueOn: addMonths(todayInAmsterdam(), 3) },
      { kind: 'twelve_months', dueOn: addMonths(todayInAmsterdam(), 12) },
    ]);
    await waitFor(() => heard.includes('aware_device_changed aw-walk-001'), 5_000, "ingest's watchdog channel");
    await listener.end();
    const shownAgain = await admin.get<AssignmentView>(`/api/assignments/${assignmentId}`);
    expect(shownAgain.body).toMatchObject({ deviceId: 'aw-walk-001', applicationId: id, clientName: null });
    expect(JSON.stringify(shownAgain.body)).not.toContain(secret);
    expect((await admin.post('/api/assignments', { applicationId: id, deviceId: 'aw-walk-001' })).body).toMatchObject({ code: 'CSW_ERR_APPLICATION_STATE' });

    // Extension: a new application, a new decision; the end date moves.
    const requestedEndsOn = addMonths(todayInAmsterdam(), 9);
    const ext = await cw.post<ApplicationView>('/api/applications', {
      content: { kind: 'extension', assignmentId, requestedEndsOn, motivation: 'Dader is weer in beeld.', fear: initialContent().fear, riskSummary: 'Onveranderd hoog.' },
    });
    expect(ext.status, JSON.stringify(ext.body)).toBe(201);
    expect(ext.body.eligibility?.eligible).toBe(true);
    await cw.post(`/api/applications/${ext.body.id}/submit`);
    expect((await approveByAll(c, ext.body.id)).decision).toBe('approved');
    expect((await cw.get<NotificationList>('/api/notifications')).body.notifications[0]).toMatchObject({ kind: 'extended', detail: { assignmentId } });
    const extended = await cw.get<AssignmentView>(`/api/assignments/${assignmentId}`);
    expect(extended.body.clientName).toBe('Sanne de Vries');
    expect(extended.body.extensions).toHaveLength(1);
    expect(extended.body.extensions[0]!.newEndsAt > extended.body.extensions[0]!.previousEndsAt).toBe(true);
    expect(extended.body.endsAt).toBe(extended.body.extensions[0]!.newEndsAt);
    const ending = await admin.get<AssignmentList>('/api/assignments?ending=366');
    expect(ending.body.assignments.find((a) => a.id === assignmentId)).toMatchObject({ clientName: null });
    expect((await admin.get<AssignmentList>('/api/assignments?ending=30')).body.assignments.map((a) => a.id)).not.toContain(assignmentId);

    // Monitoring: the contact at 3 months is done and recorded.
    const followUps = await cw.get<FollowUpList>('/api/follow-ups');
    const threeMonths = followUps.body.followUps.find((f) => f.assignmentId === assignmentId && f.kind === 'three_months')!;
    expect(threeMonths).toMatchObject({ clientName: 'Sanne de Vries', completedAt: null });
    expect((await cw.post(`/api/follow-ups/${threeMonths.id}/complete`, { notes: 'Gesproken met cliënte: voelt zich veiliger.' })).status).toBe(204);
    expect((await cw.get<FollowUpList>('/api/follow-ups')).body.followUps.map((f) => f.id)).not.toContain(threeMonths.id);

    // End: the pendant is revoked (its secret too) and its history stays with the dossier.
    expect((await admin.post(`/api/assignments/${assignmentId}/return`, { reason: 'period_ended', note: 'ingeleverd op kantoor' })).status).toBe(204);
    const returned = (await findDeviceForAuth(stack.pool, 'aw-walk-001'))!;
    expect(returned.status).toBe('revoked');
    expect((await stack.pool.query(`SELECT count(*)::int AS n FROM device_credentials WHERE device_id = 'aw-walk-001' AND revoked_at IS NULL`)).rows[0]).toEqual({ n: 0 });
    expect((await admin.post(`/api/assignments/${assignmentId}/return`, { reason: 'period_ended' })).body).toMatchObject({ code: 'CSW_ERR_ASSIGNMENT_STATE' });
    const dossier = await cw.get<DossierDocument>(`/api/dossiers/${saved.body.clientId}`);
    expect(dossier.status).toBe(200);
    expect(dossier.body.assignments[0]).toMatchObject({ id: assignmentId, endReason: 'period_ended', endNote: 'ingeleverd op kantoor', extensions: [{}] });
    expect(dossier.body.followUps.map((f) => [f.kind, f.notes])).toEqual([['three_months', 'Gesproken met cliënte: voelt zich veiliger.'], ['twelve_months', null]]);
    expect((await admin.get<{ pendants: { id: string; status: string }[] }>('/api/stock')).body.pendants).toContainEqual(expect.objectContaining({ id: 'aw-walk-001', status: 'revoked' }));
  });

  it('flags an ineligible application (a minor without a written exception, another region, no fear) and shows the exception', async () => {
    const cw = c.caseWorker.client;
    const minor = initialContent({ dateOfBirth: `${Number(todayInAmsterdam().slice(0, 4)) - 16}-01-01` });
    const a = await cw.post<ApplicationView>('/api/applications', {
      content: { ...minor, client: { ...minor.client, residenceRegion: 'haaglanden' }, fear: { ...minor.fear, samePerpetrator: false } },
    });
    expect(a.body.eligibility).toMatchObject({ adult: 'not_met', livesInRegion: 'not_met', renewedFear: 'not_met', eligible: false, ageYears: 16 });
    const withException = await cw.request<ApplicationView>('PUT', `/api/applications/${a.body.id}`, {
      content: { ...minor, minorException: { reference: 'VT-UITZ-2026-7', motivation: 'Woont zelfstandig; ouders niet bereikbaar.' } },
    });
    expect(withException.body.eligibility).toMatchObject({ adult: 'met_by_exception', eligible: true });
    const submitted = await cw.post<ApplicationView>(`/api/applications/${a.body.id}/submit`);
    expect((await c.members.police.client.get<ApplicationView>(`/api/applications/${submitted.body.id}`)).body.eligibility).toMatchObject({ adult: 'met_by_exception' });
  });


  it('refuses an invalid application naming every refused field by its path, so the form can show each next to its field, and stores nothing', async () => {
    const content = initialContent({ name: 'Refused Person' });
    const clientsBefore = (await stack.pool.query(`SELECT count(*)::int AS n FROM clients`)).rows[0].n;
    const refused = await c.caseWorker.client.post('/api/applications', {
      content: {
        ...content,
        client: { ...content.client, name: '', phone: '06-1234\u000b5678' },
        perpetrators: [{ ...content.perpetrators[0]!, name: 'x'.repeat(201) }],
        policeReferences: ['PL0900-2026-00001', 'y'.repeat(101)],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'DSH_ERR_BODY_INVALID' });
    const problems = (refused.body as { problems: { path: string; issue: string }[] }).problems.map((p) => [p.path, p.issue]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['content.client.name', 'too_small'],
        ['content.client.phone', 'invalid_format'],
        ['content.perpetrators.0.name', 'too_big'],
        ['content.policeReferences.1', 'too_big'],
      ]),
    );
    expect((await stack.pool.query(`SELECT count(*)::int AS n FROM clients`)).rows[0].n).toBe(clientsBefore);
  });
  it('refuses a vote for another organisation, by a non-member, and a second vote of the same organisation', async () => {
    const app = await filed(c);
    const vote = { vote: 'approve', motivation: 'akkoord' };
    const wrongOrg = await c.members.moviera.client.post(`/api/applications/${app.id}/votes`, { ...vote, organisation: 'police' });
    expect(wrongOrg).toMatchObject({ status: 403, body: { code: 'CSW_ERR_VOTE_ORGANISATION' } });
    const operator = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    expect((await operator.client.post(`/api/applications/${app.id}/votes`, vote)).body).toMatchObject({ code: 'DSH_ERR_FORBIDDEN' });
    expect((await c.caseWorker.client.post(`/api/applications/${app.id}/votes`, vote)).status).toBe(403);
    expect((await c.members.police.client.post(`/api/applications/${app.id}/votes`, { vote: 'reject', motivation: 'geen actuele dreiging' })).status).toBe(200);
    const colleague = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['commissie_member'] });
    expect(await colleague.client.post(`/api/applications/${app.id}/votes`, vote)).toMatchObject({ status: 409, body: { code: 'CSW_ERR_VOTE_TWICE' } });
    const elsewhere = await person(stack, { organisation: 'moviera', region: 'haaglanden', roles: ['commissie_member'] });
    expect((await elsewhere.client.post(`/api/applications/${app.id}/votes`, vote)).status).toBe(404);
    const { rows } = await stack.pool.query(`SELECT organisation, vote FROM votes WHERE application_id = $1`, [app.id]);
    expect(rows).toEqual([{ organisation: 'police', vote: 'reject' }]);
  });

  it('keeps the motivation of a rejection with the decision', async () => {
    const app = await filed(c);
    await c.members.police.client.post(`/api/applications/${app.id}/votes`, { vote: 'approve', motivation: 'ja' });
    await c.members.moviera.client.post(`/api/applications/${app.id}/votes`, { vote: 'reject', motivation: 'cliënte wil zelf geen alarm' });
    const last = await c.members.veilig_thuis.client.post<{ decision: string; application: ApplicationView }>(`/api/applications/${app.id}/votes`, { vote: 'approve', motivation: 'ja' });
    expect(last.body.decision).toBe('rejected');
    expect(last.body.application.decision?.motivation).toBe('moviera: cliënte wil zelf geen alarm');
    expect((await c.deviceAdmin.client.post('/api/assignments', { applicationId: app.id, deviceId: 'aw-walk-001' })).body).toMatchObject({ code: 'CSW_ERR_APPLICATION_STATE' });
  });

  it('shows the commissie filed applications but never drafts, and no live location anywhere', async () => {
    const draft = await c.caseWorker.client.post<ApplicationView>('/api/applications', { content: initialContent({ name: 'Nog Concept' }) });
    const police = c.members.police.client;
    expect((await police.get(`/api/applications/${draft.body.id}`)).status).toBe(404);
    const list = await police.get<{ applications: { id: string; status: string }[] }>('/api/applications');
    expect(list.body.applications.map((a) => a.id)).not.toContain(draft.body.id);
    expect(list.body.applications.every((a) => a.status !== 'draft')).toBe(true);
    expect((await police.get('/api/alarms')).status).toBe(403);
    expect((await police.get('/api/fleet/pendants')).status).toBe(403);
    expect((await police.get('/api/assignments')).status).toBe(403);
    expect(JSON.stringify(list.body)).not.toMatch(/"(lat|lon|lastFix)"/);
    expect((await c.caseWorker.client.request('DELETE', `/api/applications/${draft.body.id}`)).status).toBe(204);
    expect((await stack.pool.query(`SELECT 1 FROM clients WHERE id = $1`, [draft.body.clientId])).rowCount).toBe(0);
  });

  it('refuses every route to a signed-out caller and to the wrong role', async () => {
    const anonymous = new (c.caseWorker.client.constructor as new (u: string) => typeof c.caseWorker.client)(stack.baseUrl);
    for (const [method, path] of [
      ['GET', '/api/applications'],
      ['POST', '/api/assignments'],
      ['GET', '/api/privacy/access-log'],
      ['GET', '/api/follow-ups'],
    ] as const) {
      expect((await anonymous.request(method, path, method === 'GET' ? undefined : {})).status, path).toBe(401);
    }
    expect((await c.caseWorker.client.post('/api/assignments', { applicationId: '00000000-0000-4000-8000-000000000000', deviceId: 'aw-x-1' })).status).toBe(403);
    expect((await c.deviceAdmin.client.get('/api/applications')).status).toBe(403);
    expect((await c.members.police.client.post('/api/applications', { content: initialContent() })).status).toBe(403);
    expect((await c.privacyOfficer.client.get('/api/applications')).status).toBe(403);
  });

  it('registers a delivery of pendants into stock, all or none, with each secret shown once and only its hash kept', async () => {
    const admin = c.deviceAdmin.client;
    const delivery = { pendants: [{ id: 'aw-lev-001', region: 'utrecht' }, { id: 'aw-lev-002' }, { id: 'aw-lev-003', region: null }] };
    const registered = await admin.post<{ pendants: { id: string; secret: string }[] }>('/api/stock', delivery);
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body.pendants.map((p) => p.id)).toEqual(['aw-lev-001', 'aw-lev-002', 'aw-lev-003']);
    const stock = (await admin.get<{ pendants: { id: string; status: string; region: string | null }[] }>('/api/stock')).body.pendants;
    expect(stock).toContainEqual(expect.objectContaining({ id: 'aw-lev-001', status: 'stock', region: 'utrecht' }));
    for (const p of registered.body.pendants) {
      const auth = (await findDeviceForAuth(stack.pool, p.id))!;
      expect(auth.secretHash).not.toContain(p.secret);
      expect(await verifyDeviceSecret(auth.secretHash, p.secret)).toBe(true);
    }

    // one already registered, or a region that does not exist: refused whole, naming what is wrong
    const again = await admin.post('/api/stock', { pendants: [{ id: 'aw-lev-004' }, { id: 'aw-lev-002' }] });
    expect(again).toMatchObject({ status: 409, body: { code: 'CSW_ERR_DEVICE_EXISTS', message: expect.stringContaining('aw-lev-002') } });
    expect((again.body as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['pendants.1.id']);
    const region = await admin.post('/api/stock', { pendants: [{ id: 'aw-lev-005', region: 'atlantis' }] });
    expect(region).toMatchObject({ status: 400, body: { message: expect.stringContaining('atlantis') } });
    expect((region.body as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['pendants.0.region']);
    const twice = await admin.post('/api/stock', { pendants: [{ id: 'aw-lev-006' }, { id: 'aw-lev-006' }] });
    expect(twice).toMatchObject({ status: 400, body: { message: expect.stringContaining('listed twice') } });
    expect((await admin.post('/api/stock', { pendants: [{ id: 'AW LEV 7' }] })).status).toBe(400);
    expect((await admin.post('/api/stock', { pendants: [] })).status).toBe(400);
    const { rows } = await stack.pool.query(`SELECT id FROM devices WHERE id IN ('aw-lev-004', 'aw-lev-005', 'aw-lev-006')`);
    expect(rows).toEqual([]);
    // only device administrators register pendants
    expect((await c.caseWorker.client.post('/api/stock', { pendants: [{ id: 'aw-lev-008' }] })).status).toBe(403);
  });

  it('gives consoles a fingerprint of the list that changes with a new application or a vote, and is not a dossier read', async () => {
    const version = async () => (await c.members.moviera.client.get<{ version: string }>('/api/applications/version')).body.version;
    const logged = async () => (await stack.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log')).rows[0]!.n;
    const v1 = await version();
    const before = await logged();
    expect(await version()).toBe(v1);
    expect(await logged()).toBe(before);
    const a = await filed(c, initialContent({ name: 'Versie Test' }));
    const v2 = await version();
    expect(v2).not.toBe(v1);
    await c.members.police.client.post(`/api/applications/${a.id}/votes`, { vote: 'approve', motivation: 'voldoet' });
    const v3 = await version();
    expect(v3).not.toBe(v2);
    // a second vote changes no status, only the votes column
    expect((await c.members.moviera.client.post(`/api/applications/${a.id}/votes`, { vote: 'approve', motivation: 'voldoet ook' })).status).toBe(200);
    expect(await version()).not.toBe(v3);
    expect(JSON.stringify(await c.members.moviera.client.get('/api/applications/version'))).not.toContain('Versie Test');
    expect((await c.deviceAdmin.client.get('/api/applications/version')).status).toBe(403);
  });
});
