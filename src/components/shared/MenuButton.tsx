import { DismissableLayer } from '@radix-ui/react-dismissable-layer';
import { Portal } from '@radix-ui/react-portal';
import {
  Fragment,
  useCallback,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useAnchoredPosition, type AnchorAlign } from './useAnchoredPosition';

type DataAttributes = { [name: `data-${string}`]: string | undefined };

export interface MenuButtonItem {
  /** Stable key. */
  id: string;
  /** Text shown and matched by typeahead. */
  label: string;
  onSelect: () => void;
  /** Shown, announced as unavailable, skipped by the arrow keys and typeahead. */
  disabled?: boolean;
  /** A separator line before this item. */
  separated?: boolean;
  /** Styling and test hooks (`data-slot`, `data-format`, …). */
  data?: DataAttributes;
}

export interface MenuButtonProps {
  /** The button's content (its accessible name). */
  children: ReactNode;
  items: readonly MenuButtonItem[];
  /** Where the menu is portalled (the provider's portal container, so theme variables apply). */
  container?: HTMLElement | null;
  align?: AnchorAlign;
  offset?: number;
  triggerProps?: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'children'> & DataAttributes;
  menuProps?: Omit<HTMLAttributes<HTMLDivElement>, 'role' | 'children'> & DataAttributes;
  itemClassName?: string;
  separatorClassName?: string;
}

const TYPEAHEAD_RESET_MS = 500;

function enabledIndexes(items: readonly MenuButtonItem[]): number[] {
  return items.flatMap((item, i) => (item.disabled ? [] : [i]));
}

/** The next enabled item whose label starts with `text`, searching after `from` and wrapping. */
export function typeaheadMatch(items: readonly MenuButtonItem[], text: string, from: number): number {
  // The same letter typed again cycles through the items starting with it.
  const search = [...text].every((c) => c === text[0]) ? text[0]! : text;
  const start = search.length === 1 ? from + 1 : Math.max(from, 0);
  for (let step = 0; step < items.length; step++) {
    const i = (start + step) % items.length;
    const item = items[i]!;
    if (!item.disabled && item.label.toLowerCase().startsWith(search)) return i;
  }
  return -1;
}

/**
 * A WAI-ARIA menu button (APG "menu button" pattern): a button with
 * aria-haspopup="menu" opening a role="menu" of role="menuitem" items.
 * Enter, Space or ArrowDown on the button open it on the first item, ArrowUp
 * on the last; in the menu the arrows move with wrap-around, Home and End
 * jump, a letter jumps to the next item starting with it, Enter or Space
 * activate, Escape closes back to the button, Tab closes and moves on from
 * the button. An outside click closes without taking focus back. Dismissal
 * is Radix's DismissableLayer (already in the bundle for the dialogs), so
 * Escape closes only the topmost layer when the menu sits inside a dialog.
 */
