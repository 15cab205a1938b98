import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCode } from '../../src/server/auth/totp.js';

/** The Debian package `chromium` (apt-get install -y chromium). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Whether the browser tests run. They are part of the suite: a machine without Chromium fails them with
 * the install command, unless AWARE_SKIP_BROWSER_TESTS=1 says to leave them out on purpose.
 */
export function browserTestsEnabled(): boolean {
  if (process.env['AWARE_SKIP_BROWSER_TESTS'] === '1') return false;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH; AWARE_SKIP_BROWSER_TESTS=1 skips these tests)`);
  }
  return true;
}

/** Real Chromium, headless, without sandbox (containers), GPU or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in on the console's page as a person does: user name and password, then the current code. */
export async function signInWithCode(page: Page, baseUrl: string, p: { username: string; password: string; totpSecret: string }): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Gebruikersnaam').fill(p.username);
  await page.getByLabel('Wachtwoord').fill(p.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByLabel('Code').fill(totpCode(p.totpSecret, Date.now()));
  await page.getByRole('button', { name: 'Controleren' }).click();
  await page.locator('.topbar').waitFor();
}
