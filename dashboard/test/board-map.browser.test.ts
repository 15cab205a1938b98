import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pendant } from '@aware/firmware-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, signInWithCode } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { assignedPendant, DEFAULT_DOSSIER } from './helpers/pendants.js';
import { person, type Person } from './helpers/people.js';
import { press } from './helpers/press.js';
import { startStack, type Stack } from './helpers/stack.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');
// a shelter where two clients live, and a client elsewhere in the city
const SHELTER = { lat: 52.0853, lon: 5.1102 };
const ELSEWHERE = { lat: 52.1032, lon: 5.1436 };

describe.runIf(browserTestsEnabled())('the board map with two alarms at one address', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let operator: Person;
  let spaDir: string;
  const pendants: Pendant[] = [];
  const alarmIds = new Map<string, string>();

  beforeAll(async () => {
    spaDir = await buildSpa();
    stack = await startStack({ staticDir: spaDir, dashboardEnv: { DASHBOARD_TILE_URL: 'none' } });
    operator = await person(stack, { organisation: 'police', region: 'utrecht', roles: ['police_operator'], displayName: 'Agent R. Bakker', signIn: false });
    const clients: [string, string, { lat: number; lon: number }][] = [
      ['aw-map-001', 'Fatma Yilmaz', SHELTER],
      ['aw-map-002', 'Lotte de Boer', SHELTER],
      ['aw-map-003', 'Eva Smit', ELSEWHERE],
    ];
    for (const [id, clientName, home] of clients) {
      const p = await assignedPendant(stack.pool, id, 'utrecht', { ...DEFAULT_DOSSIER, clientName });
      const { alarm, pendant } = await press(stack, p, home);
      pendants.push(pendant);
      alarmIds.set(clientName, alarm.id);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    await mkdir(SCREENSHOTS, { recursive: true });
    await signInWithCode(page, stack.baseUrl, operator);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pendants.map((p) => p.stop()));
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  const label = (name: string) => page.locator('.board-map .leaflet-tooltip', { hasText: name });

  it('shows each alarm at the shared address by its own name, one label below the other, not one over the other', async () => {
    await expect.poll(() => page.locator('.board-map .map-canvas').getAttribute('data-markers'), { timeout: 10_000 }).toBe('3');
    await expect.poll(() => label('Lotte de Boer').count()).toBe(1);
    const [fatma, lotte, eva] = await Promise.all(['Fatma Yilmaz', 'Lotte de Boer', 'Eva Smit'].map((n) => label(n).boundingBox()));
    expect(fatma && lotte && eva).toBeTruthy();
    // the two at the shelter: side by side in height, apart by at least a label's height; both readable
    const [upper, lower] = fatma!.y < lotte!.y ? [fatma!, lotte!] : [lotte!, fatma!];
    expect(lower.y).toBeGreaterThanOrEqual(upper.y + upper.height - 1);
    expect(Math.abs(fatma!.x - lotte!.x)).toBeLessThan(2);
    // the one elsewhere keeps its label beside its own marker
    expect(Math.abs(eva!.y - fatma!.y) + Math.abs(eva!.x - fatma!.x)).toBeGreaterThan(40);
    await page.locator('.board-map').screenshot({ path: path.join(SCREENSHOTS, 'board-same-address.png') });
  });

  it('opens the alarm whose name is clicked, also the one whose circle lies under the other', async () => {
    for (const name of ['Lotte de Boer', 'Fatma Yilmaz']) {
      await label(name).click();
      await page.waitForURL(new RegExp(`/alarms/${alarmIds.get(name)}$`));
      await expect.poll(() => page.locator('main').textContent()).toContain(name);
      await page.goBack();
      await expect.poll(() => label(name).count()).toBe(1);
    }
  });
});
