/**
 * The components run unchanged on createHttpAdapter: the demo, pointed at the
 * reference server (the memory adapter behind the documented REST contract)
 * on loopback, lists activities, opens one, and marks it for review; the
 * change is visible through the server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory';
import { startReferenceServer } from '../../server/reference-server';
import { launchChromium } from './support/browser';

let browser: Browser;
let server: Awaited<ReturnType<typeof startReferenceServer>>;
beforeAll(async () => {
  browser = await launchChromium();
  // The demo is served from another origin: CORS is off unless that origin is allowed.
  server = await startReferenceServer({
    adapter: createMemoryAdapter({ seed: 3, activities: 500, hugeActivityAttempts: 0, live: false }),
    corsOrigins: [new URL(inject('demoUrl')).origin],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('lists, opens and marks an activity for review over HTTP', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${inject('demoUrl')}/index.html?api=${encodeURIComponent(server.url)}`);
  await page.waitForSelector('[role="grid"] [role="row"][aria-rowindex]', { timeout: 30_000 });
  await page.locator('[role="grid"]').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('open')).not.toBeNull();
  const id = new URL(page.url()).searchParams.get('open')!;
  const statusOnServer = async () => {
    const body = (await (await fetch(`${server.url}/activities/${encodeURIComponent(id)}`)).json()) as { status?: string; activity?: { status?: string } };
    return body.status ?? body.activity?.status;
  };
  expect(await statusOnServer()).toBe('active');
  await page.getByRole('button', { name: 'Mark for Review', exact: true }).click();
  await expect.poll(statusOnServer, { timeout: 15_000 }).toBe('under_review');
  expect(errors).toEqual([]);
  await page.close();
});
