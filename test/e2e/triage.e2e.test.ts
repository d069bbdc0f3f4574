/**
 * Keyboard-only triage in the demo, from page load, without a mouse: filter by
 * host, open the first activity, read the Attempt tab, copy as cURL, mark for
 * review, move to the next activity, ignore it with a reason. Asserts what the
 * user sees and what the adapter holds.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';
import { focusedName, pressUntil, tabTo } from './support/keyboard';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type AdapterProbe = (fn: string, arg?: unknown) => Promise<unknown>;
function adapterProbe(page: Page): AdapterProbe {
  // Reads the demo's adapter state (assertions only; the user never leaves the keyboard).
  return (fn, arg) =>
    page.evaluate(
      async ([name, a]) => {
        const adapter = (window as unknown as { __threatdeckAdapter: Record<string, (p: unknown) => Promise<unknown>> }).__threatdeckAdapter;
        return adapter[name as string]!({ ...(a as object), signal: new AbortController().signal });
      },
      [fn, arg] as const,
    );
}

const openId = (page: Page) => new URL(page.url()).searchParams.get('open');

it('triages from the keyboard alone', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${inject('demoUrl')}/index.html?activities=3000`);
  await page.waitForSelector('[role="grid"] [role="row"][aria-rowindex]');
  const probe = adapterProbe(page);

  // 1. Filter by host: the Host filter, its search box, then the option.
  const facet = (await probe('getFacet', { field: 'host', query: { status: 'active', search: '', filters: { actor: [], url: [], host: [], type: [], subcategory: [], successfulExploit: [], severity: [] }, time: null, sort: { field: 'lastSeen', direction: 'desc' } } })) as { options: Array<{ value: string; count: number }> };
  const host = facet.options[0]!.value;
  await tabTo(page, /^button: Host$/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-slot="facet-popover"][data-field="host"]');
  if (/search/i.test(await focusedName(page)) === false) await tabTo(page, /Search/i);
  await page.keyboard.type(host);
  await tabTo(page, new RegExp(`^(input|checkbox): ${host.replace(/[.]/g, '\\.')}`));
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect
    .poll(async () => {
      const hosts = await page.$$eval('[role="grid"] [role="row"][aria-rowindex] [role="gridcell"][data-column="host"]', (cells) => cells.map((c) => c.textContent));
      return hosts.length > 0 && hosts.every((h) => h === host);
    }, { timeout: 15_000 })
    .toBe(true);
  expect(new URL(page.url()).searchParams.getAll('host')).toEqual([host]);

  // 2. Open the first activity: into the grid, first row, Enter.
  await tabTo(page, /^grid:/);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect.poll(() => openId(page)).not.toBeNull();
  const firstId = openId(page)!;
  expect(await focusedName(page)).toMatch(/^(region|section): Activity details/);

  // 3. Read the Attempt tab.
  await tabTo(page, /^tab: Overview/);
  await pressUntil(page, 'ArrowRight', /^tab: Attempt/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[role="tabpanel"][data-state="active"] [data-slot="request-line"]', { timeout: 15_000 }).catch(async (error: Error) => {
    // Seen once in a full run (not reproduced since): say what the panel showed instead.
    const panel = await page.locator('[role="tabpanel"][data-state="active"]').allTextContents();
    throw new Error(`${error.message}\nopen=${openId(page)}; active panel: ${JSON.stringify(panel).slice(0, 800)}`);
  });

  // 4. Copy as cURL from the copy menu.
  await tabTo(page, /Copy as/);
  await page.keyboard.press('Enter');
  await pressUntil(page, 'ArrowDown', /^menuitem: Copy as cURL/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toMatch(/^curl /);
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(host);
  await expect.poll(() => page.locator('[role="status"]').allTextContents()).toContainEqual(expect.stringMatching(/cop/i));

  // 5. Mark for Review.
  await tabTo(page, /^button: Mark for Review$/);
  await page.keyboard.press('Enter');
  await expect.poll(async () => ((await probe('getActivity', { id: firstId })) as { status: string }).status, { timeout: 10_000 }).toBe('under_review');

  // 6. Next activity.
  await tabTo(page, /^button: Next activity$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => openId(page)).not.toBe(firstId);
  const secondId = openId(page)!;
  const second = (await probe('getActivity', { id: secondId })) as { actor: { ip: string }; policy: { id: string }; status: string };
  expect(second.status).toBe('active');

  // 7. Ignore it with a reason.
  await tabTo(page, /^button: Ignore$/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[role="dialog"]');
  await tabTo(page, /Reason/);
  await page.keyboard.type('Known scanner from the red team exercise');
  await tabTo(page, /^button: Ignore$/);
  await page.keyboard.press('Enter');
  await expect.poll(async () => ((await probe('getActivity', { id: secondId })) as { status: string }).status, { timeout: 10_000 }).toBe('ignored');
  const rules = (await probe('listSuppressionRules', { pageSize: 100 })) as { items: Array<{ actorIp: string; policyId: string; reason?: string }> };
  expect(rules.items).toContainEqual(expect.objectContaining({ actorIp: second.actor.ip, policyId: second.policy.id, reason: 'Known scanner from the red team exercise' }));
  expect(errors).toEqual([]);
  await context.close();
});
