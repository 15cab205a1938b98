import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pendant } from '@aware/firmware-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/server/auth/totp.js';
import { browserTestsEnabled, launchChromium } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { person, type Person } from './helpers/people.js';
import { assignedPendant, DEFAULT_DOSSIER, knownToDispatch, type TestPendant } from './helpers/pendants.js';
import { startStack, type Stack } from './helpers/stack.js';

// Each run writes here (not committed); test/screenshots/*.png are copies kept for review.
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');
const HTML_NOTE = 'Let op: <b>niet</b> bellen <img src=x onerror="window.__pwned=1">';

/**
 * The control-room console in real Chromium against the real broker, dispatch and dashboard: a police
 * operator signs in with password and code, a simulated pendant presses over MQTT, the alarm appears on
 * the board with its position, is opened, acknowledged and resolved; then the server goes down and comes
 * back while another pendant presses.
 */
const PHOTO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe.runIf(browserTestsEnabled())('the control-room console in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let operator: Person;
  let spaDir: string;
  const pendants: Pendant[] = [];

  beforeAll(async () => {
    spaDir = await buildSpa();
    stack = await startStack({
      staticDir: spaDir,
      // tiles from nowhere: the map must still show position, trail and coordinates
      dashboardEnv: { DASHBOARD_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' },
      dispatchEnv: { DISPATCH_ESCALATION_MS: '4000', DISPATCH_LIVE_PING_MS: '2000' },
      ingest: true,
    });
    operator = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], displayName: 'Agent R. Bakker', signIn: false });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await mkdir(SCREENSHOTS, { recursive: true });
    if (process.env['DASHBOARD_TEST_LOG']) page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.stop()));
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  const startPendant = async (p: TestPendant, home: { lat: number; lon: number }, battery = 95, alarmIds: 'random' | 'counter' = 'random') => {
    await knownToDispatch(stack.dispatch.context.directory, p.id);
    const pendant = new Pendant({ id: p.id, secret: p.secret, url: stack.mqttUrl, home, seed: 7, locIntervalS: 1, hbIntervalS: 30, battery: { percent: battery, charging: false }, alarmIds });
    pendants.push(pendant);
    await new Promise<void>((resolve) => {
      pendant.once('connected', () => resolve());
      pendant.start();
    });
    return pendant;
  };
  let first: TestPendant;
  const card = (deviceId: string) => page.locator('.alarm-card', { hasText: deviceId });

  it('signs in with password and code', async () => {
    await page.goto(stack.baseUrl);
    await page.getByLabel('Gebruikersnaam').fill(operator.username);
    await page.getByLabel('Wachtwoord').fill(operator.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByLabel('Code').fill(totpCode(operator.totpSecret, Date.now()));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in-code.png') });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.locator('[data-connection]').getAttribute('data-connection'), { timeout: 10_000 }).toBe('live');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Open alarmen');
  });

  it('shows a press from a simulated pendant on the board with its position, flashing until acknowledged', async () => {
    first = await assignedPendant(stack.pool, 'aware-0042', 'utrecht', { ...DEFAULT_DOSSIER, riskNotes: HTML_NOTE });
    // her photo, as the commissie workflow stores it (a 1x1 PNG)
    await stack.pool.query(`UPDATE clients SET photo = $2, photo_mime = 'image/png' WHERE id = $1`, [first.clientId, PHOTO_PNG]);
    await expect.poll(() => stack.dispatch.context.directory.get(first.id)?.assignment?.dossier.photoUrl ?? null).not.toBeNull();
    const pendant = await startPendant(first, { lat: 52.0907, lon: 5.1214 });
    pendant.press();
    pendant.walk(800, 10); // fast (a car): the trail grows visibly every second
    await card('aware-0042').waitFor({ timeout: 10_000 });
    await expect.poll(() => card('aware-0042').getAttribute('data-state')).toBe('new');
    await expect.poll(() => card('aware-0042').locator('.coords').textContent(), { timeout: 10_000 }).toMatch(/^52\.09\d{3}, 5\.12\d{3}$/);
    expect(await card('aware-0042').textContent()).toContain(DEFAULT_DOSSIER.clientName);
    expect(await page.locator('.board').getAttribute('data-sounding')).toBe('true');
    // an alarm nobody acknowledges escalates and stands out
    await card('aware-0042').locator('.badge.escalated').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board.png') });
  });

  it('opens the alarm: map with position and trail, coordinates as text, dossier card with HTML shown as text', async () => {
    await card('aware-0042').getByRole('link', { name: /Openen/ }).click();
    await page.locator('.dossier').waitFor();
    await expect.poll(() => page.locator('.alarm-detail .coords').textContent()).toMatch(/^52\.09\d{3}, 5\.12\d{3}$/);
    expect(await page.locator('.dossier-risk p').textContent()).toBe(HTML_NOTE);
    expect(await page.locator('.dossier b, .dossier img:not(.dossier-photo)').count()).toBe(0);
    // the client's photo, fetched with the operator's session while the alarm is open
    await expect.poll(() => page.locator('.dossier-photo').evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth; })).toBe(1);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.map-notice').textContent()).toContain('Kaartachtergrond niet beschikbaar');
    await expect.poll(() => page.locator('.leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
    await expect.poll(async () => Number((await page.getByText(/^Route \(\d+ punten\)$/).textContent())?.match(/\d+/)?.[0]), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    await page.getByText('Alarm ontvangen').waitFor();
    // opening the dossier is in the access log (the detail route, beside the live feed's own entry)
    const detailReads = async () =>
      (await stack.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE username = $1 AND client_id = $2 AND details->>'channel' = 'detail'`, [operator.username, first.clientId])).rows[0]!.n;
    await expect.poll(detailReads, { timeout: 5_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alarm-detail.png') });
  });

  it('acknowledges with one click, dispatches a unit and resolves with an outcome after confirmation', async () => {
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('.alarm-detail-head.state-acknowledged').waitFor();
    await page.getByRole('button', { name: 'Eenheid sturen' }).click();
    const send = page.getByRole('dialog');
    await send.getByLabel('Eenheid (roepnummer)').fill('PL09-21');
    await send.getByRole('button', { name: 'Eenheid sturen' }).click();
    await page.locator('.alarm-detail-head.state-dispatched').waitFor();
    await page.getByText('Eenheid: PL09-21').first().waitFor();
    await page.getByRole('button', { name: 'Afsluiten' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Loos alarm').check();
    await dialog.getByLabel('Notitie (optioneel)').fill('Cliënt drukte per ongeluk; telefonisch bevestigd.');
    await dialog.getByRole('button', { name: 'Alarm afsluiten' }).click();
    await page.locator('.alarm-detail-head.state-resolved').waitFor();
    await page.getByText('Dit alarm is afgesloten').waitFor();
    await page.getByRole('link', { name: '← Terug naar alarmen' }).click();
    await page.getByText('Geen open alarmen.').waitFor();
  });

  it('turns the connection indicator red when the server stops, and green after restart with the alarm missed meanwhile', async () => {
    const p = await assignedPendant(stack.pool, 'aware-0043', 'utrecht', { ...DEFAULT_DOSSIER, clientName: 'Fatima El Amrani', address: 'Kanaalweg 4, Utrecht' });
    const pendant = await startPendant(p, { lat: 52.0812, lon: 5.0991 });
    await stack.stopServer();
    await expect.poll(() => page.locator('[data-connection]').getAttribute('data-connection'), { timeout: 30_000 }).toBe('down');
    await page.locator('.banner.down').waitFor();
    pendant.press();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'connection-down.png') });
    await stack.startServer();
    await expect.poll(() => page.locator('[data-connection]').getAttribute('data-connection'), { timeout: 20_000 }).toBe('live');
    await card('aware-0043').waitFor({ timeout: 20_000 });
    expect(await card('aware-0043').textContent()).toContain('Fatima El Amrani');
    expect(await page.locator('.banner.down').count()).toBe(0);
  });

  it('marks a new press that reuses the alarm number of a resolved alarm (a pendant whose counter restarted)', async () => {
    const p = await assignedPendant(stack.pool, 'aware-0077', 'utrecht', { ...DEFAULT_DOSSIER, clientName: 'Noor Visser', address: 'Biltstraat 9, Utrecht' });
    const before = await startPendant(p, { lat: 52.0951, lon: 5.1302 }, 90, 'counter');
    expect(before.press()).toBe('counter-00000001');
    await card('aware-0077').waitFor({ timeout: 10_000 });
    expect(await card('aware-0077').locator('.badge.flag').count()).toBe(0);
    // handled and closed as a false alarm
    await card('aware-0077').getByRole('link', { name: /Openen/ }).click();
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('.alarm-detail-head.state-acknowledged').waitFor();
    await page.getByRole('button', { name: 'Afsluiten' }).click();
    await page.getByRole('dialog').getByLabel('Loos alarm').check();
    await page.getByRole('dialog').getByRole('button', { name: 'Alarm afsluiten' }).click();
    await page.locator('.alarm-detail-head.state-resolved').waitFor();
    await page.getByRole('link', { name: '← Terug naar alarmen' }).click();
    await expect.poll(() => card('aware-0077').count()).toBe(0);
    await before.stop();
    // the pendant reboots: its counter starts again at 1
    const after = await startPendant(p, { lat: 52.0951, lon: 5.1302 }, 90, 'counter');
    expect(after.press()).toBe('counter-00000001');
    await expect.poll(() => card('aware-0077').locator('.badge.flag', { hasText: 'Nieuwe druk met oud meldingsnummer' }).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board-reused-key.png') });
  });

  it('shows a device administrator fleet health without any location, and switches to English', async () => {
    const low = await assignedPendant(stack.pool, 'aware-0107', 'utrecht', { ...DEFAULT_DOSSIER, clientName: 'Someone Else' });
    await startPendant(low, { lat: 52.1, lon: 5.1 }, 12);
    const admin = await person(stack, { organisation: 'veilig_thuis', region: null, roles: ['device_admin'], displayName: 'M. de Wit (hangerbeheer)', signIn: false });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const p2 = await context.newPage();
    await p2.goto(stack.baseUrl);
    await p2.getByLabel('Gebruikersnaam').fill(admin.username);
    await p2.getByLabel('Wachtwoord').fill(admin.password);
    await p2.getByRole('button', { name: 'Aanmelden' }).click();
    await p2.getByLabel('Code').fill(totpCode(admin.totpSecret, Date.now()));
    await p2.getByRole('button', { name: 'Controleren' }).click();
    await p2.getByRole('heading', { name: 'Hangers', exact: true }).waitFor();
    await p2.locator('tr.technical-battery_low', { hasText: 'aware-0107' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => p2.locator('tr', { hasText: 'aware-0042' }).textContent()).toContain('online');
    const page2Text = (await p2.locator('main').textContent()) ?? '';
    expect(page2Text).not.toMatch(/52\.\d{3}|5\.1\d{3}/);
    expect(page2Text).not.toContain('Someone Else');
    await p2.screenshot({ path: path.join(SCREENSHOTS, 'fleet.png') });
    await p2.getByRole('button', { name: 'Switch to English' }).click();
    await p2.getByRole('heading', { name: 'Pendants', exact: true }).waitFor();
    expect(await p2.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });
});
