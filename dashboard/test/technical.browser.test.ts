import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pendant } from '@aware/firmware-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, signInWithCode } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { person, type Person } from './helpers/people.js';
import { assignedPendant, DEFAULT_DOSSIER, knownToDispatch, type TestPendant } from './helpers/pendants.js';
import { startStack, type Stack } from './helpers/stack.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');

/**
 * Technical alarms as a Veilig Thuis operator meets them, with the real chain: pendants (the simulator)
 * over MQTT, ingest raising "battery low" and "pendant silent", dispatch's live feed, the board in
 * Chromium. Amber, with a quiet chime, never on the police board; taken, looked up, resolved with what
 * was done, and kept in the history.
 */
describe.runIf(browserTestsEnabled())('technical alarms on the Veilig Thuis board, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let policeContext: BrowserContext;
  let policePage: Page;
  let operator: Person;
  let spaDir: string;
  const pendants: Pendant[] = [];

  beforeAll(async () => {
    spaDir = await buildSpa();
    // silent after 0.4 x 5 s = 2 s without a heartbeat (the pendants below beat every second)
    stack = await startStack({ staticDir: spaDir, ingest: true, ingestEnv: { INGEST_SILENT_MULTIPLIER: '0.4' }, dispatchEnv: { DISPATCH_ESCALATION_MS: '600000' } });
    operator = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'], displayName: 'Operator A. Bakker', signIn: false });
    const policeOperator = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], displayName: 'Agent P. Smit', signIn: false });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    policeContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    policePage = await policeContext.newPage();
    await mkdir(SCREENSHOTS, { recursive: true });
    await signInWithCode(page, stack.baseUrl, operator);
    await signInWithCode(policePage, stack.baseUrl, policeOperator);
    await page.waitForSelector('[data-connection="live"]', { timeout: 10_000 });
    await policePage.waitForSelector('[data-connection="live"]', { timeout: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.stop()));
    await policeContext?.close();
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  const registered = new Map<string, TestPendant>();
  /** A pendant of a client in Utrecht, heartbeating every second, with `battery` percent. */
  const startPendant = async (id: string, clientName: string, battery = 90): Promise<Pendant> => {
    let p = registered.get(id);
    if (!p) {
      p = await assignedPendant(stack.pool, id, 'utrecht', { ...DEFAULT_DOSSIER, clientName, phone: '06-98765432' });
      await stack.pool.query(`UPDATE devices SET hb_interval_s = 5 WHERE id = $1`, [id]);
      await stack.pool.query(`UPDATE clients SET preferred_contact = 'Niet bellen na 20:00; hij kan thuis zijn' WHERE id = $1`, [p.clientId]);
      await knownToDispatch(stack.dispatch.context.directory, id);
      registered.set(id, p);
    }
    const pendant = new Pendant({ id, secret: p.secret, url: stack.mqttUrl, home: { lat: 52.09, lon: 5.12 }, seed: registered.size, hbIntervalS: 1, battery: { percent: battery, charging: false } });
    pendants.push(pendant);
    await new Promise<void>((resolve) => {
      pendant.once('connected', () => resolve());
      pendant.start();
    });
    return pendant;
  };
  const card = (deviceId: string) => page.locator('.technical-card', { hasText: deviceId });
  const signal = () => page.locator('body').getAttribute('data-technical-signal');

  it('shows a low battery on the Veilig Thuis board in amber, with its quiet signal and a marked tab; the police board shows nothing of it', async () => {
    await page.getByRole('heading', { name: 'Technische meldingen' }).waitFor();
    expect(await signal()).toBe('false');
    await startPendant('aware-bat-1', 'Yara Peters', 12);
    await card('aware-bat-1').waitFor({ timeout: 15_000 });
    expect(await card('aware-bat-1').textContent()).toContain('Batterij laag');
    expect(await card('aware-bat-1').textContent()).toContain('Wacht op een medewerker');
    // the quiet signal, not the alarm's: no red bar, no alarm sound, the title marked but not blinking
    await expect.poll(signal).toBe('true');
    expect(await page.locator('body').getAttribute('data-alarm-sounding')).toBe('false');
    expect(await page.title()).toMatch(/^⚠ 1 technisch — /);
    // the client's name is not on the card: whom to call is looked up (and logged) on request
    expect(await card('aware-bat-1').textContent()).not.toContain('Yara Peters');

    await policePage.reload();
    await policePage.waitForSelector('[data-connection="live"]');
    await policePage.getByRole('heading', { name: 'Open alarmen' }).waitFor();
    expect(await policePage.locator('.technical-board').count()).toBe(0);
    expect(await policePage.locator('main').textContent()).not.toContain('aware-bat-1');
    expect(await policePage.locator('body').getAttribute('data-technical-signal')).toBeNull();
  });

  it('raises a silent pendant, first in the list, and says so on every page of the console', async () => {
    const silent = await startPendant('aware-stil-1', 'Mila de Boer');
    await page.waitForTimeout(1500);
    await silent.stop();
    await card('aware-stil-1').waitFor({ timeout: 15_000 });
    const order = await page.locator('.technical-card').evaluateAll((cards) => cards.map((c) => c.querySelector('.technical-device')?.textContent ?? ''));
    expect(order[0]).toContain('aware-stil-1');
    expect(await card('aware-stil-1').textContent()).toContain('Hanger stil');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board-technical.png') });

    await page.locator('.topbar nav').getByRole('link', { name: 'Hangers' }).click();
    const bar = page.locator('.technical-bar');
    await expect.poll(() => bar.textContent()).toMatch(/2 technische meldingen wachten — langst wachtend \d+:\d\d/);
    expect(await signal()).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'technical-bar-fleet.png') });
    await bar.getByRole('button', { name: 'Naar het bord' }).click();
    await card('aware-stil-1').waitFor();
  });

  it('lets the operator take the silent pendant and look up whom to call; the read is in the access log', async () => {
    await card('aware-stil-1').getByRole('button', { name: 'Oppakken' }).click();
    await expect.poll(() => card('aware-stil-1').textContent()).toContain('Opgepakt door Operator A. Bakker');
    expect(await card('aware-stil-1').getByRole('button', { name: 'Oppakken' }).count()).toBe(0);
    // one still waits: the signal goes on
    expect(await signal()).toBe('true');
    await card('aware-stil-1').getByRole('button', { name: 'Contactgegevens' }).click();
    const contact = card('aware-stil-1').locator('.technical-contact');
    await contact.waitFor();
    expect(await contact.textContent()).toContain('Mila de Boer');
    expect(await contact.textContent()).toContain('06-98765432');
    expect(await contact.textContent()).toContain('Niet bellen na 20:00; hij kan thuis zijn');
    const { rows } = await stack.pool.query(`SELECT username, subject_type FROM access_log WHERE subject_type = 'technical_alarm'`);
    expect(rows).toEqual([{ username: operator.username, subject_type: 'technical_alarm' }]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board-technical-contact.png') });
  });

  it('lets a press drown the quiet signal: the alarm sounds, and the chime comes back once the alarm is taken', async () => {
    const pressing = await startPendant('aware-druk-1', 'Eva Smit');
    pressing.press();
    await expect.poll(() => page.locator('body').getAttribute('data-alarm-sounding'), { timeout: 10_000 }).toBe('true');
    expect(await signal()).toBe('false');
    await page.locator('.alarm-card', { hasText: 'aware-druk-1' }).getByRole('button', { name: 'Bevestigen' }).click();
    await expect.poll(() => page.locator('body').getAttribute('data-alarm-sounding')).toBe('false');
    await expect.poll(signal).toBe('true');
    await pressing.stop();
  });

  it('keeps a taken alarm when the pendant comes back, until the operator records what was done', async () => {
    await startPendant('aware-stil-1', 'Mila de Boer');
    await expect.poll(() => card('aware-stil-1').textContent(), { timeout: 15_000 }).toMatch(/Hanger hersteld om \d\d:\d\d/);
    await card('aware-stil-1').getByRole('button', { name: 'Afhandelen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Anders').check();
    // "other" needs a note: the confirmation waits for one, with the limit shown
    expect(await dialog.getByRole('button', { name: 'Afgehandeld' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Toelichting/).fill('Hanger lag in de auto <b>opgeladen</b>; mevrouw draagt hem weer.');
    expect(await dialog.textContent()).toMatch(/\d+ van 1000 tekens/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'technical-resolve-dialog.png') });
    await dialog.getByRole('button', { name: 'Afgehandeld' }).click();
    await expect.poll(() => card('aware-stil-1').count()).toBe(0);
  });

  it('stops the signal once every technical alarm is taken, and keeps everything in the history', async () => {
    await card('aware-bat-1').getByRole('button', { name: 'Oppakken' }).click();
    await expect.poll(signal).toBe('false');
    expect(await page.title()).not.toContain('technisch');
    await card('aware-bat-1').getByRole('button', { name: 'Afhandelen' }).click();
    await page.getByRole('dialog').getByLabel('Cliënt gebeld').check();
    await page.getByRole('dialog').getByRole('button', { name: 'Afgehandeld' }).click();
    await expect.poll(() => card('aware-bat-1').count()).toBe(0);
    expect(await page.locator('.technical-board').textContent()).toContain('Geen technische meldingen.');

    await page.locator('.topbar nav').getByRole('link', { name: 'Technisch' }).click();
    await page.getByRole('heading', { name: 'Geschiedenis technische meldingen' }).waitFor();
    const silentRow = page.locator('tr', { hasText: 'aware-stil-1' });
    await silentRow.waitFor();
    expect(await silentRow.textContent()).toContain('Hanger stil');
    expect(await silentRow.textContent()).toContain('Anders');
    // typed HTML is shown as text, never rendered
    expect(await silentRow.locator('.note').textContent()).toBe('Hanger lag in de auto <b>opgeladen</b>; mevrouw draagt hem weer.');
    expect(await silentRow.locator('.note b').count()).toBe(0);
    expect(await page.locator('tr', { hasText: 'aware-bat-1' }).textContent()).toContain('Cliënt gebeld');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'technical-history.png') });
  });
});
