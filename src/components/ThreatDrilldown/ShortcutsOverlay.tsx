/**
 * The `?` overlay: a dialog listing every drilldown shortcut, rendered from
 * the same table the key handler reads (drilldownShortcuts.ts).
 */
import * as Dialog from '@radix-ui/react-dialog';
import { clsx } from 'clsx';
import { useRef, type ComponentPropsWithoutRef } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useControllableState } from '../../hooks/useControllableState';
import { DRILLDOWN_SHORTCUTS, type DrilldownShortcut } from './drilldownShortcuts';

export interface ShortcutsOverlayProps extends Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'children'> {
  /** Whether the overlay shows, when controlled (ThreatActivityView opens it on `?`). */
  open?: boolean;
  /** Open on mount when uncontrolled. */
  defaultOpen?: boolean;
  /** Called on every open and close, controlled or not. */
  onOpenChange?: (open: boolean) => void;
  shortcuts?: readonly DrilldownShortcut[];
}

export function ShortcutsOverlay({ open: openProp, defaultOpen = false, onOpenChange, shortcuts = DRILLDOWN_SHORTCUTS, className, onOpenAutoFocus, onCloseAutoFocus, ...rest }: ShortcutsOverlayProps) {
  const { t, portalContainer } = useThreatDeck();
  const [open, setOpen] = useControllableState({ value: openProp, defaultValue: defaultOpen, onValueChange: onOpenChange, name: 'ShortcutsOverlay.open' });
  // Opened by a key, not by a Dialog.Trigger: Radix would return focus to no trigger (the body),
  // so focus goes back to where it was when the overlay opened.
  const returnTo = useRef<HTMLElement | null>(null);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal container={portalContainer}>
        <Dialog.Overlay className="td-dialog-overlay" data-slot="dialog-overlay" />
        <Dialog.Content
          data-slot="shortcuts-overlay"
          className={clsx('td-dialog td-shortcuts', className)}
          onOpenAutoFocus={(event) => {
            returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            onOpenAutoFocus?.(event);
          }}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            if (event.defaultPrevented) return;
            const target = returnTo.current;
            returnTo.current = null;
            if (target?.isConnected) {
              event.preventDefault();
              target.focus();
            }
          }}
          {...rest}
        >
          <Dialog.Title>{t('shortcuts.title')}</Dialog.Title>
          <Dialog.Description data-slot="dialog-description">{t('shortcuts.description')}</Dialog.Description>
          <table data-slot="shortcuts-table" className="td-shortcuts-table">
            <thead>
              <tr>
                <th scope="col">{t('shortcuts.column.keys')}</th>
                <th scope="col">{t('shortcuts.column.action')}</th>
              </tr>
            </thead>
            <tbody>
              {shortcuts.map((s) => (
                <tr key={s.id} data-shortcut={s.id}>
                  <td>
                    <kbd className="td-kbd">{s.display ?? s.keys.join(' / ')}</kbd>
                  </td>
                  <td>{t(s.label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="td-dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="td-button" data-slot="close">
                {t('common.close')}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
