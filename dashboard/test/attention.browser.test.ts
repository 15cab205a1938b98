import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pendant } from '@aware/firmware-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, signInWithCode } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { person, type Person } from './helpers/people.js';
import { assignedPendant, DEFAULT_DOSSIER, knownToDispatch } from './helpers/pendants.js';
import { startStack, type Stack } from './helpers/stack.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');
const PHOTO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * A Veilig Thuis operator works on another page of the console (the pendants page, her account, the
 * detail of an alarm she is handling) when a pendant is pressed: every page shows it, sounds, marks the
 * tab, and one click or Alt+A opens the new alarm.
 */
describe.runIf(browserTestsEnabled())('the console-wide alarm signal, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let operator: Person;
  let spaDir: string;
  const pendants: Pendant[] = [];
  let n = 0;

  beforeAll(async () => {
    spaDir = await buildSpa();
    stack = await startStack({ staticDir: spaDir, dashboardEnv: { DASHBOARD_TILE_URL: 'none' }, dispatchEnv: { DISPATCH_ESCALATION_MS: '600000' } });
    operator = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'], displayName: 'Operator M. Jansen', signIn: false });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    await mkdir(SCREENSHOTS, { recursive: true });
    await signInWithCode(page, stack.baseUrl, operator);
    await page.waitForSelector('[data-connection="live"]', { timeout: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.stop()));
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  /** A new pendant of the region, pressed (`test`: the wearer's test press); resolves with the pendant's id. */
  const press = async (o: { test?: boolean } = {}): Promise<string> => {
    const id = `aware-att-${++n}`;
    const p = await assignedPendant(stack.pool, id, 'utrecht', { ...DEFAULT_DOSSIER, clientName: `Cliënt ${n}` });
    await knownToDispatch(stack.dispatch.context.directory, id);
    const pendant = new Pendant({ id, secret: p.secret, url: stack.mqttUrl, home: { lat: 52.09, lon: 5.12 }, seed: n, hbIntervalS: 30 });
    pendants.push(pendant);
    await new Promise<void>((resolve) => {
      pendant.once('connected', () => resolve());
      pendant.start();
    });
    pendant.press(o);
    return id;
  };
  const acknowledgeAll = async () => {
    await page.locator('.topbar nav').getByRole('link', { name: 'Alarmen' }).click();
    for (;;) {
      const button = page.locator('.alarm-card button', { hasText: 'Bevestigen' }).first();
      if ((await button.count()) === 0) break;
      await button.click();
      await page.waitForTimeout(200);
    }
    await expect.poll(() => page.locator('body').getAttribute('data-alarm-sounding')).toBe('false');
  };
  const bar = () => page.locator('.alarm-bar');

  it('shows a press on the pendants page: a bar with the count and the wait, the sound on, the tab title marked; a click opens the alarm', async () => {
    await page.locator('.topbar nav').getByRole('link', { name: 'Hangers' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).not.toBe('Open alarmen');
    expect(await bar().count()).toBe(0);
    const id = await press();
    await expect.poll(() => bar().textContent(), { timeout: 10_000 }).toMatch(/1 alarm wacht op bevestiging — wacht al \d+:\d\d/);
    expect(await page.locator('body').getAttribute('data-alarm-sounding')).toBe('true');
    await expect.poll(() => page.title(), { timeout: 5_000 }).toContain('1 niet bevestigd');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'attention-bar-fleet.png') });
    await bar().getByRole('button', { name: /Naar het alarm/ }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain(id);
    expect(new URL(page.url()).pathname).toMatch(/^\/alarms\/[0-9a-f-]{36}$/);
    await acknowledgeAll();
  });

  it('does the same on the account page, where Alt+A opens the alarm', async () => {
    await page.getByRole('link', { name: /Operator M\. Jansen/ }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Mijn account');
    const id = await press();
    await expect.poll(() => bar().textContent(), { timeout: 10_000 }).toContain('1 alarm wacht op bevestiging');
    await page.keyboard.press('Alt+a');
    await expect.poll(() => page.locator('main').textContent()).toContain(id);
    await acknowledgeAll();
  });

  it("does the same on the detail page of another alarm the operator is handling, and stops once it is acknowledged", async () => {
    const handled = await press();
    await page.locator('.alarm-card', { hasText: handled }).getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('.alarm-card', { hasText: handled }).locator('a').first().click();
    await expect.poll(() => page.locator('main').textContent()).toContain(handled);
    const fresh = await press();
    await expect.poll(() => bar().textContent(), { timeout: 10_000 }).toContain('1 alarm wacht op bevestiging');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'attention-bar-detail.png') });
    await bar().getByRole('button', { name: /Naar het alarm/ }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain(fresh);
    await page.getByRole('button', { name: 'Bevestigen' }).first().click();
    await expect.poll(() => page.locator('body').getAttribute('data-alarm-sounding')).toBe('false');
    expect(await bar().count()).toBe(0);
    expect(await page.title()).toBe('AWARE meldkamer');
  });

  it('moves the keyboard focus to the next waiting alarm after acknowledging with Enter, and then stays on the alarm', async () => {
    await page.locator('.topbar nav').getByRole('link', { name: 'Alarmen' }).click();
    const [a, b] = [await press(), await press()];
    const ack = (id: string) => page.locator('.alarm-card', { hasText: id }).getByRole('button', { name: 'Bevestigen' });
    await expect.poll(() => ack(b).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => ack(a).count(), { timeout: 10_000 }).toBe(1);
    // the most urgent first: the one pressed first
    await page.locator('.alarm-card[data-state="new"] button.primary').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): { textContent: string } | null } | null } }).document.activeElement?.closest('.alarm-card')?.textContent ?? '')).toContain(b);
    await page.keyboard.press('Enter');
    // nothing left to acknowledge: focus stays on that alarm, on its next action
    await expect.poll(() => page.locator('body').getAttribute('data-alarm-sounding')).toBe('false');
    const focused = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { textContent: string; closest(s: string): { textContent: string } | null } | null } }).document.activeElement;
      return { text: el?.textContent ?? '', card: el?.closest('.alarm-card')?.textContent ?? '' };
    });
    expect(focused.card).toContain(b);
    expect(focused.text).toBe('Afsluiten');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board-keyboard-focus.png') });
  });

  it("marks a wearer's test press TEST on the card, the detail page and the map", async () => {
    await page.locator('.topbar nav').getByRole('link', { name: 'Alarmen' }).click();
    const id = await press({ test: true });
    const card = page.locator('.alarm-card', { hasText: id });
    await expect.poll(() => card.locator('.badge.test').textContent(), { timeout: 10_000 }).toBe('TEST');
    expect(await card.getAttribute('class')).toContain('test');
    await expect.poll(() => page.locator('.leaflet-tooltip', { hasText: 'TEST ·' }).count()).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board-test-alarm.png') });
    await card.locator('a.alarm-title').click();
    await expect.poll(() => page.locator('.alarm-detail-head .badge.test').textContent()).toBe('TEST');
    await page.getByRole('button', { name: 'Bevestigen' }).first().click();
  });

  it('shows on the dossier card what the operator needs in the first seconds: orders, police registrations, the perpetrator photo, a restriction', async () => {
    await page.locator('.topbar nav').getByRole('link', { name: 'Alarmen' }).click();
    const id = `aware-att-${++n}`;
    const p = await assignedPendant(stack.pool, id, 'utrecht', { ...DEFAULT_DOSSIER, clientName: 'Noor Visser' });
    await stack.pool.query(`UPDATE perpetrators SET photo = $2, photo_mime = 'image/png', restricted_at = now(), restriction_reason = 'betwist' WHERE client_id = $1`, [p.clientId, PHOTO_PNG]);
    const content = {
      kind: 'initial',
      grounds: { orders: [{ kind: 'tijdelijk_huisverbod', from: '2026-10-01', until: '2026-10-28', reference: 'THV-2026-0412' }, { kind: 'contactverbod', from: '2026-11-01', until: null, reference: 'OM-2026-88' }] },
      policeReferences: ['PL0900-2026123456'],
    };
    await stack.pool.query(
      `INSERT INTO applications (client_id, region, status, content, created_by, submitted_at, decided_at) VALUES ($1, 'utrecht', 'approved', $2, $3, now(), now())`,
      [p.clientId, JSON.stringify(content), operator.issued.user.id],
    );
    await knownToDispatch(stack.dispatch.context.directory, id);
    await expect.poll(() => (stack.dispatch.context.directory.get(id)?.assignment?.dossier.orders.length ?? 0), { timeout: 5_000 }).toBe(2);
    const pendant = new Pendant({ id, secret: p.secret, url: stack.mqttUrl, home: { lat: 52.09, lon: 5.12 }, seed: n, hbIntervalS: 30 });
    pendants.push(pendant);
    await new Promise<void>((resolve) => {
      pendant.once('connected', () => resolve());
      pendant.start();
    });
    pendant.press();
    const card = page.locator('.alarm-card', { hasText: id });
    await card.waitFor({ timeout: 10_000 });
    await card.locator('a.alarm-title').click();
    const dossier = page.locator('.dossier');
    await expect.poll(() => dossier.textContent()).toContain('Tijdelijk huisverbod');
    const text = (await dossier.textContent())!;
    expect(text).toContain('THV-2026-0412');
    expect(text).toContain('Contactverbod');
    expect(text).toContain('vanaf 01-11-2026, zonder einddatum');
    expect(text).toContain('PL0900-2026123456');
    expect(text).toContain('beperkt na een privacyverzoek');
    await expect.poll(() => dossier.locator('img[alt="Foto van Mark Jansen"]').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alarm-dossier-card-extras.png'), fullPage: true });
    await page.getByRole('button', { name: 'Bevestigen' }).first().click();
  });
});
