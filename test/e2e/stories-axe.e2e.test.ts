/**
 * axe reports no violations on any story, light and dark, in a real browser
 * (colour contrast included, which jsdom cannot check).
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
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && !e.tags?.includes('skip-axe'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

// One page load per story: axe runs on the light theme, then the same story is
// switched to dark (the provider's data-theme, exactly what the toolbar sets)
// and axe runs again, so colour contrast is checked in both.
describe('axe on every story, light and dark', () => {
  it('finds stories to check', () => {
    expect(stories.length).toBeGreaterThan(10);
  });

  it.each(stories.map((s) => [`${s.title} / ${s.name}`, s.id] as const))('%s', async (_name, id) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${inject('storybookUrl')}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=theme:light`);
      await page.waitForSelector('#storybook-root [data-slot="threatdeck-root"]', { timeout: 60_000 });
      // Let data load and animations settle (stories with a never-resolving adapter stay in loading).
      await page.waitForTimeout(400);
      await page.addScriptTag({ content: axeSource });
      const violations: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        const found = await page.evaluate(async (t) => {
          const root = document.querySelector('#storybook-root [data-slot="threatdeck-root"]')!;
          root.setAttribute('data-theme', t);
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
          const result = await axe.run(document.querySelector('#storybook-root'), { resultTypes: ['violations'] });
          return result.violations.map((v) => `[${t}] ${v.id}: ${v.help} → ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }, theme);
        violations.push(...found);
      }
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
