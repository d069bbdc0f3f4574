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
 */
import { FlexRender, useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import {
  forwardRef,
  memo,
  useCallback,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import {
  isRowSelected,
  selectIds,
  selectRange,
  toggleRow,
  EMPTY_SELECTION,
  type ActivitySelection,
} from '../../core/activitySelection';
import type { Activity } from '../../core/model';
import type { ActivitySort, SortField } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import {
  activityColumns,
  activityTableFeatures,
  columnIdForSortField,
  type ActivityColumnId,
  type ActivityTableMeta,
} from './activityColumns';
import { useRowFocus } from './useRowFocus';
import { isPlaceholderActivity } from '../../hooks/useOffsetRows';
import { ColumnResizer } from './ColumnResizer';
import { PlaceholderRow } from './PlaceholderRow';
import { RowPeek } from './RowPeek';
import { useColumnLayout } from './useColumnLayout';

/** Rows before the end of the loaded ones at which the next page is requested. */
const LOAD_AHEAD = 30;
/** The table's data window moves in steps of this many rows. */
/**
 * A scroll element that reports no height (not laid out yet, inside a hidden
 * tab, or a DOM without layout) keeps the initial estimate instead of windowing
 * down to zero rows; the next real measurement replaces it.
 */
function observeLaidOutRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: instance.options.initialRect?.height ?? 0 }));
}

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

  // ---- virtualisation (over every loaded row) ----
  // Both callbacks are memo keys inside the virtualiser: a new function on every
  // render would re-measure every loaded row on every scroll frame.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: { width: 0, height: rowHeight * 16 },
    observeElementRect: observeLaidOutRect,
    // React batches the scroll updates itself; flushSync from a layout effect only warns.
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const firstRendered = virtualItems[0]?.index ?? 0;
  const lastRendered = virtualItems[virtualItems.length - 1]?.index ?? -1;

  // The table models only a window around the rows in the DOM: a row model
  // over every loaded row would rebuild thousands of row objects on each new
  // page. The window moves in whole chunks, so while scrolling its row
  // objects are rebuilt every few frames rather than on every frame.
  const chunkStart = Math.floor(firstRendered / TABLE_CHUNK) * TABLE_CHUNK;
  const chunkEnd = Math.ceil((lastRendered + 1) / TABLE_CHUNK) * TABLE_CHUNK;
  const tableData = useMemo(() => rows.slice(chunkStart, chunkEnd), [rows, chunkStart, chunkEnd]);
  const windowRows = useMemo(() => rows.slice(firstRendered, lastRendered + 1), [rows, firstRendered, lastRendered]);

  // Rows are keyed by a recycled slot, not by activity: a row scrolling in
  // takes over the DOM of the row that scrolled out (its text and attributes
  // change) instead of creating ~40 nodes and their wrappers per row. That
  // churn, not the React work, is what made scroll frames and GC pauses long.
  const committedSlots = useRef<ReadonlyMap<string, number>>(new Map());
  const slots = useMemo(() => assignRowSlots(committedSlots.current, windowRows), [windowRows]);
  useLayoutEffect(() => {
    committedSlots.current = slots;
  }, [slots]);

  const toggle = useCallback(
    (id: string, range: boolean) =>
      onSelectionChange((prev) =>
        range
          ? selectRange(
              prev,
              rows.map((r) => r.id),
              id,
            )
          : toggleRow(prev, id),
      ),
    [onSelectionChange, rows],
  );
  const { allLoadedSelected, someLoadedSelected } = useMemo(() => {
    let selected = 0;
    for (const row of rows) if (isRowSelected(selection, row.id)) selected++;
    return { allLoadedSelected: rows.length > 0 && selected === rows.length, someLoadedSelected: selected > 0 };
  }, [selection, rows]);
  const meta = useMemo<ActivityTableMeta>(
    () => ({
      isSelected: (id) => isRowSelected(selection, id),
      onToggle: toggle,
      allLoadedSelected,
      someLoadedSelected,
      onToggleAllLoaded: () =>
        onSelectionChange(() => (allLoadedSelected ? EMPTY_SELECTION : selectIds(rows.map((r) => r.id)))),
    }),
    [selection, toggle, allLoadedSelected, someLoadedSelected, rows, onSelectionChange],
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

  // ---- focus (by id, so it survives new pages and reordering) ----
  const { focusedIndex, setFocusedId } = useRowFocus(rows, indexOf, activeActivityId);
  const focusedRendered = focusedIndex >= firstRendered && focusedIndex <= lastRendered;
  const rowDomId = (index: number) => `${baseId}-row-${index}`;

  const moveTo = useCallback(
    (index: number) => {
      if (rows.length === 0) return;
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      setFocusedId(rows[clamped]?.id ?? null);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows, virtualizer, setFocusedId],
  );

  useImperativeHandle(
    ref,
    () => ({
      scrollToTop: () => virtualizer.scrollToOffset(0),
      focus: () => scrollRef.current?.focus(),
    }),
    [virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a header control (sort buttons, select-all) keep their meaning.
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = focusedIndex;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 2);
    const focusedRow = current >= 0 ? rows[current]?.id : undefined;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'PageDown':
        moveTo(Math.max(0, current) + page);
        break;
      case 'PageUp':
        moveTo(Math.max(0, current) - page);
        break;
      case 'Enter':
        if (!focusedRow) return;
        onActivityOpen?.(focusedRow);
        break;
      case ' ':
      case 'x':
      case 'X':
        if (!focusedRow) return;
        toggle(focusedRow, event.shiftKey);
        break;
      case 'Escape':
        onSelectionChange(() => EMPTY_SELECTION);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onFocus = () => {
    if (rows.length === 0) return;
    // Coming back (e.g. from the drilldown) to a row scrolled out of view: bring it into view.
    if (focusedIndex >= 0) {
      if (!focusedRendered) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
      return;
    }
    // Start where the analyst is: the open activity when it is loaded, else the first row in view.
    const open = activeActivityId ? indexOf(activeActivityId) : -1;
    const first = virtualItems.find((v) => v.start >= (virtualizer.scrollOffset ?? 0))?.index ?? 0;
    setFocusedId(rows[open >= 0 ? open : first]?.id ?? null);
  };

  // Stable across renders so memoised rows only re-render when their own state changes.
  const clickRef = useRef<(event: MouseEvent<HTMLDivElement>, id: string) => void>(() => {});
  clickRef.current = (event, id) => {
    setFocusedId(id);
    scrollRef.current?.focus({ preventScroll: true });
    if (event.shiftKey) toggle(id, true);
    else onActivityOpen?.(id);
  };
  const onRowClick = useCallback((event: MouseEvent<HTMLDivElement>, id: string) => clickRef.current(event, id), []);

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
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocus();
      }}
    >
      <div role="rowgroup" data-slot="grid-head" className="td-list-head">
        <HeaderRow headers={headers} height={headerHeight} sorting={sorting} meta={meta} widths={layout.widths} setColumnSizing={table.setColumnSizing} />
      </div>
      <div
        role="rowgroup"
        data-slot="grid-body"
        className="td-list-body"
        style={{ height: Math.max(0, virtualizer.getTotalSize() - headerHeight) }}
      >
        {virtualItems.map((item) => {
          const row = tableRows[item.index - chunkStart];
          if (!row) return null;
          const id = row.original.id;
          return (
            <ActivityRow
              key={slots.get(id) ?? id}
              row={row}
              headers={headers}
              domId={rowDomId(item.index)}
              index={item.index}
              offset={item.start - headerHeight}
              height={rowHeight}
              selected={isRowSelected(selection, id)}
              active={activeActivityId === id}
              focused={item.index === focusedIndex}
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
          above={focusedIndex * rowHeight - (virtualizer.scrollOffset ?? 0) > (scrollRef.current?.clientHeight ?? 0) / 2}
          hiddenColumns={layout.hidden}
        />
      ) : null}
    </div>
  );
});

