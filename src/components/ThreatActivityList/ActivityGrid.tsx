/**
 * The virtualised activity grid (WAI-ARIA grid pattern, row focus).
 *
 * - One tab stop: the grid element itself; the focused row is exposed with
 *   `aria-activedescendant` (rows come and go with virtualisation, so DOM
 *   focus never sits on a row that could unmount).
 * - `aria-rowcount` is the query's total; every rendered row carries its
 *   `aria-rowindex` (the header row is 1).
 * - Only the visible rows plus overscan are in the DOM; reaching the end of
 *   the loaded rows asks for the next page (cursor).
 *
 * The parts: windowing (useRowWindow), DOM-slot recycling (rowSlots),
 * keyboard and focus (useGridKeyboard), rendering (ActivityGridRows).
 */
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { forwardRef, useCallback, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef } from 'react';
import { isRowSelected, selectIds, selectRange, toggleRow, EMPTY_SELECTION, type ActivitySelection } from '../../core/activitySelection';
import type { Activity } from '../../core/model';
import type { ActivitySort, SortField } from '../../core/query';
import { activityColumns, activityTableFeatures, columnIdForSortField, type ActivityColumnId, type ActivityTableMeta } from './activityColumns';
import { ActivityRow, HeaderRow } from './ActivityGridRows';
import { assignRowSlots } from './rowSlots';
import { RowPeek } from './RowPeek';
import { useColumnLayout } from './useColumnLayout';
import { useGridKeyboard } from './useGridKeyboard';
import { useRowWindow } from '../shared/useRowWindow';

/** Rows before the end of the loaded ones at which the next page is requested. */
const LOAD_AHEAD = 30;
/** The table's data window moves in steps of this many rows. */
const TABLE_CHUNK = 32;

export interface ActivityGridProps {
  rows: Activity[];
  /** Position of an activity in `rows`, or -1 (see useActivityList). */
  indexOf: (id: string) => number;
  total: number;
  sort: ActivitySort;
  onSortChange: (sort: ActivitySort) => void;
  /** Fields the backend can sort on; all when undefined. */
  sortableFields?: readonly string[] | undefined;
  columnVisibility?: Partial<Record<ActivityColumnId, boolean>> | undefined;
  columnOrder?: readonly ActivityColumnId[] | undefined;
  selection: ActivitySelection;
  onSelectionChange: (update: (prev: ActivitySelection) => ActivitySelection) => void;
  activeActivityId?: string | null | undefined;
  onActivityOpen?: ((id: string) => void) | undefined;
  /** Rows shown belong to a previous query while the new one loads. */
  busy: boolean;
  canLoadMore: boolean;
  onLoadMore: () => void;
  /** The rendered rows changed (offset reads load the positions in view; see useOffsetRows). */
  onRangeChange?: ((first: number, last: number) => void) | undefined;
  rowHeight: number;
  overscan: number;
  label: string;
  describedBy?: string;
  /** Host SLA for the time in triage (ms). */
  triageSlaMs?: number | undefined;
}

export interface ActivityGridHandle {
  scrollToTop: () => void;
  focus: () => void;
}

