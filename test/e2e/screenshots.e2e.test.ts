/**
 * Screenshots of the console (light and dark) from the built demo, and a check
 * that the page renders the list and the drilldown. Written outside the tracked
 * tree (test-results/) unless SCREENSHOTS_DIR says otherwise: `npm run
 * screenshots` refreshes the README's copies in docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(out, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

it.each(['light', 'dark'] as const)('writes the %s console screenshot', async (theme) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${inject('demoUrl')}/index.html?activities=3000&open=act-000003${theme === 'dark' ? '&theme=dark' : ''}`);
  await page.waitForSelector('[role="grid"] [role="row"][aria-rowindex]');
  await page.waitForSelector('[data-slot="view-drilldown"] [role="tablist"]');
  await page.waitForTimeout(500);
  expect(await page.getAttribute('[data-slot="threatdeck-root"]', 'data-theme')).toBe(theme);
  await page.screenshot({ path: resolve(out, `console-${theme}.png`) });
  await page.close();
});
