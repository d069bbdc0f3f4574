/**
 * Copy text to the clipboard, also where `navigator.clipboard` is missing or
 * refuses (insecure origin, permissions, older embeds): then a hidden textarea
 * and `document.execCommand('copy')` are used.
 */
import { useCallback, useRef, useState } from 'react';

export async function copyText(text: string): Promise<boolean> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the textarea fallback
    }
  }
  return copyWithTextarea(text);
}

function copyWithTextarea(text: string): boolean {
  if (typeof document === 'undefined' || typeof document.execCommand !== 'function') return false;
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '0';
  area.style.opacity = '0';
  area.style.pointerEvents = 'none';
  document.body.appendChild(area);
  try {
    area.focus({ preventScroll: true });
    area.select();
    area.setSelectionRange(0, text.length);
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus({ preventScroll: true });
  }
}

export type ClipboardStatus = 'idle' | 'copied' | 'error';

export interface ClipboardState<L> {
  status: ClipboardStatus;
  /** What the last copy was, as given to `copy` (for the confirmation message). */
  label: L | null;
  copy: (text: string, label: L) => Promise<boolean>;
}

/** `copy(text, label)` plus the outcome of the last copy, for a live-region confirmation. */
export function useClipboard<L = string>(): ClipboardState<L> {
  const [state, setState] = useState<{ status: ClipboardStatus; label: L | null }>({ status: 'idle', label: null });
  const seq = useRef(0);
  const copy = useCallback(async (text: string, label: L) => {
    const mine = ++seq.current;
    const ok = await copyText(text);
    // A slower, older copy never overwrites the newer one's confirmation.
    if (mine === seq.current) setState({ status: ok ? 'copied' : 'error', label });
    return ok;
  }, []);
  return { ...state, copy };
}
