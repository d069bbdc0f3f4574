// @vitest-environment jsdom
/** The shortcut table and its matcher: what a key press means, and when it means nothing. */
import { DRILLDOWN_SHORTCUTS, DRILLDOWN_TABS, shortcutForKey } from '../../../src/components/ThreatDrilldown';

const press = (key: string, target: EventTarget | null = document.body, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) =>
  shortcutForKey({ key, target, altKey: false, ctrlKey: false, metaKey: false, ...mods })?.id ?? null;

describe('drilldown shortcuts', () => {
  test('each key means one thing, and every tab has a digit', () => {
    const keys = DRILLDOWN_SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    DRILLDOWN_TABS.forEach((tab, i) => expect(press(String(i + 1))).toBe(`tab.${tab}`));
    expect(press('j')).toBe('next');
    expect(press('?')).toBe('help');
  });

  test('nothing with Ctrl, Alt or Meta, and only Escape while typing in a field', () => {
    expect(press('j', document.body, { ctrlKey: true })).toBeNull();
    expect(press('r', document.body, { metaKey: true })).toBeNull();
    expect(press('1', document.body, { altKey: true })).toBeNull();
    for (const html of ['<input />', '<textarea></textarea>', '<select><option>a</option></select>', '<div contenteditable="true"></div>']) {
      document.body.innerHTML = html;
      const field = document.body.firstElementChild!;
      expect(press('j', field)).toBeNull();
      expect(press('i', field)).toBeNull();
      expect(press('Escape', field)).toBe('close');
    }
    expect(press('J')).toBeNull();
  });
});
