import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/server/auth/totp.js';
import { browserTestsEnabled, launchChromium, signInWithCode } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { Client } from './helpers/client.js';
import { person, type Person } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');

/**
 * A new colleague's first sign-in, in Chromium: the administrator creates the account and sees only an
 * activation link; the colleague opens it in her own browser, chooses her password, links her
 * authenticator app and lands on her board; later she changes her password, which ends her other sessions.
 */
describe.runIf(browserTestsEnabled())('first sign-in by activation link, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let admin: Person;
  let spaDir: string;
  let link = '';

  beforeAll(async () => {
    spaDir = await buildSpa();
    stack = await startStack({ staticDir: spaDir });
    admin = await person(stack, { organisation: 'veilig_thuis', region: null, roles: ['admin'], displayName: 'Beheerder Veilig Thuis', signIn: false });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    return page;
  };

  it('shows the administrator an activation link for a new account, never a password or code', async () => {
    const page = await newPage();
    await signInWithCode(page, stack.baseUrl, admin);
    await page.getByRole('link', { name: 'Gebruikers' }).click();
    const form = page.locator('form', { hasText: 'Nieuwe gebruiker' });
    await form.getByLabel('Gebruikersnaam').fill('l.devries');
    await form.getByLabel('Naam', { exact: true }).fill('Lotte de Vries');
    await form.getByLabel('Organisatie').selectOption('veilig_thuis');
    await form.getByLabel('Regio').selectOption('utrecht');
    await form.getByLabel('Operator Veilig Thuis').check();
    await form.getByRole('button', { name: 'Aanmaken' }).click();
    const issued = page.locator('.issued');
    await expect.poll(() => issued.textContent()).toContain('Activatielink voor l.devries');
    link = (await issued.locator('dd.mono').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${stack.baseUrl}/activate#[A-Za-z0-9_-]{32}$`));
    expect(await issued.textContent()).not.toMatch(/wachtwoord:|otpauth/i);
    await expect.poll(() => page.locator('tr', { hasText: 'l.devries' }).textContent()).toContain('wacht op activatie');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users-activation-link.png'), fullPage: true });
    await page.context().close();
  });

  it('lets the colleague set her own password and link her app from the link, and signs her in', async () => {
    const page = await newPage();
    await page.goto(link);
    await expect.poll(() => page.locator('main').textContent()).toContain('Welkom, Lotte de Vries');
    await page.getByLabel('Nieuw wachtwoord').fill('fietsen langs de vecht');
    await page.getByLabel('Herhaal het wachtwoord').fill('fietsen langs de vecht');
    await page.getByText('Kunt u niet scannen?').click();
    const secret = (await page.locator('details .mono').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, Date.now()));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'activation.png'), fullPage: true });
    await page.getByRole('button', { name: 'Activeren en aanmelden' }).click();
    await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 10_000 }).toBe('Open alarmen');
    expect(new URL(page.url()).hash).toBe('');
    // later she changes her password on her account page: her other sessions end, this one stays
    const elsewhere = new Client(stack.baseUrl);
    await elsewhere.signIn('l.devries', 'fietsen langs de vecht', secret, Date.now() + 30_000);
    expect((await elsewhere.get('/api/alarms')).status).toBe(200);
    await page.getByRole('link', { name: /Lotte de Vries/ }).click();
    await page.getByLabel('Huidig wachtwoord').fill('fietsen langs de vecht');
    await page.getByLabel('Nieuw wachtwoord').fill('wandelen door de uiterwaarden');
    await page.getByLabel('Herhaal het wachtwoord').fill('wandelen door de uiterwaarden');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect.poll(() => page.locator('.account [role=status]').textContent()).toContain('Al uw andere sessies zijn beëindigd');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-password-changed.png') });
    expect((await elsewhere.get('/api/alarms')).status).toBe(401);
    await page.getByRole('link', { name: 'Alarmen' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Open alarmen');
    // the link is used up
    const again = await newPage();
    await again.goto(link);
    await expect.poll(() => again.locator('[role=alert]').textContent()).toContain('onbekend, al gebruikt of verlopen');
    await again.context().close();
    await page.context().close();
  });
});
