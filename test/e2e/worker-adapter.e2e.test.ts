/**
 * The components run unchanged on an adapter in a Web Worker: the demo with
 * `?worker=1` serves its memory adapter from a module worker through
 * serveAdapter / connectPortAdapter. It lists, opens an activity, shows an
 * attempt, and marks the activity for review; the change is visible through
 * the port adapter the page holds.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('lists, opens, shows an attempt and marks an activity for review with the adapter in a worker', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${inject('demoUrl')}/index.html?worker=1&activities=2000`);
  await page.waitForSelector('[role="grid"] [role="row"][aria-rowindex]', { timeout: 30_000 });
  // The page holds no memory adapter: its adapter is the port to the worker.
  expect(await page.evaluate(() => typeof (window as unknown as { __threatdeckAdapter: { simulateLiveEvents?: unknown } }).__threatdeckAdapter.simulateLiveEvents)).toBe('undefined');
  expect(new URL(page.url()).searchParams.get('worker')).toBe('1');

  await page.locator('[role="grid"]').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('open')).not.toBeNull();
  const id = new URL(page.url()).searchParams.get('open')!;
  await page.getByRole('tab', { name: /Attempt/ }).click();
  await page.waitForSelector('[role="tabpanel"][data-state="active"] [data-slot="request-line"]', { timeout: 15_000 });

  const status = () =>
    page.evaluate(async (activityId) => {
      const adapter = (window as unknown as { __threatdeckAdapter: { getActivity: (p: unknown) => Promise<{ status: string }> } }).__threatdeckAdapter;
      return (await adapter.getActivity({ id: activityId, signal: new AbortController().signal })).status;
    }, id);
  expect(await status()).toBe('active');
  await page.getByRole('button', { name: 'Mark for Review', exact: true }).click();
  await expect.poll(status, { timeout: 15_000 }).toBe('under_review');
  expect(errors).toEqual([]);
  await page.close();
});
