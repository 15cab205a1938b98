import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, signInWithCode } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { person, type Person } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');

/**
 * An administrator keeps the accounts right, in Chromium: mistakes in a new account are said in Dutch
 * next to their fields (never the browser's or the schema's English), an account is edited in a dialog,
 * regions show by name, and disabling asks first and says what it does.
 */
describe.runIf(browserTestsEnabled())('user administration, in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let admin: Person;
  let colleague: Person;
  let spaDir: string;

  beforeAll(async () => {
    spaDir = await buildSpa();
    stack = await startStack({ staticDir: spaDir });
    admin = await person(stack, { organisation: 'veilig_thuis', region: null, roles: ['admin'], displayName: 'Beheerder Veilig Thuis', signIn: false });
    colleague = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'], displayName: 'Sanne Bakker' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 950 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    await mkdir(SCREENSHOTS, { recursive: true });
    await signInWithCode(page, stack.baseUrl, admin);
    await page.getByRole('link', { name: 'Gebruikers' }).click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  const row = (username: string) => page.locator(`tr[data-username="${username}"]`);

  it('says what is wrong with a new account next to each field, in Dutch', async () => {
    const form = page.locator('form', { hasText: 'Nieuwe gebruiker' });
    await form.getByLabel('Gebruikersnaam').fill('Anna B!');
    await form.getByLabel('E-mail (optioneel)').fill('anna-at-example');
    await form.getByRole('button', { name: 'Aanmaken' }).click();
    await expect.poll(() => form.locator('.field-error').allTextContents()).toEqual([
      'Een gebruikersnaam is 2–100 tekens: kleine letters, cijfers en . _ @ -.',
      'Vul een naam in.',
      'Dit is geen geldig e-mailadres.',
      'Kies minstens één rol.',
    ]);
    const text = (await form.textContent()) ?? '';
    expect(text).not.toMatch(/Too small|expected|Please fill/);
    expect(await form.getByLabel('Gebruikersnaam').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users-form-errors.png'), fullPage: true });
  });

  it("says what only the server knows (a user name that is taken) next to its field, in Dutch", async () => {
    const form = page.locator('form', { hasText: 'Nieuwe gebruiker' });
    await form.getByLabel('Gebruikersnaam').fill(colleague.username);
    await form.getByLabel('E-mail (optioneel)').fill('');
    await form.getByLabel(/^Naam/).fill('Sanne Bakker (tweede)');
    await form.getByLabel('Operator Veilig Thuis').check();
    await form.getByRole('button', { name: 'Aanmaken' }).click();
    await expect.poll(() => form.locator('.field-error').allTextContents()).toEqual(['Deze gebruikersnaam bestaat al. Kies een andere.']);
    expect(await form.getByLabel('Gebruikersnaam').getAttribute('aria-invalid')).toBe('true');
    expect((await stack.pool.query(`SELECT count(*)::int AS n FROM users WHERE username = $1`, [colleague.username])).rows[0].n).toBe(1);
  });

  it('shows regions by name and edits an account in a dialog; a change of region ends her sessions', async () => {
    expect(await row(colleague.username).textContent()).toContain('Utrecht');
    await row(colleague.username).getByRole('button', { name: 'Wijzigen' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('De organisatie blijft Veilig Thuis');
    await dialog.getByLabel('Naam', { exact: true }).fill('Sanne Bakker-de Wit');
    await dialog.getByLabel('Regio').selectOption('gooi-en-vechtstreek');
    await dialog.getByLabel('Operator Veilig Thuis').uncheck();
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    expect(await dialog.locator('.field-error').textContent()).toBe('Kies minstens één rol.');
    await dialog.getByLabel('Casemanager Veilig Thuis').check();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users-edit.png') });
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.locator('.banner.info').textContent()).toBe('Sanne Bakker-de Wit is gewijzigd.');
    await expect.poll(() => row(colleague.username).textContent()).toContain('Gooi en Vechtstreek');
    expect(await row(colleague.username).textContent()).toContain('Casemanager Veilig Thuis');
    expect((await colleague.client.get('/api/applications')).status).toBe(401);
  });

  it('asks before disabling an account, says what it does, and cancelling changes nothing', async () => {
    await row(colleague.username).getByRole('button', { name: 'Uitschakelen' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Alle sessies van Sanne Bakker-de Wit eindigen direct');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users-confirm-disable.png') });
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    expect(await row(colleague.username).textContent()).toContain('actief');
    await row(colleague.username).getByRole('button', { name: 'Uitschakelen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Uitschakelen' }).click();
    await expect.poll(() => row(colleague.username).textContent()).toContain('uitgeschakeld');
  });
});