export const ActivityGrid = forwardRef<ActivityGridHandle, ActivityGridProps>(function ActivityGrid(props, ref) {
  const {
    rows,
    indexOf,
    total,
    sort,
    onSortChange,
    sortableFields,
    columnVisibility,
    columnOrder,
    selection,
    onSelectionChange,
    activeActivityId,
    onActivityOpen,
    busy,
    canLoadMore,
    onLoadMore,
    onRangeChange,
    rowHeight,
    overscan,
    label,
    describedBy,
    triageSlaMs,
  } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const headerHeight = rowHeight;

  // ---- table: columns, server-side sort, host-set visibility and order ----
  const columns = useMemo(
    () =>
      activityColumns.map((col) => {
        const field = col.meta?.sortField;
        const canSort = !!field && (!sortableFields || sortableFields.includes(field));
        return { ...col, enableSorting: canSort };
      }),
    [sortableFields],
  );
  const sorting = useMemo<SortingState>(() => {
    const id = columnIdForSortField(sort.field);
    return id ? [{ id, desc: sort.direction === 'desc' }] : [];
  }, [sort.field, sort.direction]);
  const order = useMemo(() => {
    if (!columnOrder) return [];
    return ['select', ...columnOrder.filter((id) => id !== 'select')];
  }, [columnOrder]);
  // Widths from the space there is (lower-priority columns hide when narrow) and the analyst's resizing.
  const layout = useColumnLayout(scrollRef, columnVisibility);
  const visibility = layout.visibility;

  // ---- windowing: fixed-height rows, the range in view is arithmetic ----
  const win = useRowWindow(scrollRef, { count: rows.length, rowHeight, overscan, headerHeight, fallbackHeight: rowHeight * 16 });
  const firstRendered = win.first;
  const lastRendered = win.last;

  // The table models only a window around the rows in the DOM: a row model
  // over every loaded row would rebuild thousands of row objects on each new
  // page. The window moves in whole chunks, so while scrolling its row
  // objects are rebuilt every few frames rather than on every frame.
  const chunkStart = Math.floor(firstRendered / TABLE_CHUNK) * TABLE_CHUNK;
  const chunkEnd = Math.ceil((lastRendered + 1) / TABLE_CHUNK) * TABLE_CHUNK;
  const tableData = useMemo(() => rows.slice(chunkStart, chunkEnd), [rows, chunkStart, chunkEnd]);
  // No rows before the grid's width is known: they would render, lay out, then render again with their columns.
  const windowRows = useMemo(
    () => (layout.measured ? rows.slice(firstRendered, lastRendered + 1) : []),
    [layout.measured, rows, firstRendered, lastRendered],
  );

  // Rows are keyed by a recycled slot, not by activity (see rowSlots).
  const committedSlots = useRef<ReadonlyMap<string, number>>(new Map());
  const slots = useMemo(() => assignRowSlots(committedSlots.current, windowRows.map((r) => r.id)), [windowRows]);
  useLayoutEffect(() => {
    committedSlots.current = slots;
  }, [slots]);

  const toggle = useCallback(
    (id: string, range: boolean) =>
      onSelectionChange((prev) =>
        range
          ? selectRange(prev, rows.map((r) => r.id), id)
          : toggleRow(prev, id),
      ),
    [onSelectionChange, rows],
  );
  // Counted from the selection's side (ids picked, or ids left out of "all that match"), not by a pass
  // over the rows: with offset reads those are every position of the result (80k at 100k).
  const { allLoadedSelected, someLoadedSelected } = useMemo(() => {
    const named = selection.kind === 'ids' ? selection.ids : selection.excluded;
    let present = 0;
    for (const id of named) if (rows[indexOf(id)]?.id === id) present++;
    const selected = selection.kind === 'ids' ? present : rows.length - present;
    return { allLoadedSelected: rows.length > 0 && selected === rows.length, someLoadedSelected: selected > 0 };
  }, [selection, rows, indexOf]);
  const meta = useMemo<ActivityTableMeta>(
    () => ({
      isSelected: (id) => isRowSelected(selection, id),
      onToggle: toggle,
      allLoadedSelected,
      someLoadedSelected,
      onToggleAllLoaded: () =>
        onSelectionChange(() => (allLoadedSelected ? EMPTY_SELECTION : selectIds(rows.map((r) => r.id)))),
      triageSlaMs,
    }),
    [selection, toggle, allLoadedSelected, someLoadedSelected, rows, onSelectionChange, triageSlaMs],
  );

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return;
      const col = activityColumns.find((c) => c.id === first.id);
      const field: SortField | undefined = col?.meta?.sortField;
      if (field) onSortChange({ field, direction: first.desc ? 'desc' : 'asc' });
    },
    [sorting, onSortChange],
  );

  const table = useTable({
    features: activityTableFeatures,
    columns,
    data: tableData,
    getRowId: (row) => row.id,
    state: { sorting, columnVisibility: visibility, columnOrder: order, columnSizing: layout.columnSizing },
    onColumnSizingChange: layout.onColumnSizingChange,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange,
    meta,
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const tableRows = table.getRowModel().rows;
  const template = headers.map((h) => `${layout.widths[h.column.id] ?? h.getSize()}px`).join(' ');
  const minWidth = layout.totalWidth;

  useLayoutEffect(() => {
    if (canLoadMore && lastRendered >= rows.length - 1 - LOAD_AHEAD) onLoadMore();
  }, [canLoadMore, lastRendered, rows.length, onLoadMore]);
  useLayoutEffect(() => onRangeChange?.(firstRendered, lastRendered), [firstRendered, lastRendered, onRangeChange]);

  const { scrollToOffset } = win;
  useImperativeHandle(
    ref,
    () => ({
      scrollToTop: () => scrollToOffset(0),
      focus: () => scrollRef.current?.focus(),
    }),
    [scrollToOffset],
  );

  // ---- keyboard and focus (by id, so it survives new pages and reordering) ----
  const keyboard = useGridKeyboard({
    rows,
    indexOf,
    activeActivityId,
    rowsPerPage: () => Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 2,
    firstRowInView: () => Math.min(rows.length - 1, Math.max(0, Math.ceil((win.viewport().top - headerHeight) / rowHeight))),
    isRendered: (i) => i >= firstRendered && i <= lastRendered,
    scrollToIndex: win.scrollToIndex,
    focusGrid: () => scrollRef.current?.focus({ preventScroll: true }),
    onOpen: onActivityOpen,
    onToggle: toggle,
    onClearSelection: () => onSelectionChange(() => EMPTY_SELECTION),
  });
  const { focusedIndex, onRowClick } = keyboard;
  const focusedRendered = focusedIndex >= firstRendered && focusedIndex <= lastRendered;
  const rowDomId = (index: number) => `${baseId}-row-${index}`;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-describedby={describedBy}
      aria-rowcount={total + 1}
      aria-colcount={headers.length}
      aria-multiselectable="true"
      aria-busy={busy || undefined}
      aria-activedescendant={focusedRendered ? rowDomId(focusedIndex) : undefined}
      tabIndex={0}
      data-slot="activity-grid"
      data-status={busy ? 'pending' : 'idle'}
      className="td-list-grid"
      style={{ ['--_td-list-columns' as string]: template, ['--_td-list-min-width' as string]: `${minWidth}px` }}
      onKeyDown={keyboard.onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget) keyboard.onFocus();
      }}
    >
      <div role="rowgroup" data-slot="grid-head" className="td-list-head">
        <HeaderRow headers={headers} height={headerHeight} sorting={sorting} meta={meta} widths={layout.widths} setColumnSizing={table.setColumnSizing} />
      </div>
      <div role="rowgroup" data-slot="grid-body" className="td-list-body" style={{ height: win.bodyHeight }}>
        {windowRows.map((activity, k) => {
          const index = firstRendered + k;
          const row = tableRows[index - chunkStart];
          if (!row) return null;
          const id = activity.id;
          return (
            <ActivityRow
              key={slots.get(id) ?? id}
              row={row}
              headers={headers}
              domId={rowDomId(index)}
              index={index}
              offset={index * rowHeight}
              height={rowHeight}
              selected={isRowSelected(selection, id)}
              active={activeActivityId === id}
              focused={index === focusedIndex}
              onRowClick={onRowClick}
            />
          );
        })}
      </div>
      {focusedRendered && rows[focusedIndex] ? (
        <RowPeek
          activity={rows[focusedIndex]!}
          rowTop={headerHeight + focusedIndex * rowHeight}
          rowHeight={rowHeight}
          above={focusedIndex * rowHeight - win.viewport().top > (scrollRef.current?.clientHeight ?? 0) / 2}
          hiddenColumns={layout.hidden}
        />
      ) : null}
    </div>
  );
});