export function MenuButton({
  children,
  items,
  container,
  align = 'start',
  offset = 4,
  triggerProps,
  menuProps,
  itemClassName,
  separatorClassName,
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLDivElement | null>>([]);
  const openOn = useRef<'first' | 'last'>('first');
  const typeahead = useRef({ text: '', at: 0 });
  const latestItems = useRef(items);
  latestItems.current = items;
  const triggerId = useId();
  const menuId = useId();
  const anchor = useAnchoredPosition<HTMLDivElement>(triggerRef, { align, offset });

  const menuRef = useCallback(
    (menu: HTMLDivElement | null) => {
      anchor(menu);
      if (!menu) return;
      // Focus moves in when the menu mounts (items are attached before their parent's ref runs).
      const enabled = enabledIndexes(latestItems.current);
      const first = openOn.current === 'last' ? enabled[enabled.length - 1] : enabled[0];
      const target = first === undefined ? menu : itemRefs.current[first];
      target?.focus();
    },
    [anchor],
  );

  const show = (where: 'first' | 'last') => {
    openOn.current = where;
    typeahead.current.text = '';
    setOpen(true);
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    setActive(-1);
    if (returnFocus) triggerRef.current?.focus();
  };
  const activate = (index: number) => {
    const item = items[index];
    if (!item || item.disabled) return;
    // Focus goes back first, so what onSelect focuses (or restores) wins.
    close(true);
    item.onSelect();
  };
  const focusItem = (index: number | undefined) => {
    if (index !== undefined && index >= 0) itemRefs.current[index]?.focus();
  };

  const onTriggerKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    triggerProps?.onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      show(event.key === 'ArrowDown' ? 'first' : 'last');
    }
    // Enter and Space reach onClick as the button's own activation.
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = enabledIndexes(items);
    const current = itemRefs.current.findIndex((el) => el !== null && el === event.target);
    const at = enabled.indexOf(current);
    const last = enabled[enabled.length - 1];
    const typing = event.timeStamp - typeahead.current.at < TYPEAHEAD_RESET_MS && typeahead.current.text !== '';
    // Any other key (arrows, Home, …) starts a new typed word.
    if (event.key.length !== 1) typeahead.current.text = '';
    if (event.key === 'ArrowDown') focusItem(at < 0 ? enabled[0] : enabled[(at + 1) % enabled.length]);
    else if (event.key === 'ArrowUp') focusItem(at <= 0 ? last : enabled[at - 1]);
    else if (event.key === 'Home' || event.key === 'PageUp') focusItem(enabled[0]);
    else if (event.key === 'End' || event.key === 'PageDown') focusItem(last);
    else if (event.key === 'Enter' || (event.key === ' ' && !typing)) activate(current);
    else if (event.key === 'Tab') {
      // Focus back on the button before the browser's default Tab runs: Tab then moves on from there.
      close(true);
      return;
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const text = (typing ? typeahead.current.text : '') + event.key.toLowerCase();
      typeahead.current = { text, at: event.timeStamp };
      focusItem(typeaheadMatch(items, text, current));
    } else return;
    event.preventDefault();
  };

  return (
    <>
      <button
        {...triggerProps}
        ref={triggerRef}
        type="button"
        id={triggerId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-state={open ? 'open' : 'closed'}
        onClick={(event) => {
          triggerProps?.onClick?.(event);
          if (event.defaultPrevented) return;
          if (open) close(false);
          else show('first');
        }}
        onKeyDown={onTriggerKeyDown}
      >
        {children}
      </button>
      {open ? (
        <Portal asChild container={container}>
          <DismissableLayer
            {...menuProps}
            ref={menuRef}
            role="menu"
            id={menuId}
            aria-labelledby={triggerId}
            aria-orientation="vertical"
            tabIndex={-1}
            data-state="open"
            onKeyDown={onMenuKeyDown}
            onEscapeKeyDown={(event) => {
              // Handled here (not by onDismiss) because only Escape takes focus back to the button.
              event.preventDefault();
              close(true);
            }}
            // The button toggles the menu itself; pressing or focusing it is not an outside interaction.
            onInteractOutside={(event) => {
              if (event.target instanceof Node && triggerRef.current?.contains(event.target)) event.preventDefault();
            }}
            onDismiss={() => close(false)}
          >
            {items.map((item, i) => (
              <Fragment key={item.id}>
                {item.separated ? <div role="separator" className={separatorClassName} /> : null}
                {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events -- an item's keys bubble to onMenuKeyDown */}
                <div
                  {...item.data}
                  ref={(el) => {
                    itemRefs.current[i] = el;
                  }}
                  role="menuitem"
                  tabIndex={-1}
                  className={itemClassName}
                  aria-disabled={item.disabled || undefined}
                  data-disabled={item.disabled ? '' : undefined}
                  data-highlighted={active === i ? '' : undefined}
                  onFocus={() => setActive(i)}
                  onBlur={() => setActive((a) => (a === i ? -1 : a))}
                  // Hover moves focus like the arrows do, so keyboard and pointer share one highlight.
                  onPointerMove={(event) => {
                    if (!item.disabled && document.activeElement !== event.currentTarget) event.currentTarget.focus();
                  }}
                  onClick={() => activate(i)}
                >
                  {item.label}
                </div>
              </Fragment>
            ))}
          </DismissableLayer>
        </Portal>
      ) : null}
    </>
  );
}
