/**
 * The grid's rendering: the header row and one virtual body row. Both are
 * memoised: the grid re-renders whenever its rendered range moves, and only
 * rows whose own state changed (the activity in their slot, selection, focus)
 * re-render with it.
 */
import { FlexRender, type SortingState, type useTable } from '@tanstack/react-table';
import { memo, useId, type MouseEvent } from 'react';
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { isPlaceholderActivity } from '../../hooks/useOffsetRows';
import type { ActivityTableMeta, activityTableFeatures } from './activityColumns';
import { ColumnResizer } from './ColumnResizer';
import { PlaceholderRow } from './PlaceholderRow';

export interface HeaderRowProps {
  headers: GridHeader[];
  height: number;
  /** Re-render keys: the header reads sorting and the select-all state through the table. */
  sorting: SortingState;
  meta: ActivityTableMeta;
  widths: Record<string, number>;
  setColumnSizing: GridTable['setColumnSizing'];
}

/** The header row; memoised, since the grid re-renders on every scroll frame and the header does not change. */
export const HeaderRow = memo(function HeaderRow({ headers, height, widths, setColumnSizing }: HeaderRowProps) {
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

export type GridTable = ReturnType<typeof useTable<typeof activityTableFeatures, Activity>>;
export type GridRow = ReturnType<GridTable['getRowModel']>['rows'][number];
export type GridHeader = NonNullable<ReturnType<GridTable['getHeaderGroups']>[number]>['headers'][number];

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
export const ActivityRow = memo(function ActivityRow({ row, headers, domId, index, offset, height, selected, active, focused, onRowClick }: ActivityRowProps) {
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