interface HeaderRowProps {
  headers: GridHeader[];
  height: number;
  /** Re-render keys: the header reads sorting and the select-all state through the table. */
  sorting: SortingState;
  meta: ActivityTableMeta;
  widths: Record<string, number>;
  setColumnSizing: GridTable['setColumnSizing'];
}

/** The header row; memoised, since the grid re-renders on every scroll frame and the header does not change. */
const HeaderRow = memo(function HeaderRow({ headers, height, widths, setColumnSizing }: HeaderRowProps) {
  const { t } = useThreatDeck();
  // Headers are named by their label alone: the resize separator inside has a name of its own.
  const labelId = `${useId()}-label-`;
  return (
    <div role="row" aria-rowindex={1} data-slot="header-row" className="td-list-row" style={{ height }}>
      {headers.map((header, i) => {
        const sorted = header.column.getIsSorted();
        const canSort = header.column.getCanSort();
        const meta = header.column.columnDef.meta;
        return (
          <div
            key={header.id}
            role="columnheader"
            aria-colindex={i + 1}
            aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
            aria-labelledby={meta?.resizable ? labelId + header.column.id : undefined}
            data-slot="column-header"
            data-column={header.column.id}
            className="td-list-cell"
          >
            {canSort ? (
              <button
                type="button"
                data-slot="sort-button"
                data-state={sorted || 'none'}
                className="td-list-sort"
                title={meta ? t('list.sort.by', { column: t(meta.label) }) : undefined}
                onClick={() => {
                  // First click sorts in the column's natural direction (newest/highest first).
                  if (sorted) header.column.toggleSorting(sorted === 'asc');
                  else header.column.toggleSorting(!!meta?.sortDescFirst);
                }}
              >
                <span id={labelId + header.column.id}>
                  <FlexRender header={header} />
                </span>
                <span aria-hidden="true" data-slot="sort-indicator">
                  {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                </span>
              </button>
            ) : (
              <span id={labelId + header.column.id}>
                <FlexRender header={header} />
              </span>
            )}
            {meta?.resizable ? (
              <ColumnResizer
                columnId={header.column.id}
                label={t(meta.label)}
                width={widths[header.column.id] ?? header.getSize()}
                minSize={header.column.columnDef.minSize ?? 20}
                maxSize={header.column.columnDef.maxSize ?? 1200}
                setColumnSizing={setColumnSizing}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
});

type GridTable = ReturnType<typeof useTable<typeof activityTableFeatures, Activity>>;
type GridRow = ReturnType<GridTable['getRowModel']>['rows'][number];
type GridHeader = NonNullable<ReturnType<GridTable['getHeaderGroups']>[number]>['headers'][number];

interface ActivityRowProps {
  row: GridRow;
  headers: GridHeader[];
  domId: string;
  index: number;
  offset: number;
  height: number;
  selected: boolean;
  active: boolean;
  focused: boolean;
  onRowClick: (event: MouseEvent<HTMLDivElement>, id: string) => void;
}

/**
 * One virtual row; memoised so moving focus or scrolling re-renders only rows
 * whose state changed. The table's row object is rebuilt whenever the window
 * moves (and the table handle with it), so the comparison looks at the
 * activity the row wraps, and cells render through the standalone FlexRender.
 */
const ActivityRow = memo(function ActivityRow({ row, headers, domId, index, offset, height, selected, active, focused, onRowClick }: ActivityRowProps) {
  const id = row.original.id;
  const cells = row.getVisibleCellsByColumnId();
  if (isPlaceholderActivity(row.original)) return <PlaceholderRow domId={domId} index={index} offset={offset} height={height} />;
  return (
    // The grid owns the keyboard (roving focus across rows); a click is the pointer's way to the same row.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
    <div
      id={domId}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-current={active ? 'true' : undefined}
      data-slot="activity-row"
      data-state={selected ? 'selected' : 'unselected'}
      data-active={active ? '' : undefined}
      data-focused={focused ? '' : undefined}
      className="td-list-row"
      style={{ height, transform: `translateY(${offset}px)` }}
      onClick={(e) => onRowClick(e, id)}
    >
      {headers.map((header, i) => {
        const cell = cells[header.column.id];
        return (
          <div key={header.id} role="gridcell" aria-colindex={i + 1} data-slot="cell" data-column={header.column.id} className="td-list-cell">
            {cell ? <FlexRender cell={cell} /> : null}
          </div>
        );
      })}
    </div>
  );
}, sameRow);

/** Every prop of ActivityRowProps, the row by the activity it wraps (no per-call allocation: this runs for every row on every frame). */
function sameRow(prev: ActivityRowProps, next: ActivityRowProps): boolean {
  return (
    prev.row.original === next.row.original &&
    prev.headers === next.headers &&
    prev.domId === next.domId &&
    prev.index === next.index &&
    prev.offset === next.offset &&
    prev.height === next.height &&
    prev.selected === next.selected &&
    prev.active === next.active &&
    prev.focused === next.focused &&
    prev.onRowClick === next.onRowClick
  );
}

/**
 * Slot (React key) of each row in the window: a row still in view keeps its
 * slot; rows that entered take the lowest slots that rows leaving freed.
 */
function assignRowSlots(previous: ReadonlyMap<string, number>, rows: readonly Activity[]): Map<string, number> {
  const next = new Map<string, number>();
  const taken = new Set<number>();
  for (const { id } of rows) {
    const slot = previous.get(id);
    if (slot !== undefined && !taken.has(slot)) {
      next.set(id, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const { id } of rows) {
    if (next.has(id)) continue;
    while (taken.has(free)) free++;
    next.set(id, free);
    taken.add(free);
  }
  return next;
}
