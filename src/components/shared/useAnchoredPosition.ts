import { useCallback, useRef, type RefObject } from 'react';

/** Which edge of the trigger the content lines up with (left for `start`, right for `end`). */
export type AnchorAlign = 'start' | 'end';
export type AnchorSide = 'bottom' | 'top';

export interface AnchoredPositionOptions {
  align?: AnchorAlign;
  /** Gap between the trigger and the content, px. */
  offset?: number;
  /** Distance kept from the viewport's edges, px. */
  margin?: number;
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface AnchoredPlacement {
  top: number;
  left: number;
  side: AnchorSide;
}

/**
 * Where content of `size` goes next to `anchor` (viewport coordinates, as for
 * `position: fixed`): below, or above when it does not fit below but does
 * above (when it fits on neither side, the side with more room); shifted
 * horizontally so it stays inside the viewport.
 */
export function placeAnchored(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  { align = 'start', offset = 4, margin = 8 }: AnchoredPositionOptions = {},
): AnchoredPlacement {
  const roomBelow = viewport.height - margin - (anchor.bottom + offset);
  const roomAbove = anchor.top - offset - margin;
  const fitsBelow = size.height <= roomBelow;
  const side: AnchorSide = !fitsBelow && (size.height <= roomAbove || roomAbove > roomBelow) ? 'top' : 'bottom';
  const top = side === 'bottom' ? anchor.bottom + offset : Math.max(margin, anchor.top - offset - size.height);
  const wanted = align === 'start' ? anchor.left : anchor.right - size.width;
  // Clamp right first, then left: content wider than the viewport keeps its start visible.
  const left = Math.max(margin, Math.min(wanted, viewport.width - margin - size.width));
  return { top, left, side };
}

/**
 * Keeps a portalled element (`position: fixed`) anchored to its trigger.
 * Returns a callback ref for the content: placed synchronously when it mounts
 * (before the first paint, so it never shows in the wrong place), then again
 * on scroll (any scroller: capture), resize and when the content's own size
 * changes (options arriving), at most once per animation frame. Each pass
 * reads both rectangles before writing, so it forces at most one layout.
 * Writes go straight to the element's style (no React render per scroll).
 * Nothing runs on the server: refs are only called in the browser.
 * The listeners are released when React calls the ref with `null`: a cleanup
 * returned from a callback ref is React 19 only, and React 18 (a supported
 * peer) would ignore it and leak them.
 */
export function useAnchoredPosition<T extends HTMLElement = HTMLDivElement>(
  triggerRef: RefObject<HTMLElement | null>,
  { align = 'start', offset = 4, margin = 8 }: AnchoredPositionOptions = {},
): (content: T | null) => void {
  const release = useRef<(() => void) | null>(null);
  return useCallback(
    (content: T | null) => {
      release.current?.();
      release.current = null;
      const view = content?.ownerDocument.defaultView;
      if (!content || !view) return;
      let frame = 0;
      const place = () => {
        frame = 0;
        const trigger = triggerRef.current;
        if (!trigger) return;
        const anchor = trigger.getBoundingClientRect();
        const size = content.getBoundingClientRect();
        const root = content.ownerDocument.documentElement;
        // clientWidth leaves out a page scrollbar; innerWidth is the fallback where layout is not computed.
        const viewport = { width: root.clientWidth || view.innerWidth, height: root.clientHeight || view.innerHeight };
        const placement = placeAnchored(anchor, size, viewport, { align, offset, margin });
        content.style.position = 'fixed';
        content.style.top = `${placement.top}px`;
        content.style.left = `${placement.left}px`;
        content.dataset.side = placement.side;
        content.dataset.align = align;
      };
      const schedule = () => {
        if (!frame) frame = view.requestAnimationFrame(place);
      };
      place();
      view.addEventListener('scroll', schedule, { capture: true, passive: true });
      view.addEventListener('resize', schedule);
      const observer = typeof view.ResizeObserver === 'function' ? new view.ResizeObserver(schedule) : null;
      observer?.observe(content);
      release.current = () => {
        if (frame) view.cancelAnimationFrame(frame);
        view.removeEventListener('scroll', schedule, { capture: true });
        view.removeEventListener('resize', schedule);
        observer?.disconnect();
      };
    },
    [triggerRef, align, offset, margin],
  );
}
