import type { AccessLogPage, ApplicationView, DeletionOutcome, DossierDocument, IssuedPendant, PrivacyRequestDetail, PrivacyRequestView } from '@aware/casework/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveByAll, cast, filed, initialContent, stockPendant, todayInAmsterdam, type Cast } from './commissie-fixtures.js';
import { startAppRoleStack, type AppRoleStack } from '../../dashboard/test/helpers/app-role-stack.js';
import { person, type Person } from '../../dashboard/test/helpers/people.js';
import { BLACKED_OUT, STAFF_BLACKED_OUT } from '../src/server/privacy/redact.js';

/** A real 1x1 PNG (the signature is checked), made distinct per person by a trailing chunk of text. */
const png = (tag: string) =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    Buffer.from('1f15c4890000000d49444154789c636000010000050001a5f645400000000049454e44ae426082', 'hex'),
    Buffer.from(tag),
  ]).toString('base64');

describe('the client\'s privacy rights', () => {
  let stack: AppRoleStack;
  let c: Cast;
  /** Sanne: filed, approved, a pendant, an alarm with a trail. Eva: another client, another perpetrator. */
  let sanne: ApplicationView;
  let eva: ApplicationView;
  let sanneClientPhoto: string;
  /** A police control-room operator who handled her alarm. */
  let operator: Person;
  let perpetratorPhoto: string;

  const request = async (clientId: string, kind: string, extra: Record<string, unknown> = {}) => {
    const r = await c.privacyOfficer.client.post<PrivacyRequestView>('/api/privacy/requests', {
      clientId,
      kind,
      requesterName: 'Sanne de Vries',
      requesterCapacity: 'client',
      details: 'per e-mail, kopie ID gezien',
      ...extra,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const log = async (clientId: string) =>
    (await c.privacyOfficer.client.get<AccessLogPage>(`/api/privacy/access-log?clientId=${clientId}&limit=1000`)).body.entries;

  beforeAll(async () => {
    stack = await startAppRoleStack();
    c = await cast(stack);
    const cw = c.caseWorker.client;
    const content = initialContent({ riskSummary: 'Pleger gewelddadig, mogelijk wapenbezit.' });
    const draft = await cw.post<ApplicationView>('/api/applications', {
      content: {
        ...content,
        client: { ...content.client, preferredContact: '<b>sms</b> <script>alert(1)</script>' },
        grounds: { ...content.grounds, description: 'Mark Jansen dreigde haar met een mes; hij rijdt in XX-123-Y. Zij is bang. Besproken met Casemanager Utrecht.' },
      },
    });
    const pid = draft.body.content.kind === 'initial' ? draft.body.content.perpetrators[0]!.id : '';
    sanneClientPhoto = png('sanne');
    perpetratorPhoto = png('perpetrator');
    expect((await cw.request('PUT', `/api/applications/${draft.body.id}/photos/client`, { mime: 'image/png', dataBase64: sanneClientPhoto })).status).toBe(204);
    expect((await cw.request('PUT', `/api/applications/${draft.body.id}/photos/perpetrators/${pid}`, { mime: 'image/png', dataBase64: perpetratorPhoto })).status).toBe(204);
    sanne = (await cw.post<ApplicationView>(`/api/applications/${draft.body.id}/submit`)).body;
    await approveByAll(c, sanne.id);
    await stockPendant(stack.admin, 'aw-priv-001');
    const issued = await c.deviceAdmin.client.post<IssuedPendant>('/api/assignments', { applicationId: sanne.id, deviceId: 'aw-priv-001' });
    const { rows } = await stack.admin.query<{ id: string }>(
      `INSERT INTO alarms (device_id, device_alarm_id, client_id, assignment_id, region, pressed_at, last_lat, last_lon, last_acc, last_fix_at)
       VALUES ('aw-priv-001', 'press-0001', $1, $2, 'utrecht', now(), 52.0907, 5.1214, 8, now()) RETURNING id`,
      [sanne.clientId, issued.body.assignmentId],
    );
    await stack.admin.query(`INSERT INTO alarm_trail (alarm_id, device_id, lat, lon, acc, fix_at, source) VALUES ($1, 'aw-priv-001', 52.0907, 5.1214, 8, now(), 'press')`, [rows[0]!.id]);
    await stack.admin.query(`INSERT INTO alarm_events (alarm_id, change, actor) VALUES ($1, 'opened', 'device')`, [rows[0]!.id]);
    operator = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], displayName: 'Agent Pieter Bos' });
    await stack.admin.query(`INSERT INTO alarm_events (alarm_id, change, actor, actor_user_id, payload) VALUES ($1, 'acknowledged', 'Agent Pieter Bos', $2, '{"note":"Pieter Bos belt"}')`, [
      rows[0]!.id,
      operator.issued.user.id,
    ]);
    await stack.admin.query(
      `INSERT INTO access_log (user_id, username, organisation, role, action, subject_type, subject_id, client_id, reason, ip)
       VALUES ($1, $2, 'police', 'police_operator', 'read', 'alarm', $3, $4, 'active alarm ' || $3, '198.51.100.23')`,
      [operator.issued.user.id, operator.username, rows[0]!.id, sanne.clientId],
    );
    await stack.admin.query(
      `INSERT INTO telemetry (time, device_id, seq, battery, charging, rssi, firmware, lat, lon, acc) VALUES (now(), 'aw-priv-001', 1, 88, false, -70, '1.0.0', 52.0911, 5.1202, 12)`,
    );
    eva = await filed(c, initialContent({ name: 'Eva Smit', perpetrator: 'Kees Bakker' }));
  });
  afterAll(() => stack?.stop());

  it('records every dossier read in the access log: who, when, what, which role, why; other reads need a reason', async () => {
    const colleague = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    expect((await c.caseWorker.client.get(`/api/applications/${sanne.id}`)).status).toBe(200);
    expect((await c.members.police.client.get(`/api/applications/${sanne.id}`)).status).toBe(200);
    expect((await c.caseWorker.client.get(`/api/dossiers/${sanne.clientId}`)).status).toBe(200);
    expect((await colleague.client.get(`/api/dossiers/${sanne.clientId}`)).body).toMatchObject({ code: 'CSW_ERR_REASON_REQUIRED' });
    expect((await colleague.client.get(`/api/dossiers/${sanne.clientId}?reason=${encodeURIComponent('vervanging tijdens verlof')}`)).status).toBe(200);
    expect((await c.privacyOfficer.client.get(`/api/dossiers/${sanne.clientId}`)).status).toBe(400);
    const inzage = await request(sanne.clientId, 'inzage');
    expect((await c.privacyOfficer.client.get(`/api/dossiers/${sanne.clientId}?request=${inzage.id}`)).status).toBe(200);

    // (the control room's read of her alarm, made in the set-up, is not one of these)
    const reads = (await log(sanne.clientId)).filter((e) => e.action === 'read' && e.subjectType !== 'alarm').reverse();
    expect(reads.map((e) => [e.username, e.role, e.subjectType, e.reason])).toEqual([
      [c.caseWorker.username, 'vt_caseworker', 'application', `case work: application ${sanne.id}`],
      [c.members.police.username, 'commissie_member', 'application', `commissie review of application ${sanne.id}`],
      [c.caseWorker.username, 'vt_caseworker', 'dossier', 'case work: own client'],
      [colleague.username, 'vt_caseworker', 'dossier', 'vervanging tijdens verlof'],
      [c.privacyOfficer.username, 'privacy_officer', 'dossier', `privacy request ${inzage.id}`],
    ]);
    expect(reads.every((e) => e.clientId === sanne.clientId && e.ip === '127.0.0.1' && Date.parse(e.at) > Date.now() - 60_000)).toBe(true);
    expect((await c.caseWorker.client.get('/api/privacy/access-log')).status).toBe(403);
  });

  it("keeps an alarm's positions out of the dossier staff read: only the client's own copy holds them", async () => {
    const colleague = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    for (const read of [
      () => c.caseWorker.client.get<DossierDocument>(`/api/dossiers/${sanne.clientId}`),
      () => colleague.client.get<DossierDocument>(`/api/dossiers/${sanne.clientId}?reason=check`),
    ]) {
      const answer = await read();
      expect(answer.status).toBe(200);
      expect(answer.body.alarms[0]).toMatchObject({ trail: null, trailPoints: 1, outcome: null });
      expect(JSON.stringify(answer.body.alarms)).not.toMatch(/52\.09|5\.12/);
    }
  });

  it("shows a privacy officer the access log of her own region only, not another region's clients", async () => {
    const amsterdam = await person(stack, { organisation: 'veilig_thuis', region: 'amsterdam-amstelland', roles: ['privacy_officer'] });
    const everything = await amsterdam.client.get<AccessLogPage>('/api/privacy/access-log?limit=1000');
    expect(everything.status).toBe(200);
    expect(everything.body.entries.filter((e) => e.clientId === sanne.clientId)).toEqual([]);
    const asked = await amsterdam.client.get<AccessLogPage>(`/api/privacy/access-log?clientId=${sanne.clientId}&limit=1000`);
    expect(asked.body.entries).toEqual([]);
    // the Utrecht officer still sees them
    expect((await log(sanne.clientId)).length).toBeGreaterThan(0);
  });

  it('gives the client a complete copy of the data about her, as JSON and as a printable page, and nothing about other people', async () => {
    const r = await request(sanne.clientId, 'inzage');
    const json = await c.privacyOfficer.client.get<DossierDocument>(`/api/privacy/requests/${r.id}/export`);
    expect(json.status).toBe(200);
    const doc = json.body;
    const text = JSON.stringify(doc);
    // Everything about her.
    expect(doc.client).toMatchObject({ name: 'Sanne de Vries', dateOfBirth: '1991-03-14', address: 'Oudegracht 12, 3511 AB Utrecht', phone: '06-12345678', photo: { mime: 'image/png', dataBase64: sanneClientPhoto } });
    expect(doc.applications[0]).toMatchObject({ id: sanne.id, status: 'approved', content: { grounds: { description: `${BLACKED_OUT} dreigde haar met een mes; hij rijdt in ${BLACKED_OUT}. Zij is bang. Besproken met ${STAFF_BLACKED_OUT}.` }, policeReferences: ['PL0900-2026123456'] } });
    expect(doc.applications[0]!.votes).toHaveLength(3);
    expect(doc.applications[0]!.decision).toMatchObject({ outcome: 'approved' });
    expect(doc.assignments[0]).toMatchObject({ deviceId: 'aw-priv-001', clientName: 'Sanne de Vries' });
    expect(doc.followUps).toHaveLength(2);
    expect(doc.alarms[0]).toMatchObject({ trail: [{ lat: 52.0907, lon: 5.1214 }], events: [{ change: 'opened' }, { change: 'acknowledged' }] });
    expect(doc.telemetry).toEqual([expect.objectContaining({ lat: 52.0911, battery: 88 })]);
    expect(doc.privacyRequests.map((p) => p.id)).toContain(r.id);
    expect(text).toContain('dreigde haar met een mes');
    // Nothing about the perpetrator (withheld, and blacked out where free text named him), nor about Eva.
    expect(doc.perpetrators).toMatchObject({ withheld: true, count: 1 });
    expect(doc.applications[0]!.content).toMatchObject({ perpetrators: { withheld: true } });
    for (const other of ['Mark', 'Jansen', 'XX-123-Y', 'VW Golf', 'zwarte leren jas', perpetratorPhoto, 'Eva Smit', 'Kees Bakker', eva.clientId, eva.id]) {
      expect(text, other).not.toContain(other);
    }
    expect(text).toContain('[gegevens over een ander weggelaten] dreigde haar');
    // The risk assessments are about him (and may hold police information): withheld whole, with the reason.
    expect(text).not.toMatch(/wapenbezit|gewelddadig/);
    expect(doc.client.riskNotes).toMatchObject({ withheld: true, reason: expect.stringMatching(/risico-inschatting/) });
    expect(doc.applications[0]!.content).toMatchObject({ riskSummary: { withheld: true } });
    // Staff by function and organisation only: no names, user names, user ids or addresses.
    const staff = [c.caseWorker, c.members.police, c.members.moviera, c.members.veilig_thuis, c.deviceAdmin, c.privacyOfficer, operator];
    for (const s of staff) for (const trace of [s.username, s.issued.user.id]) expect(text, trace).not.toContain(trace);
    for (const name of ['Casemanager Utrecht', 'Agent Pieter Bos']) expect(text, name).not.toContain(name);
    expect(text).not.toContain('198.51.100.23');
    expect(text).not.toContain('Pieter Bos');
    expect(doc.applications[0]!.createdBy).toEqual({ id: null, displayName: 'Casemanager Veilig Thuis' });
    expect(doc.applications[0]!.votes.map((v) => v.voter.displayName).sort()).toEqual(['Lid indicatiecommissie (Moviera)', 'Lid indicatiecommissie (Politie)', 'Lid indicatiecommissie (Veilig Thuis)']);
    expect(doc.alarms[0]!.events[1]).toMatchObject({ change: 'acknowledged', actor: 'Meldkamer politie', actorId: null });
    expect(doc.accessLog!.find((e) => e.role === 'police_operator')).toMatchObject({ username: 'Meldkamer politie', userId: null, ip: null, organisation: 'police' });
    expect(doc.accessLog!.some((e) => e.username === 'Casemanager Veilig Thuis')).toBe(true);
    expect(doc.notice).toMatch(/functie en organisatie/);

    const html = await c.privacyOfficer.client.get<string>(`/api/privacy/requests/${r.id}/export?format=html`);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'nonce-[^']+'/);
    expect(html.body).toContain('Sanne de Vries');
    expect(html.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.body).not.toContain('<script>');
    // something a client can read: field names in Dutch, codes in words, Amsterdam times, no internal ids
    expect(html.body).toContain('Uitgereikt');
    expect(html.body).toContain('toegekend');
    expect(html.body).toMatch(/\d\d-\d\d-\d{4},? \d\d:\d\d/);
    for (const raw of ['handedOverAt', 'police_on_scene', 'acknowledgedAt', 'subjectId', sanne.clientId]) expect(html.body, raw).not.toContain(raw);
    expect(html.body).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    // regions by name, as the client knows them
    expect(html.body).toContain('<dt>Woonregio</dt><dd><span class="v">Utrecht</span></dd>');
    expect(html.body).not.toMatch(/<span class="v">utrecht<\/span>/);
    for (const other of ['Jansen', 'XX-123-Y', 'Eva Smit', 'wapenbezit', 'Pieter Bos', c.caseWorker.username]) expect(html.body).not.toContain(other);
    expect((await log(sanne.clientId)).filter((e) => e.action === 'export').map((e) => e.reason)).toEqual([`inzage request ${r.id} (html)`, `inzage request ${r.id} (json)`]);
  });

  it('corrects a wrong value with its history, in the record and in the application that carries it', async () => {
    const r = await request(sanne.clientId, 'correction', { details: 'telefoonnummer klopt niet' });
    const corrected = await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/corrections`, {
      subjectType: 'client',
      subjectId: sanne.clientId,
      field: 'phone',
      value: '06-87654321',
      reason: 'cliënte heeft een nieuw nummer',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(204);
    const dossier = await c.caseWorker.client.get<DossierDocument>(`/api/dossiers/${sanne.clientId}`);
    expect(dossier.body.client.phone).toBe('06-87654321');
    expect(dossier.body.corrections).toEqual([expect.objectContaining({ field: 'phone', oldValue: '06-12345678', newValue: '06-87654321', reason: 'cliënte heeft een nieuw nummer' })]);
    const app = dossier.body.applications.find((a) => a.id === sanne.id)!;
    expect(app.content).toMatchObject({ client: { phone: '06-87654321' } });
    expect(app.amendments.at(-1)).toMatchObject({ reason: expect.stringContaining('cliënte heeft een nieuw nummer'), previousContent: { client: { phone: '06-12345678' } } });
    // the request says what was done, also once it is closed
    await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/close`, { status: 'completed', outcomeReason: 'nummer aangepast' });
    const detail = await c.privacyOfficer.client.get<PrivacyRequestDetail>(`/api/privacy/requests/${r.id}`);
    expect(detail.body).toMatchObject({ status: 'completed', outcomeReason: 'nummer aangepast' });
    expect(detail.body.changes).toEqual([
      expect.objectContaining({ kind: 'correction', subjectType: 'client', subjectName: 'Sanne de Vries', field: 'phone', oldValue: '06-12345678', newValue: '06-87654321', reason: 'cliënte heeft een nieuw nummer' }),
    ]);
    // a closed request no longer opens the dossier: the refusal says so, and a reason of her own does
    const closedRead = await c.privacyOfficer.client.get(`/api/dossiers/${sanne.clientId}?request=${r.id}`);
    expect(closedRead.status).toBe(400);
    expect(closedRead.body).toMatchObject({ code: 'CSW_ERR_REASON_REQUIRED', message: expect.stringContaining(`privacy request ${r.id} (completed) is closed`) });
    const reasoned = await c.privacyOfficer.client.get<DossierDocument>(`/api/dossiers/${sanne.clientId}?request=${r.id}&reason=${encodeURIComponent('klacht van cliënte over de correctie')}`);
    expect(reasoned.status).toBe(200);
    expect(reasoned.body.client.phone).toBe('06-87654321');
    expect((await log(sanne.clientId)).filter((e) => e.action === 'read' && e.username === c.privacyOfficer.username).at(0)?.reason).toBe(
      `privacy request ${r.id} (completed); klacht van cliënte over de correctie`,
    );
  });

  it('freezes a disputed record until the restriction is lifted', async () => {
    const r = await request(sanne.clientId, 'restriction', { details: 'cliënte betwist het adres' });
    const record = { subjectType: 'client', subjectId: sanne.clientId, reason: 'adres betwist' };
    expect((await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/restrict`, record)).status).toBe(204);
    const current = (await c.caseWorker.client.get<ApplicationView>(`/api/applications/${sanne.id}`)).body;
    expect(current.restricted).toBe(true);
    const amend = { content: { ...current.content, client: { ...(current.content as { client: object }).client, address: 'Elders 1, Utrecht' } }, reason: 'verhuisd' };
    expect((await c.caseWorker.client.post(`/api/applications/${sanne.id}/amendments`, amend)).body).toMatchObject({ code: 'CSW_ERR_RECORD_RESTRICTED' });
    await expect(stack.pool.query(`UPDATE clients SET address = 'x' WHERE id = $1`, [sanne.clientId])).rejects.toThrow(/restricted/);
    expect((await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/lift`, record)).status).toBe(204);
    const changes = (await c.privacyOfficer.client.get<PrivacyRequestDetail>(`/api/privacy/requests/${r.id}`)).body.changes;
    expect(changes.map((x) => [x.kind, x.reason])).toEqual([['restrict', 'adres betwist'], ['lift', 'adres betwist']]);
    expect((await c.caseWorker.client.post<ApplicationView>(`/api/applications/${sanne.id}/amendments`, amend)).body.restricted).toBe(false);
  });

  it('keeps a restriction after its request is closed, shows it on the request, and lifts it under that request once the dispute is settled', async () => {
    const r = await request(sanne.clientId, 'restriction', { details: 'cliënte betwist het telefoonnummer' });
    const record = { subjectType: 'client', subjectId: sanne.clientId, reason: 'telefoonnummer betwist' };
    expect((await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/restrict`, record)).status).toBe(204);
    await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/close`, { status: 'completed', outcomeReason: 'beperkt tot de politie het nummer heeft nagekeken' });
    const detail = async () => (await c.privacyOfficer.client.get<PrivacyRequestDetail>(`/api/privacy/requests/${r.id}`)).body;
    expect((await detail()).restricted).toEqual([expect.objectContaining({ subjectType: 'client', subjectId: sanne.clientId, subjectName: 'Sanne de Vries', reason: 'telefoonnummer betwist' })]);
    // closed: no new restriction under it, but the one it set can be lifted
    expect((await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/restrict`, record)).body).toMatchObject({ code: 'CSW_ERR_PRIVACY_REQUEST_STATE' });
    expect((await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/lift`, { ...record, reason: 'nummer bevestigd door de politie' })).status).toBe(204);
    const after = await detail();
    expect(after).toMatchObject({ status: 'completed', restricted: [] });
    expect(after.changes.map((x) => [x.kind, x.reason])).toEqual([['restrict', 'telefoonnummer betwist'], ['lift', 'nummer bevestigd door de politie']]);
    expect((await c.caseWorker.client.get<ApplicationView>(`/api/applications/${sanne.id}`)).body.restricted).toBe(false);
  });

  it('carries out a deletion request unless the legal retention or another person\'s interest forbids it, and says why', async () => {
    const cw = c.caseWorker.client;
    const onlyDraft = await cw.post<ApplicationView>('/api/applications', { content: initialContent({ name: 'Alleen Concept' }) });
    const d1 = await request(onlyDraft.body.clientId, 'deletion');
    const done = await c.privacyOfficer.client.post<DeletionOutcome>(`/api/privacy/requests/${d1.id}/deletion`, { otherInterest: null });
    expect(done.body).toMatchObject({ carriedOut: true, request: { status: 'completed', clientId: null } });
    expect((await stack.admin.query(`SELECT 1 FROM clients WHERE id = $1`, [onlyDraft.body.clientId])).rowCount).toBe(0);

    const d2 = await request(sanne.clientId, 'deletion');
    const kept = await c.privacyOfficer.client.post<DeletionOutcome>(`/api/privacy/requests/${d2.id}/deletion`, { otherInterest: null });
    expect(kept.body).toMatchObject({ carriedOut: false, request: { status: 'refused' } });
    expect(kept.body.reason).toMatch(/wettelijke bewaarplicht.*20 jaar na afsluiting/);

    const d3 = await request(sanne.clientId, 'deletion', { deletionScope: 'photo' });
    const other = await c.privacyOfficer.client.post<DeletionOutcome>(`/api/privacy/requests/${d3.id}/deletion`, { otherInterest: 'lopend strafrechtelijk onderzoek (OM)' });
    expect(other.body).toMatchObject({ carriedOut: false, reason: 'belang van een ander weegt zwaarder: lopend strafrechtelijk onderzoek (OM)' });
    const d4 = await request(sanne.clientId, 'deletion', { deletionScope: 'photo' });
    expect((await c.privacyOfficer.client.post<DeletionOutcome>(`/api/privacy/requests/${d4.id}/deletion`, { otherInterest: null })).body.carriedOut).toBe(true);
    expect((await stack.admin.query(`SELECT photo IS NULL AS gone FROM clients WHERE id = $1`, [sanne.clientId])).rows[0]).toEqual({ gone: true });
  });

  it('purges a closed dossier once its retention term has passed', async () => {
    const cw = c.caseWorker.client;
    const a = { body: await filed(c, initialContent({ name: 'Oud Dossier' })) };
    expect((await cw.post(`/api/applications/${a.body.id}/withdraw`)).status).toBe(200);
    const closed = await cw.post<{ retainUntil: string }>(`/api/dossiers/${a.body.clientId}/close`, { reason: 'aanvraag ingetrokken, geen zorgen meer' });
    expect(closed.body.retainUntil).toBe(`${Number(todayInAmsterdam().slice(0, 4)) + 20}${todayInAmsterdam().slice(4)}`);
    expect((await cw.post(`/api/dossiers/${sanne.clientId}/close`, { reason: 'klaar' })).body).toMatchObject({ code: 'CSW_ERR_DOSSIER_OPEN' });
    const run = async () => (await c.privacyOfficer.client.post<{ purged: number }>('/api/privacy/retention/run')).body.purged;
    expect(await run()).toBe(0);
    await stack.admin.query(`UPDATE clients SET closed_at = now() - interval '21 years', retain_until = current_date - 365 WHERE id = $1`, [a.body.clientId]);
    expect(await run()).toBe(1);
    expect((await stack.admin.query(`SELECT 1 FROM applications WHERE client_id = $1`, [a.body.clientId])).rowCount).toBe(0);
    expect((await log(a.body.clientId)).map((e) => [e.username, e.action])).toContainEqual(['system', 'purge']);
  });

  it('sets reply due dates of one month, two more once for a complex copy, and checks who may ask', async () => {
    const r = await request(sanne.clientId, 'inzage');
    const month = new Date(r.receivedAt);
    month.setUTCMonth(month.getUTCMonth() + 1);
    expect(Math.abs(Date.parse(r.dueAt) - month.getTime())).toBeLessThan(2 * 3_600_000);
    const extended = await c.privacyOfficer.client.post<PrivacyRequestView>(`/api/privacy/requests/${r.id}/extend`, { reason: 'omvangrijk dossier met alarmhistorie' });
    expect(Date.parse(extended.body.extendedDueAt!) - Date.parse(r.dueAt)).toBeGreaterThan(58 * 86_400_000);
    expect((await c.privacyOfficer.client.post(`/api/privacy/requests/${r.id}/extend`, { reason: 'nog eens' })).body).toMatchObject({ code: 'CSW_ERR_PRIVACY_REQUEST_STATE' });
    const parent = await c.privacyOfficer.client.post('/api/privacy/requests', { clientId: sanne.clientId, kind: 'inzage', requesterName: 'Moeder', requesterCapacity: 'parent_with_authority' });
    expect(parent).toMatchObject({ status: 403, body: { code: 'CSW_ERR_REQUESTER_NOT_ENTITLED' } });
  });

  it('cannot change or remove access log entries through the application\'s database role', async () => {
    const client = await stack.admin.connect();
    try {
      await client.query('SET ROLE aware_app');
      for (const sql of ["UPDATE access_log SET reason = 'overwritten'", "DELETE FROM access_log WHERE reason <> 'overwritten'", 'TRUNCATE access_log']) {
        await expect(client.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
      expect((await client.query(`SELECT count(*)::int AS n FROM access_log WHERE reason = 'overwritten'`)).rows[0]).toEqual({ n: 0 });
    } finally {
      await client.query('RESET ROLE').catch(() => undefined);
      client.release();
    }
  });
});
