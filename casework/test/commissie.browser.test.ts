import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pendant, readCredentials } from '@aware/firmware-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, signInWithCode } from '../../dashboard/test/helpers/browser.js';
import { buildSpa } from '../../dashboard/test/helpers/build-spa.js';
import { initialContent } from './commissie-fixtures.js';
import { person, type Person } from '../../dashboard/test/helpers/people.js';
import { startStack, type Stack } from '../../dashboard/test/helpers/stack.js';

// Each run writes here (not committed); test/screenshots/*.png are copies kept for review.
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dashboard', 'test', 'screenshots', 'latest');
const CLIENT = { name: 'Fatima El Amrani', address: 'Kanaalweg 40, 3526 KM Utrecht', phone: '06-55501234' };

/**
 * The commissie workflow in real Chromium against the real broker, dispatch and dashboard: a case worker
 * files an application, the three member organisations vote, a device administrator issues a pendant and
 * sees its secret once; a simulated pendant with exactly those credentials presses, and the police board
 * shows that client's dossier card.
 */
describe.runIf(browserTestsEnabled())('the commissie workflow in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let spaDir: string;
  let pendant: Pendant | undefined;
  let applicationUrl = '';
  let issued = { deviceId: '', secret: '' };

  beforeAll(async () => {
    spaDir = await buildSpa();
    // a test deployment (as `npm start`): a new secret can also be taken as a simulator file
    stack = await startStack({ staticDir: spaDir, dashboardEnv: { DASHBOARD_TEST_DEPLOYMENT: 'true' } });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await pendant?.stop();
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  /** A fresh browser context (its own cookies), signed in with password and code. */
  const signedIn = async (p: Person): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    await signInWithCode(page, stack.baseUrl, p);
    return page;
  };
  const someone = (organisation: 'police' | 'moviera' | 'veilig_thuis', roles: Parameters<typeof person>[1]['roles'], displayName: string) =>
    person(stack, { organisation, region: 'utrecht', roles, displayName, signIn: false });

  it('lets a case worker file an application, with its eligibility shown while it is filled in', async () => {
    const page = await signedIn(await someone('veilig_thuis', ['vt_caseworker'], 'Casemanager J. de Wit'));
    await page.getByRole('link', { name: 'Aanvragen', exact: true }).click();
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    await page.getByLabel('Naam', { exact: true }).fill(CLIENT.name);
    await expect.poll(() => page.getByRole('region', { name: 'Voorwaarden' }).textContent()).toContain('niet voldaan');
    await page.getByLabel('Geboortedatum').fill('1986-09-23');
    await page.getByLabel('Adres', { exact: true }).fill(CLIENT.address);
    await page.getByLabel('Telefoon').fill(CLIENT.phone);
    await page.getByLabel('Woont in regio').selectOption('utrecht');
    await page.getByLabel('Naam pleger').fill('Youssef Haddad');
    await page.getByLabel('Relatie tot cliënt').fill('ex-partner');
    await page.getByLabel('Signalement').fill('1.80 m, baard, grijze trainingsjas');
    await page.getByLabel('Voertuig en kenteken').fill('zwarte Audi A3, 12-ABC-3');
    await page.getByLabel('Stalking').check();
    await page.getByLabel('Bedreiging').check();
    await page.getByLabel('Cliënt heeft een reële angst opnieuw slachtoffer te worden').check();
    await page.getByLabel('van dezelfde pleger').check();
    await page.getByLabel('Onderbouwing').fill('Hij staat sinds de scheiding geregeld bij haar werk.');
    // too much is never cut: a 10,000-character paste and 200 registrations stay as pasted, are said to be
    // too long / too many, and hold the draft back until they are fixed
    const pasted = `${'Hij belt haar elke avond en wacht haar op bij het station. '.repeat(170)}`.slice(0, 10_000);
    await page.getByLabel(/Risico-samenvatting/).fill(pasted);
    await page.getByLabel(/Politieregistraties/).fill(Array.from({ length: 200 }, (_, i) => `PL0900-2026-${String(i).padStart(5, '0')}`).join('\n'));
    await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual([
      'Te lang: 10000 tekens, hoogstens 4000. Er is niets afgekapt; kort de tekst in.',
      '200 regels, hoogstens 10. Er is niets weggelaten; haal er regels af.',
    ]);
    expect((await page.getByLabel(/Risico-samenvatting/).inputValue()).length).toBe(10_000);
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    expect(page.url()).toMatch(/\/applications\/new$/);
    await page.getByLabel(/Risico-samenvatting/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-limits.png') });
    await page.getByLabel(/Politieregistraties/).fill('PL0900-2026-00001\nPL0900-2026-00002');
    await page.getByLabel(/Risico-samenvatting/).fill('Dreigt haar iets aan te doen; eerder geweld gemeld bij de politie.');
    await expect.poll(() => page.locator('.field-error').count()).toBe(0);
    // what only the server checks (a control character pasted from another program) comes back next to
    // its field and in the summary, in Dutch, and goes once the field is edited
    await page.getByLabel('Telefoon').fill(`${CLIENT.phone}\u000b`);
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect.poll(() => page.locator('.field-error.server').allTextContents()).toEqual(['bevat tekens die niet zijn toegestaan']);
    expect(await page.locator('label', { has: page.locator('.field-error.server') }).textContent()).toContain('Telefoon');
    expect(await page.locator('.error[role=alert]').textContent()).toContain('Telefoon: bevat tekens die niet zijn toegestaan');
    expect(page.url()).toMatch(/\/applications\/new$/);
    await page.getByLabel('Naam', { exact: true }).scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, -80)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-server-refusal.png') });
    await page.getByLabel('Telefoon').fill(CLIENT.phone);
    await expect.poll(() => page.locator('.field-error.server').count()).toBe(0);
    await expect.poll(() => page.getByRole('region', { name: 'Voorwaarden' }).textContent()).toContain('Voorwaarden: voldaan');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-application-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationUrl = page.url();
    await expect.poll(() => page.locator('main').textContent()).toContain('concept van Casemanager J. de Wit');
    expect(await page.locator('main').textContent()).not.toContain('ingediend door');
    await page.getByRole('button', { name: 'Indienen bij de commissie' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Indienen bij de commissie' }).click();
    await expect.poll(() => page.locator('.badge.app-status').textContent()).toBe('Ingediend');
    await expect.poll(() => page.locator('main').textContent()).toContain('ingediend door Casemanager J. de Wit');
    await page.context().close();
  });

  it('keeps the commissie list current without a reload, and shows a filed application with each heading once', async () => {
    const member = await signedIn(await someone('moviera', ['commissie_member'], 'M. de Boer (Moviera)'));
    await member.getByRole('link', { name: 'Indicatiecommissie' }).click();
    await member.getByRole('link', { name: CLIENT.name }).first().waitFor();
    await member.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const caseWorker = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    const draft = await caseWorker.client.post<{ id: string }>('/api/applications', { content: initialContent({ name: 'Noor van Dijk', perpetrator: 'Bram Kok' }) });
    await caseWorker.client.post(`/api/applications/${draft.body.id}/submit`);
    await member.getByRole('link', { name: 'Noor van Dijk' }).waitFor({ timeout: 15_000 });
    expect(await member.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await member.getByRole('link', { name: 'Noor van Dijk' }).click();
    await member.getByRole('heading', { name: 'Pleger', exact: true }).waitFor();
    expect(await member.getByText('Naam pleger', { exact: true }).count()).toBe(1);
    await member.context().close();
  });

  it('lets the three member organisations vote, and records the decision', async () => {
    for (const [org, name] of [['police', 'Inspecteur A. Visser'], ['moviera', 'M. Jansen (Moviera)'], ['veilig_thuis', 'S. Bos (Veilig Thuis)']] as const) {
      const page = await signedIn(await someone(org, ['commissie_member'], name));
      await page.getByRole('link', { name: CLIENT.name }).first().click();
      await page.waitForURL(applicationUrl);
      await page.getByLabel('Toekennen').check();
      if (org === 'police') {
        // a control character pasted along: the server refuses, and says so by the field's own name
        await page.getByLabel('Motivering').fill(`${name}: voldoet\u0007`);
        await page.getByRole('button', { name: 'Stem uitbrengen' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Ja, stem uitbrengen' }).click();
        await expect.poll(() => page.locator('.error[role=alert]').textContent()).toContain('Motivering: bevat tekens die niet zijn toegestaan');
      }
      await page.getByLabel('Motivering').fill(`${name}: voldoet aan de voorwaarden, reële dreiging.`);
      await page.getByRole('button', { name: 'Stem uitbrengen' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Ja, stem uitbrengen' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Stemmen' }).textContent()).toContain(name);
      if (org === 'veilig_thuis') {
        await expect.poll(() => page.getByRole('status').filter({ hasText: 'Besluit' }).textContent()).toContain('Besluit: Toegekend');
        expect(await page.content()).not.toMatch(/52\.\d{3,}|lastFix/);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-decision.png'), fullPage: true });
      }
      await page.context().close();
    }
  });

  it('lets a device administrator on a fresh platform register a delivery of pendants, with their secrets once as a CSV for the supplier', async () => {
    const page = await signedIn(await someone('veilig_thuis', ['device_admin'], 'Beheer hangers'));
    await page.getByRole('link', { name: 'Uitgifte' }).click();
    const applicationId = applicationUrl.split('/').pop()!;
    // nothing in stock: the issue button is off, and the page says why and what to do
    await page.getByRole('heading', { name: 'Voorraad (0)' }).waitFor();
    const issue = page.locator(`tr[data-application="${applicationId}"]`).getByRole('button', { name: 'Uitgeven' });
    expect(await issue.isDisabled()).toBe(true);
    expect(await issue.getAttribute('title')).toContain('registreer eerst hangers');
    expect(await page.locator('#issue-no-stock').textContent()).toContain('Uitgeven kan pas als er hangers op voorraad zijn');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'devices-no-stock.png'), fullPage: true });

    await page.getByRole('button', { name: 'Hangers registreren' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel("Hanger-id's").fill('serienummer,regio\nAW-DEMO-0007,utrecht\naw-demo-0008\nAW DEMO 9');
    await expect.poll(() => dialog.locator('.register-problems').textContent()).toContain('Regel 4: "AW DEMO 9" is geen hanger-id');
    expect(await dialog.getByRole('button', { name: /registreren/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'devices-register-dialog.png') });
    await dialog.getByLabel("Hanger-id's").fill('serienummer,regio\nAW-DEMO-0007,utrecht\naw-demo-0008');
    await dialog.getByRole('button', { name: '2 registreren' }).click();
    const secrets = page.getByRole('alert', { name: /Geheimen van 2 nieuwe hangers/ });
    await secrets.waitFor();
    expect(await secrets.locator('tbody tr').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), secrets.getByRole('button', { name: 'CSV downloaden' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('id,secret');
    expect(csv).toMatch(/^aw-demo-0007,\S{20,}$/m);
    expect(csv).toMatch(/^aw-demo-0008,\S{20,}$/m);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'devices-registered-secrets.png'), fullPage: true });
    await secrets.getByRole('button', { name: 'Ingesteld, sluiten' }).click();
    await page.getByRole('heading', { name: 'Voorraad (2)' }).waitFor();
    // shown once: not on the page after a reload
    await page.reload();
    await page.getByRole('heading', { name: 'Voorraad (2)' }).waitFor();
    expect(await page.content()).not.toContain(csv.split('\n')[1]!.split(',')[1]!);
    // a second delivery that repeats a pendant: refused whole, naming the pendant the server already has
    await page.getByRole('button', { name: 'Hangers registreren' }).click();
    await dialog.getByLabel("Hanger-id's").fill('aw-demo-0009\naw-demo-0008');
    await dialog.getByRole('button', { name: '2 registreren' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Al geregistreerd: aw-demo-0008.');
    expect(await dialog.getByRole('alert').textContent()).not.toContain('aw-demo-0009');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByRole('heading', { name: 'Voorraad (2)' }).waitFor();
    await page.context().close();
  });

  it('lets a device administrator issue a pendant from stock and shows its new secret once', async () => {
    const page = await signedIn(await someone('veilig_thuis', ['device_admin'], 'Beheer hangers'));
    await page.getByRole('link', { name: 'Uitgifte' }).click();
    const applicationId = applicationUrl.split('/').pop()!;
    await page.locator(`tr[data-application="${applicationId}"]`).getByRole('button', { name: 'Uitgeven' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Hanger').selectOption('aw-demo-0007');
    await dialog.getByRole('button', { name: 'Uitgeven' }).click();
    const secretBox = page.getByRole('alert', { name: /Nieuw geheim/ });
    issued = { deviceId: (await secretBox.getByTestId('issued-device').textContent())!.trim(), secret: (await secretBox.getByTestId('issued-secret').textContent())!.trim() };
    expect(issued.deviceId).toBe('aw-demo-0007');
    expect(issued.secret.length).toBeGreaterThan(20);
    expect(await page.content()).not.toContain(CLIENT.name);
    // the tester's way to the new secret: the simulator's own credentials file, read by the simulator's own reader
    const [download] = await Promise.all([page.waitForEvent('download'), secretBox.getByRole('button', { name: 'Simulatorbestand downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe('sim-credentials-aw-demo-0007.json');
    expect(await readCredentials((await download.path())!)).toEqual([{ id: issued.deviceId, secret: issued.secret }]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-issue-secret-once.png'), fullPage: true });
    // one date rule: the period's last day (inclusive) is the same on every page that shows it
    const lastDay = (await secretBox.textContent())!.match(/\d\d-\d\d-\d{4} – (\d\d-\d\d-\d{4})/)![1]!;
    await page.getByRole('button', { name: 'Ingesteld, sluiten' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'In gebruik' }).waitFor();
    expect(await page.content()).not.toContain(issued.secret);
    expect(await page.locator('table.assignments tr', { hasText: 'aw-demo-0007' }).textContent()).toContain(lastDay);
    await page.getByRole('link', { name: 'Hangers', exact: true }).click();
    await expect.poll(() => page.locator('tr', { hasText: 'aw-demo-0007' }).first().textContent()).toContain(`t/m ${lastDay}`);
    await page.getByRole('link', { name: 'Agenda' }).click();
    // three months out: not within the agenda's default 60 days, and it says so instead of "no pendants in use"
    await expect.poll(() => page.locator('main').textContent()).toContain('Geen hanger in gebruik met een einddatum binnen 60 dagen.');
    await page.getByLabel('Einddatum binnen').selectOption('180');
    await expect.poll(() => page.locator('table.assignments tr', { hasText: 'aw-demo-0007' }).textContent()).toContain(lastDay);
    await page.context().close();
  });

  it('shows that client\'s dossier card on the control-room board when the issued pendant is pressed', async () => {
    pendant = new Pendant({ id: issued.deviceId, secret: issued.secret, url: stack.mqttUrl, home: { lat: 52.0802, lon: 5.1101 }, seed: 3, locIntervalS: 1, hbIntervalS: 30 });
    await new Promise<void>((resolve) => {
      pendant!.once('connected', () => resolve());
      pendant!.start();
    });
    const page = await signedIn(await someone('police', ['police_operator'], 'Meldkamer P. Smit'));
    await expect.poll(() => page.locator('[data-connection]').getAttribute('data-connection'), { timeout: 10_000 }).toBe('live');
    pendant.press();
    const card = page.locator('.alarm-card', { hasText: issued.deviceId });
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(() => card.textContent()).toContain(CLIENT.name);
    expect(await card.textContent()).toContain(CLIENT.address);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-board-dossier-card.png') });
    await page.context().close();
  });

  /** A privacy officer, signed in, who registers a request of `kind` from the client herself and is on its page. */
  const registeredRequest = async (kind: 'inzage' | 'correction' | 'restriction' = 'inzage') => {
    const officer = await person(stack, { organisation: 'veilig_thuis', region: null, roles: ['privacy_officer'], displayName: 'Functionaris Gegevensbescherming', signIn: false });
    const page = await signedIn(officer);
    await page.getByRole('link', { name: 'Privacyverzoeken' }).click();
    if (kind !== 'inzage') await page.getByLabel('Soort').selectOption(kind);
    await page.getByLabel('Cliënt zoeken op naam').fill('Amrani');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByLabel(new RegExp(CLIENT.name)).check();
    await page.getByLabel('Aanvrager', { exact: true }).fill(CLIENT.name);
    await page.getByRole('button', { name: 'Verzoek registreren' }).click();
    await page.waitForURL(/\/privacy\/requests\/\d+$/);
    return { officer, page };
  };

  it('lets a privacy officer register an inzage request, print the client\'s copy without the perpetrator, and read the access log', async () => {
    const { officer, page } = await registeredRequest();
    const [copy] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Afdrukbare kopie' }).click()]);
    await copy.waitForLoadState();
    const printable = (await copy.textContent('body')) ?? '';
    expect(printable).toContain(CLIENT.name);
    expect(printable).toContain(CLIENT.address);
    for (const other of ['Youssef', 'Haddad', '12-ABC-3', 'grijze trainingsjas']) expect(printable).not.toContain(other);
    await copy.screenshot({ path: path.join(SCREENSHOTS, 'commissie-inzage-printable.png') });
    await page.getByRole('link', { name: 'Toegangslog' }).click();
    await page.getByLabel('Handeling').fill('export');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => page.locator('table.access-log').textContent()).toContain(officer.username);
    await page.getByLabel('Handeling').fill('');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => page.locator('table.access-log tbody tr').count()).toBeGreaterThan(5);
    // in words a privacy officer reads: names, roles, actions and reasons in Dutch, not codes and ids
    const police = page.locator('table.access-log tbody tr', { hasText: 'Meldkamer P. Smit' }).first();
    await expect.poll(() => police.textContent()).toContain('Meldkamer politie');
    const row = (await police.textContent())!;
    expect(row).toContain('Ingezien');
    expect(row).toContain(CLIENT.name);
    expect(row).toContain('Open alarm op de meldkamer');
    const table = (await page.locator('table.access-log').textContent())!;
    for (const code of ['police_operator', 'vt_caseworker', 'active alarm', 'case work:']) expect(table).not.toContain(code);
    expect(table).toContain('Functionaris Gegevensbescherming');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'commissie-access-log.png') });
    await page.context().close();
  });

  it('lets a privacy officer correct a record only after a confirmation that shows old and new, and keeps what was done on the request', async () => {
    const { officer, page } = await registeredRequest('correction');
    await expect.poll(() => page.locator('.request-changes').textContent()).toContain('Nog niets gewijzigd');
    await page.getByLabel('Veld').selectOption('phone');
    await page.getByLabel('Juiste waarde').fill('06-99988877');
    await page.getByLabel('Reden', { exact: true }).fill('cliënte heeft een nieuw nummer');
    await page.getByRole('button', { name: 'Corrigeren' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(`Nu: "${CLIENT.phone}". Wordt: "06-99988877".`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-correction-confirm.png') });
    // nothing changes until it is confirmed
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    expect(await page.locator('.request-changes').textContent()).toContain('Nog niets gewijzigd');
    await page.getByRole('button', { name: 'Corrigeren' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, uitvoeren' }).click();
    await expect.poll(() => page.locator('.request-changes').textContent()).toContain(`telefoon van ${CLIENT.name} gecorrigeerd: "${CLIENT.phone}" → "06-99988877"`);
    expect(await page.locator('.request-changes').textContent()).toContain('Functionaris Gegevensbescherming');
    await page.getByLabel('Uitkomst / antwoord').fill('Telefoonnummer gecorrigeerd; cliënte per brief geïnformeerd.');
    await page.getByRole('button', { name: 'Afgehandeld' }).click();
    await expect.poll(() => page.locator('.page-head .badge').first().textContent()).toBe('afgehandeld');
    expect(await page.locator('.request-changes').textContent()).toContain('gecorrigeerd');
    // closed, the request no longer opens the dossier; a reason of her own does (it goes to the access log)
    const again = page.locator('.dossier-with-reason');
    expect(await again.textContent()).toContain('Dit verzoek is afgesloten');
    const readButton = again.getByRole('button', { name: 'Dossier inzien' });
    expect(await readButton.isDisabled()).toBe(true);
    await again.getByLabel('Reden om het dossier in te zien').fill('klacht van cliënte over de afhandeling');
    await readButton.click();
    await expect.poll(() => again.locator('.dossier-records').textContent()).toContain('06-99988877');
    expect(await again.textContent()).toContain('Ingezien met reden "klacht van cliënte over de afhandeling"');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-request-closed.png'), fullPage: true });
    const lastRead = await stack.pool.query<{ username: string; reason: string }>(`SELECT username, reason FROM access_log WHERE action = 'read' AND subject_type = 'dossier' ORDER BY id DESC LIMIT 1`);
    expect(lastRead.rows[0]?.username).toBe(officer.username);
    expect(lastRead.rows[0]?.reason).toMatch(/^privacy request \d+ \(completed\); klacht van cliënte over de afhandeling$/);
    await page.context().close();
  });

  it('lets a privacy officer lift a restriction after its request is closed, once the dispute is settled, after a confirmation with a reason', async () => {
    const { page } = await registeredRequest('restriction');
    await page.getByLabel('Reden', { exact: true }).fill('cliënte betwist het adres');
    await page.getByRole('button', { name: 'Beperken (bevriezen)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, uitvoeren' }).click();
    await expect.poll(() => page.locator('.request-changes').textContent()).toContain(`Gegevens van ${CLIENT.name} beperkt (bevroren)`);
    await page.getByLabel('Uitkomst / antwoord').fill('Adres bevroren tot de gemeente het heeft nagekeken.');
    await page.getByRole('button', { name: 'Afgehandeld' }).click();
    await expect.poll(() => page.locator('.page-head .badge').first().textContent()).toBe('afgehandeld');
    // closed, and the record is still frozen: the page says so and offers to lift it
    const still = page.locator('.still-restricted');
    await expect.poll(() => still.textContent()).toContain(CLIENT.name);
    expect(await still.textContent()).toContain('cliënte betwist het adres');
    await still.getByRole('button', { name: 'Beperking opheffen' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('button', { name: 'Ja, uitvoeren' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Waarom de beperking nu wordt opgeheven').fill('Adres bevestigd door de gemeente');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-lift-after-close.png') });
    await dialog.getByRole('button', { name: 'Ja, uitvoeren' }).click();
    await expect.poll(() => page.locator('.request-changes').textContent()).toContain(`Beperking op gegevens van ${CLIENT.name} opgeheven`);
    expect(await still.count()).toBe(0);
    const { rows } = await stack.pool.query<{ restricted_at: Date | null }>(`SELECT restricted_at FROM clients WHERE name = $1`, [CLIENT.name]);
    expect(rows).toEqual([{ restricted_at: null }]);
    await page.context().close();
  });
});
