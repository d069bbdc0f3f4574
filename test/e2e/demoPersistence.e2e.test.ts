/**
 * The demo keeps triage decisions across reloads (issue 15): a Mark for Review
 * made in the page is still there after a reload, restored from IndexedDB by
 * the memory adapter's write log, in the page and with the adapter in a
 * worker; "Reset demo data" forgets it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const firstRow = '[role="grid"] [role="row"][aria-rowindex]';
const statusOf = (page: Page, id: string) =>
  page.evaluate(async (activityId) => {
    const adapter = (window as unknown as { __threatdeckAdapter: { getActivity: (p: unknown) => Promise<{ status: string }> } }).__threatdeckAdapter;
    return (await adapter.getActivity({ id: activityId, signal: new AbortController().signal })).status;
  }, id);

for (const [name, extra] of [['in the page', ''], ['in a worker', '&worker=1']] as const) {
  it(`keeps a Mark for Review across a reload and forgets it on Reset demo data (adapter ${name})`, async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${inject('demoUrl')}/index.html?activities=2000${extra}`);
    await page.waitForSelector(firstRow, { timeout: 30_000 });
    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('open')).not.toBeNull();
    const id = new URL(page.url()).searchParams.get('open')!;
    await page.getByRole('button', { name: 'Mark for Review', exact: true }).click();
    await expect.poll(() => statusOf(page, id), { timeout: 15_000 }).toBe('under_review');

    await page.reload();
    await page.waitForSelector(firstRow, { timeout: 30_000 });
    expect(await statusOf(page, id)).toBe('under_review');

    await page.getByRole('button', { name: 'Reset demo data' }).click();
    await page.waitForEvent('load');
    await page.waitForSelector(firstRow, { timeout: 30_000 });
    expect(await statusOf(page, id)).toBe('active');
    expect(errors).toEqual([]);
    await context.close();
  });
}
