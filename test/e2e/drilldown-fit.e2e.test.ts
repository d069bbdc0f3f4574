/**
 * Issue 15: in a narrow panel the drilldown header's "Blocked … until …"
 * badge ran past the panel's edge. Measured in a real browser (layout, which
 * jsdom does not do): every line of the badge lies inside the panel.
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

it('the blocked badge of an IPv6 actor wraps inside a 320 px panel', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
  try {
    await page.goto(`${inject('storybookUrl')}/iframe.html?id=threatdrilldown--blocked-actor-narrow&viewMode=story`);
    const badge = page.locator('[data-testid="narrow-panel"] [data-slot="actor-blocked"][data-state="blocked"]');
    await badge.waitFor({ timeout: 60_000 });
    expect(await badge.textContent()).toContain('2001:db8:85a3:8d3::/64');
    const fit = await page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('[data-testid="narrow-panel"]')!;
      const el = panel.querySelector<HTMLElement>('[data-slot="actor-blocked"]')!;
      const edge = panel.getBoundingClientRect();
      // An inline badge that wraps has one box per line: each must be inside.
      const lines = [...el.getClientRects()].map((r) => ({ left: r.left, right: r.right }));
      return { panelLeft: edge.left, panelRight: edge.right, lines, overflow: panel.scrollWidth - panel.clientWidth };
    });
    expect(fit.lines.length).toBeGreaterThan(0);
    for (const line of fit.lines) {
      expect(line.left).toBeGreaterThanOrEqual(fit.panelLeft - 0.5);
      expect(line.right).toBeLessThanOrEqual(fit.panelRight + 0.5);
    }
    expect(fit.overflow).toBeLessThanOrEqual(0);
  } finally {
    await page.close();
  }
});
