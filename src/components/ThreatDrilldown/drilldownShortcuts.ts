/**
 * The drilldown's keyboard shortcuts: one table that both the key handler and
 * the `?` overlay read, so what the overlay lists is exactly what the keys do.
 * Pure (no React): `shortcutForKey` decides which entry, if any, a key press
 * means.
 */
import type { MessageKey } from '../../i18n/en';
import { DRILLDOWN_TABS, type DrilldownTab } from './drilldownContext';

export type DrilldownShortcutId =
  | 'next'
  | 'previous'
  | `tab.${DrilldownTab}`
  | 'review'
  | 'ignore'
  | 'block'
  | 'workItem'
  | 'help'
  | 'close';

export interface DrilldownShortcut {
  id: DrilldownShortcutId;
  /** `KeyboardEvent.key` values that trigger it (layout-aware, so `?` is whatever key types `?`). */
  keys: readonly string[];
  /** How the keys read in the overlay, when not the key itself. */
  display?: string;
  label: MessageKey;
  /** Also while typing in a field (only Escape: it leaves the panel from anywhere). */
  inFields?: boolean;
}

export const DRILLDOWN_SHORTCUTS: readonly DrilldownShortcut[] = [
  { id: 'next', keys: ['j'], label: 'shortcuts.next' },
  { id: 'previous', keys: ['k'], label: 'shortcuts.previous' },
  ...DRILLDOWN_TABS.map((tab, i): DrilldownShortcut => ({ id: `tab.${tab}`, keys: [String(i + 1)], label: `shortcuts.tab.${tab}` })),
  { id: 'review', keys: ['r'], label: 'shortcuts.review' },
  { id: 'ignore', keys: ['i'], label: 'shortcuts.ignore' },
  { id: 'block', keys: ['b'], label: 'shortcuts.block' },
  { id: 'workItem', keys: ['w'], label: 'shortcuts.workItem' },
  { id: 'help', keys: ['?'], label: 'shortcuts.help' },
  { id: 'close', keys: ['Escape'], display: 'Esc', label: 'shortcuts.close', inFields: true },
];

/** What a key press needs for `shortcutForKey`; a DOM or React keyboard event fits. */
export interface ShortcutKeyEvent {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** The target takes typed text: single letters there are text, not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/**
 * The shortcut a key press means, or null: never with Ctrl, Alt or Meta (those
 * belong to the browser and the OS), and only Escape while typing in a field.
 */
export function shortcutForKey(event: ShortcutKeyEvent, shortcuts: readonly DrilldownShortcut[] = DRILLDOWN_SHORTCUTS): DrilldownShortcut | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const shortcut = shortcuts.find((s) => s.keys.includes(event.key));
  if (!shortcut) return null;
  if (!shortcut.inFields && isTypingTarget(event.target)) return null;
  return shortcut;
}
