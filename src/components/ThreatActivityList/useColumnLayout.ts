/**
 * The grid's column layout: the width it has (a ResizeObserver on the
 * grid), the analyst's resized widths (TanStack column sizing state) and the
 * host's visibility, fitted by `layoutColumns`.
 */
import type { ColumnSizingState, Updater } from '@tanstack/react-table';
import { useCallback, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { activityColumns, type ActivityColumnId } from './activityColumns';
import { layoutColumns, type ColumnLayout } from './columnLayout';

export interface ActivityColumnLayout extends ColumnLayout {
  /** Visibility for the table: the host's, plus columns hidden for lack of space. */
  visibility: Record<string, boolean>;
  /** False until the grid's width was read: rows rendered before would be laid out twice. */
  measured: boolean;
  columnSizing: ColumnSizingState;
  onColumnSizingChange: (updater: Updater<ColumnSizingState>) => void;
}

/**
 * Width of `ref`'s element (its client width, so without a scrollbar); null until measured.
 * Not shared/useElementWidth: the grid's columns must be fitted before the first paint (a layout
 * effect on the scroll box the grid already holds), and "not measured yet" holds the rows back.
 */
function useClientWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setWidth(el.clientWidth);
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function useColumnLayout(
  scrollRef: RefObject<HTMLElement | null>,
  columnVisibility: Partial<Record<ActivityColumnId, boolean>> | undefined,
): ActivityColumnLayout {
  const width = useClientWidth(scrollRef);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const onColumnSizingChange = useCallback(
    (updater: Updater<ColumnSizingState>) => setColumnSizing((old) => (typeof updater === 'function' ? updater(old) : updater)),
    [],
  );
  const layout = useMemo(() => {
    const inputs = activityColumns
      .filter((c) => c.id === 'select' || columnVisibility?.[c.id as ActivityColumnId] !== false)
      .map((c) => ({
        id: c.id!,
        minSize: c.minSize ?? 80,
        size: c.size ?? 150,
        maxSize: c.maxSize ?? 1200,
        priority: c.meta?.priority ?? 1,
        userSize: columnSizing[c.id!],
      }));
    return layoutColumns(inputs, width ?? 0);
  }, [columnVisibility, columnSizing, width]);
  const visibility = useMemo(() => {
    const v: Record<string, boolean> = { ...columnVisibility };
    for (const id of layout.hidden) v[id] = false;
    v.select = true;
    return v;
  }, [columnVisibility, layout.hidden]);
  return { ...layout, measured: width !== null, visibility, columnSizing, onColumnSizingChange };
}
