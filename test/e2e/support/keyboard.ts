import type { Page } from 'playwright-core';

/** What a screen reader would roughly announce for the focused element (enough to find it). */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-labelledby');
    const byLabelledBy = labelled
      ? labelled.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
      : '';
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const name = el.getAttribute('aria-label') || byLabelledBy || label || el.textContent || '';
    return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}: ${name.replace(/\s+/g, ' ').trim()}`;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's role/name matches, like a keyboard user would. */
export async function tabTo(page: Page, matcher: RegExp, { max = 80, backwards = false } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const name = await focusedName(page);
    if (matcher.test(name)) return;
    seen.push(name);
  }
  throw new Error(`Tab never reached ${matcher}; focus went through:\n  ${seen.join('\n  ')}`);
}

/**
 * Until the page has run what a key press scheduled: Radix's roving focus (tabs, menus) moves focus in a
 * setTimeout after the keydown, so reading focus right after the press can see the old element, and a
 * second press sent then overshoots the target (seen as the drilldown landing on Remediation, not Attempt).
 */
function settle(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => resolve(null)), 0)));
}

/** Presses a key until the focused element matches (menus, tabs, option lists). */
export async function pressUntil(page: Page, key: string, matcher: RegExp, max = 30): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const name = await focusedName(page);
    if (matcher.test(name)) return;
    seen.push(name);
    await page.keyboard.press(key);
    await settle(page);
  }
  throw new Error(`${key} never reached ${matcher}; focus went through:\n  ${seen.join('\n  ')}`);
}
