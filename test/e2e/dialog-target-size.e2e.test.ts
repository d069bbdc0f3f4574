/**
 * WCAG 2.2 target size (2.5.8, axe `target-size`, off in axe's defaults) on
 * every story of the action components, with their dialogs open: the Ignore
 * and Block dialogs' radios were 13 × 13 px (issue 15).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const root = resolve(import.meta.dirname, '../..');
const index = JSON.parse(readFileSync(resolve(root, 'storybook-static/index.json'), 'utf8')) as {
  entries: Record<string, { id: string; type: string; title: string; name: string; tags?: string[] }>;
};
const stories = Object.values(index.entries).filter(
  (e) => e.type === 'story' && ['EventActions', 'BlockIpButton', 'CreateWorkItem'].includes(e.title) && !e.tags?.includes('skip-axe'),
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('target size (24 × 24) on the action stories', () => {
  it('covers the Ignore and Block dialog stories', () => {
    expect(stories.map((s) => s.id)).toEqual(expect.arrayContaining(['eventactions--ignore-dialog-open', 'blockipbutton--dialog-open']));
  });

  it.each(stories.map((s) => [`${s.title} / ${s.name}`, s.id] as const))('%s', async (_name, id) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${inject('storybookUrl')}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
      await page.waitForSelector('#storybook-root [data-slot="threatdeck-root"]', { timeout: 60_000 });
      await page.waitForTimeout(600);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        // The document, not only #storybook-root: the dialogs are portalled.
        const result = await axe.run(document, { runOnly: { type: 'rule', values: ['target-size'] }, resultTypes: ['violations'] });
        return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
