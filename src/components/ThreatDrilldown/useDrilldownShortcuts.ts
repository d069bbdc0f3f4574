/**
 * Turns the shortcut table into a keydown handler for the element that holds
 * the drilldown. Each handler says whether it acted; a key it acted on is
 * consumed (preventDefault), so an outer handler does not act on it again.
 */
import { useCallback, useRef, type KeyboardEvent } from 'react';
import { DRILLDOWN_SHORTCUTS, shortcutForKey, type DrilldownShortcutId } from './drilldownShortcuts';

export type DrilldownShortcutHandlers = Partial<Record<DrilldownShortcutId, () => boolean | void>>;

export function useDrilldownShortcuts(handlers: DrilldownShortcutHandlers) {
  // The latest handlers without a new callback each render.
  const latest = useRef(handlers);
  latest.current = handlers;
  return useCallback((event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return;
    // Keys from portalled content (dialogs, menus opened from the panel) bubble through React,
    // but belong to that content: only keys typed inside the panel's own DOM count.
    if (!(event.target instanceof Node) || !event.currentTarget.contains(event.target)) return;
    const shortcut = shortcutForKey(event, DRILLDOWN_SHORTCUTS);
    if (!shortcut) return;
    const handler = latest.current[shortcut.id];
    if (!handler) return;
    if (handler() !== false) event.preventDefault();
  }, []);
}
