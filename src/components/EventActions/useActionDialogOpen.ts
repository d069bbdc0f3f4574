/**
 * The open state of an action's dialog (Ignore, Block IP, Create work item):
 * `open / defaultOpen / onOpenChange` on the shared useControllableState; the
 * analyst cannot dismiss it while its write is in flight; a finished write is
 * cleared when it opens again — by its trigger or by the host through `open` —
 * so it opens on the form, not on the last outcome.
 */
import { useLayoutEffect, useRef } from 'react';
import { useControllableState } from '../../hooks/useControllableState';

export interface ActionDialogOpenOptions {
  open: boolean | undefined;
  defaultOpen: boolean;
  onOpenChange: ((open: boolean) => void) | undefined;
  /** For the controlled/uncontrolled warning, e.g. "BlockIpButton.open". */
  name: string;
  /** The write is pending or being checked: Escape, the overlay and Cancel do nothing. */
  busy: boolean;
  /** The last write succeeded: opening again clears it (`clear`). */
  finished: boolean;
  clear: () => void;
}

export function useActionDialogOpen({ open, defaultOpen, onOpenChange, name, busy, finished, clear }: ActionDialogOpenOptions) {
  const [isOpen, setOpen] = useControllableState({ value: open, defaultValue: defaultOpen, onValueChange: onOpenChange, name });
  const latest = useRef({ finished, clear });
  latest.current = { finished, clear };

  /** What the dialog's own controls ask for (trigger, Escape, overlay, Cancel). */
  const request = (next: boolean) => {
    if (!next && busy) return;
    if (next && finished) clear();
    setOpen(next);
  };

  // Opened by the host (a controlled `open` turned true), which does not go through `request`.
  const wasOpen = useRef(isOpen);
  useLayoutEffect(() => {
    if (isOpen && !wasOpen.current && latest.current.finished) latest.current.clear();
    wasOpen.current = isOpen;
  }, [isOpen]);

  return { open: isOpen, setOpen, request };
}
