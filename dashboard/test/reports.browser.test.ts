import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevice } from '@aware/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, signInWithCode } from './helpers/browser.js';
import { buildSpa } from './helpers/build-spa.js';
import { person, type Person } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots', 'latest');

/**
 * The answer-time page as a Veilig Thuis team lead would read it: the last week's alarms of the region,
 * per day and per shift, against the 60 s and 180 s targets, the slowest alarms, and a CSV export.
 */
describe.runIf(browserTestsEnabled())('answer times in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let operator: Person;
  let spaDir: string;

  beforeAll(async () => {
    spaDir = await buildSpa();
    stack = await startStack({ staticDir: spaDir });
    operator = await person(stack, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_operator'], displayName: 'Teamleider T. de Wit', signIn: false });
    await createDevice(stack.pool, { id: 'aw-report-1', region: 'utrecht' });
    // ten alarms over the last three days: acknowledged after 20 s (x6), 90 s (x2), 400 s, and one never
    const acks = [20, 20, 20, 20, 20, 20, 90, 90, 400, null];
    for (const [i, ack] of acks.entries()) {
      const hoursAgo = 5 + i * 7;
      await stack.pool.query(
        `INSERT INTO alarms (device_id, device_alarm_id, region, pressed_at, received_at, first_console_at, confirmed_at, acknowledged_at, acknowledged_by, escalated_at, state, resolved_at, outcome)
         VALUES ('aw-report-1', $1, 'utrecht', now() - $2 * interval '1 hour', now() - $2 * interval '1 hour', now() - $2 * interval '1 hour' + interval '40 ms',
                 now() - $2 * interval '1 hour' + interval '60 ms',
                 CASE WHEN $3::int IS NULL THEN NULL ELSE now() - $2 * interval '1 hour' + $3 * interval '1 second' END,
                 CASE WHEN $3::int IS NULL THEN NULL ELSE $4::uuid END,
                 CASE WHEN $3::int IS NULL OR $3 > 30 THEN now() - $2 * interval '1 hour' + interval '30 seconds' END,
                 CASE WHEN $3::int IS NULL THEN 'new' ELSE 'resolved' END::alarm_state,
                 CASE WHEN $3::int IS NULL THEN NULL ELSE now() - $2 * interval '1 hour' + interval '10 minutes' END,
                 CASE WHEN $3::int IS NULL THEN NULL ELSE 'false_alarm' END::alarm_outcome)`,
        [`report-${i}`, hoursAgo, ack, operator.issued.user.id],
      );
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
    page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.message}\n`));
    await mkdir(SCREENSHOTS, { recursive: true });
    await signInWithCode(page, stack.baseUrl, operator);
    await page.waitForSelector('[data-connection="live"]', { timeout: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (spaDir) await rm(spaDir, { recursive: true, force: true });
  });

  it('shows the share acknowledged within 60 and 180 s against the targets, per day, with the slowest alarms', async () => {
    await page.locator('.topbar nav').getByRole('link', { name: 'Aannametijden' }).click();
    const totals = page.locator('.report-totals');
    await expect.poll(() => totals.textContent(), { timeout: 10_000 }).toContain('10 alarmen');
    const text = (await totals.textContent())!;
    expect(text).toContain('60,0 % binnen 60 s (norm 97,5 %)');
    expect(text).toContain('80,0 % binnen 180 s (norm 99,0 %)');
    expect(text).toContain('4 geëscaleerd');
    expect(await page.locator('.report-totals .below').count()).toBe(2);
    expect(await page.locator('.share-chart rect.bar').count()).toBe(2 * (await page.locator('.report-table tbody tr').count()));
    const slowest = page.locator('.report-slowest li');
    expect(await slowest.first().textContent()).toContain('nooit bevestigd');
    expect(await slowest.nth(1).textContent()).toContain('bevestigd na 400 s');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-answer-times.png'), fullPage: true });
  });

  it('groups per shift and exports the alarms as CSV', async () => {
    await page.locator('.report-controls select').nth(1).selectOption('shift');
    await expect.poll(() => page.locator('.report-table th').first().textContent()).toBe('Dienst');
    expect(await page.locator('.report-table tbody').textContent()).toMatch(/(dag|avond|nacht)/);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 8_000 }), page.getByRole('button', { name: 'Exporteren (CSV)' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('alarm,pendant,region,received_at,press_to_console_s,press_to_confirmation_s,press_to_acknowledge_s,escalated,acknowledged_by');
    expect(lines).toHaveLength(11);
    expect(lines.filter((l) => l.endsWith(',yes,veilig_thuis') || l.endsWith(',yes,'))).toHaveLength(4);
  });
});
