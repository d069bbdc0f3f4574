/**
 * Windowing for fixed-height rows: which rows are in view (plus overscan) is
 * arithmetic on the scroll offset, O(1) whatever the row count.
 *
 * A general virtualiser keeps one measurement object per row and rebuilds
 * them whenever the row count or the row keys change. With offset paging the
 * grid holds a position for every matching activity (80k at 100k), so each
 * loaded block cost a pass over 80k objects in the scroll frame that loaded
 * it (and ~1 s at mount on a loaded machine). Rows here never vary in height,
 * so no measurement is needed at all.
 *
 * The grid re-renders only when the rendered range changes, not on every
 * scroll event inside it.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface RowWindowOptions {
  count: number;
  rowHeight: number;
  overscan: number;
  /** Height of the sticky header above the first row, inside the scroll element. */
  headerHeight: number;
  /** Viewport height used while the element reports none (not laid out, hidden tab, a DOM without layout). */
  fallbackHeight: number;
}

export interface RowWindow {
  /** First and last rendered row (last < first when there are none). */
  first: number;
  last: number;
  /** Scroll content below the header: every row's height. */
  bodyHeight: number;
  /** Scrolls the least needed to show row `index` whole below the header. */
  scrollToIndex: (index: number) => void;
  scrollToOffset: (top: number) => void;
  /** Current scroll offset and viewport height, read from the element (never stale). */
  viewport: () => { top: number; height: number };
}

interface Range {
  first: number;
  last: number;
}

export function rowRange(top: number, height: number, o: Pick<RowWindowOptions, 'count' | 'rowHeight' | 'overscan' | 'headerHeight'>): Range {
  if (o.count <= 0) return { first: 0, last: -1 };
  const h = o.rowHeight;
  const firstVisible = Math.floor(Math.max(0, top - o.headerHeight) / h);
  const lastVisible = Math.floor(Math.max(0, top + height - o.headerHeight - 1) / h);
  const first = Math.max(0, Math.min(o.count - 1, firstVisible - o.overscan));
  const last = Math.max(first, Math.min(o.count - 1, lastVisible + o.overscan));
  return { first, last };
}

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, options: RowWindowOptions): RowWindow {
  const { count, rowHeight, overscan, headerHeight, fallbackHeight } = options;
  const latest = useRef(options);
  latest.current = options;

  const viewport = useCallback(() => {
    const el = scrollRef.current;
    const h = el?.clientHeight ?? 0;
    return { top: el?.scrollTop ?? 0, height: h > 0 ? h : latest.current.fallbackHeight };
  }, [scrollRef]);

  const [range, setRange] = useState<Range>(() => rowRange(0, fallbackHeight, options));
  const update = useCallback(() => {
    const { top, height } = viewport();
    const next = rowRange(top, height, latest.current);
    setRange((prev) => (prev.first === next.first && prev.last === next.last ? prev : next));
  }, [viewport]);

  // A new count, row height or overscan moves the range without a scroll.
  useLayoutEffect(update, [update, count, rowHeight, overscan, headerHeight]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => update()) : null;
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [scrollRef, update]);

  const scrollToOffset = useCallback(
    (top: number) => {
      const el = scrollRef.current;
      if (!el) return;
      el.scrollTop = Math.max(0, top);
      // Browsers fire a scroll event (asynchronously); a DOM without layout never does.
      update();
    },
    [scrollRef, update],
  );

  const scrollToIndex = useCallback(
    (index: number) => {
      const { top, height } = viewport();
      const o = latest.current;
      const rowTop = o.headerHeight + index * o.rowHeight;
      const rowBottom = rowTop + o.rowHeight;
      // The sticky header covers the top of the viewport: a row is in view below it.
      if (rowTop - o.headerHeight < top) scrollToOffset(rowTop - o.headerHeight);
      else if (rowBottom > top + height) scrollToOffset(rowBottom - height);
    },
    [viewport, scrollToOffset],
  );

  // The range as last computed, clamped to the current count (rows may have gone since).
  const last = Math.min(range.last, count - 1);
  const first = Math.min(range.first, Math.max(0, last));
  return { first: count > 0 ? first : 0, last, bodyHeight: count * rowHeight, scrollToIndex, scrollToOffset, viewport };
}
