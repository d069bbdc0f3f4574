/**
 * Issue 15, "Storybook": what a designer meets in the Storybook UI itself
 * (the manager, not a story's iframe). The theme, density and strings
 * toolbars; real controls (a select, radios, a text box, a switch) for the
 * props a designer changes rather than JSON editors; no onboarding; a docs
 * page per component.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';

const root = resolve(import.meta.dirname, '../..');
const index = JSON.parse(readFileSync(resolve(root, 'storybook-static/index.json'), 'utf8')) as {
  entries: Record<string, { id: string; type: string; title: string }>;
};

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${inject('storybookUrl')}/index.html?path=/story/threatdrilldown--overview`);
  await page.frameLocator('#storybook-preview-iframe').locator('[data-slot="threatdeck-root"]').first().waitFor({ timeout: 60_000 });
});
afterAll(async () => {
  await browser?.close();
});

/** The Controls panel's row for one arg. */
const controlRow = (name: string) => page.locator('table tbody tr').filter({ has: page.locator(`td:first-child`, { hasText: new RegExp(`^${name}\\*?$`) }) });

describe('Storybook UI', () => {
  it('has the theme, density and strings toolbars', async () => {
    // Each a toolbar button showing its current value (its accessible name is the global's description).
    for (const value of ['Light', 'Comfortable', 'English']) await expect(page.locator('button', { hasText: new RegExp(`^${value}$`) }).count()).resolves.toBe(1);
  });

  it('gives the designer props real controls, not JSON editors', async () => {
    await page.getByRole('tab', { name: /Controls/ }).click();
    await expect(controlRow('severity').locator('select').count()).resolves.toBe(1);
    await expect(controlRow('activityStatus').locator('input[type="radio"]').count()).resolves.toBe(3);
    await expect(controlRow('path').locator('textarea, input[type="text"]').count()).resolves.toBe(1);
    await expect(controlRow('successfulExploit').locator('input[type="checkbox"]').count()).resolves.toBe(1);
    await expect(controlRow('defaultTab').locator('input[type="radio"]').count()).resolves.toBe(4);
    // Changing one re-renders the story with it.
    await controlRow('severity').locator('select').selectOption('low');
    await page.frameLocator('#storybook-preview-iframe').getByText('Low', { exact: true }).first().waitFor({ timeout: 10_000 });
  });

  it('shows no onboarding', async () => {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/onboarding|get started|what's new/i);
  });

  it('has a docs page for every component with stories', () => {
    const entries = Object.values(index.entries);
    const titles = new Set(entries.filter((e) => e.type === 'story').map((e) => e.title));
    const docs = new Set(entries.filter((e) => e.type === 'docs').map((e) => e.title));
    expect(titles.size).toBeGreaterThan(10);
    expect([...titles].filter((t) => !docs.has(t))).toEqual([]);
  });
});
