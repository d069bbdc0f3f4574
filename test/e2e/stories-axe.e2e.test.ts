/**
 * axe reports no violations on any story, light and dark, in a real browser
 * (colour contrast included, which jsdom cannot check).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

/**
 * Stories are switched inside one loaded preview, as the Storybook UI does
 * (the previous story is torn down, its React tree unmounted): a page load
 * per story spent ~3 of its ~4.5 s loading the preview and axe again. A
 * fresh page every PAGE_REUSE stories, and after any failure, so what a
 * story leaves behind (timers of its adapter, say) cannot pile up.
 */
const PAGE_REUSE = 25;
let current: { page: Page; errors: string[]; shown: number } | null = null;

type Channel = { on: (e: string, f: (...a: unknown[]) => void) => void; off: (e: string, f: (...a: unknown[]) => void) => void };
type PreviewWindow = {
  __STORYBOOK_ADDONS_CHANNEL__: Channel;
  __STORYBOOK_PREVIEW__: { onSetCurrentStory: (s: unknown) => void; currentRender?: { phase?: string } };
};
/** Render phases after which a story is done (Storybook's StoryRender). */
const SETTLED = ['finished', 'errored', 'aborted'];

async function closePage() {
  const open = current;
  current = null;
  await open?.page.close().catch(() => {});
}

async function showStory(id: string): Promise<{ page: Page; errors: string[] }> {
  if (current && current.shown >= PAGE_REUSE) await closePage();
  if (!current) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${inject('storybookUrl')}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=theme:light`);
    await page.waitForSelector('#storybook-root [data-slot="threatdeck-root"]', { timeout: 60_000 });
    // The first story's render runs on (its play function, waiting for animations) after its root is in the DOM.
    const phase = await page.waitForFunction(
      (settled) => {
        const p = (window as unknown as PreviewWindow).__STORYBOOK_PREVIEW__.currentRender?.phase;
        return p && settled.includes(p) ? p : null;
      },
      SETTLED,
      { timeout: 30_000 },
    );
    expect(await phase.jsonValue(), `story ${id}`).toBe('finished');
    await page.addScriptTag({ content: axeSource });
    current = { page, errors, shown: 1 };
    return current;
  }
  current.shown++;
  current.errors.length = 0;
  const outcome = await current.page.evaluate(
    (storyId) =>
      new Promise<string>((resolve) => {
        const w = window as unknown as PreviewWindow;
        const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
        // Finished (its play function and afterEach hooks done: switching away earlier makes Storybook
        // reload the page to abort them), or why not. "storyRendered" comes before the afterEach phase, and
        // a late one can be the previous story's.
        const onFinished = (...args: unknown[]) => {
          const done = args[0] as { storyId?: string; status?: string } | undefined;
          if (done?.storyId === storyId) finish(done.status === 'success' ? 'finished' : `finished with ${done.status}`);
        };
        const handlers: Array<[string, (...a: unknown[]) => void]> = [
          ['storyFinished', onFinished],
          ...['storyErrored', 'storyThrewException', 'storyMissing'].map((e): [string, () => void] => [e, () => finish(e)]),
        ];
        const timer = setTimeout(() => finish('timed out'), 30_000);
        function finish(what: string) {
          clearTimeout(timer);
          for (const [e, h] of handlers) channel.off(e, h);
          resolve(what);
        }
        for (const [e, h] of handlers) channel.on(e, h);
        w.__STORYBOOK_PREVIEW__.onSetCurrentStory({ storyId, viewMode: 'story' });
      }),
    id,
  );
  expect(outcome, `story ${id}`).toBe('finished');
  await current.page.waitForSelector('#storybook-root [data-slot="threatdeck-root"]', { timeout: 60_000 });
  return current;
}

// axe runs on the light theme, then the same story is switched to dark (the
// provider's data-theme, exactly what the toolbar sets) and axe runs again, so
// colour contrast is checked in both.
describe('axe on every story, light and dark', () => {
  it('finds stories to check', () => {
    expect(stories.length).toBeGreaterThan(10);
  });

  it.each(stories.map((s) => [`${s.title} / ${s.name}`, s.id] as const))('%s', async (_name, id) => {
    let passed = false;
    try {
      const { page, errors } = await showStory(id);
      // Let data load and animations settle (stories with a never-resolving adapter stay in loading).
      await page.waitForTimeout(400);
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
      passed = true;
    } finally {
      if (!passed) await closePage();
    }
  });
});
