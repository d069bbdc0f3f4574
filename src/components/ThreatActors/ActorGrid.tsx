/**
 * The virtualised actor grid (WAI-ARIA grid, row focus), built like the
 * activity grid: fixed-height rows windowed by useRowWindow (only the rows in
 * view plus overscan are in the DOM), one tab stop with the focused row exposed
 * through aria-activedescendant, `aria-rowcount` the pivot's total, the next
 * page asked for when the window nears the end of the loaded rows. Sorting is
 * the backend's (a header button per ACTOR_SORT_FIELDS column, `aria-sort`).
 */
import { memo, useId, useLayoutEffect, useRef, type ReactElement } from 'react';
import type { ActorSort, ActorSummary } from '../../core/actors';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useRowWindow } from '../shared/useRowWindow';
import { actorColumns, type ActorColumn } from './actorColumns';
import { useActorGridKeyboard } from './useActorGridKeyboard';

/** Rows before the end of the loaded ones at which the next page is requested. */
const LOAD_AHEAD = 30;
const TEMPLATE = actorColumns.map((c) => c.width).join(' ');

export interface ActorGridProps {
  actors: ActorSummary[];
  total: number;
  sort: ActorSort;
  onSortChange: (sort: ActorSort) => void;
  openIp: string | null;
  onOpen: (ip: string) => void;
  busy: boolean;
  canLoadMore: boolean;
  onLoadMore: () => void;
  rowHeight: number;
  overscan: number;
  label: string;
}

export function ActorGrid({ actors, total, sort, onSortChange, openIp, onOpen, busy, canLoadMore, onLoadMore, rowHeight, overscan, label }: ActorGridProps) {
  const { t } = useThreatDeck();
  const scrollRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const headerHeight = rowHeight;
  const win = useRowWindow(scrollRef, { count: actors.length, rowHeight, overscan, headerHeight, fallbackHeight: rowHeight * 16 });
  const { first, last } = win;

  useLayoutEffect(() => {
    if (canLoadMore && last >= actors.length - 1 - LOAD_AHEAD) onLoadMore();
  }, [canLoadMore, last, actors.length, onLoadMore]);

  const keyboard = useActorGridKeyboard({
    actors,
    openIp,
    rowsPerPage: () => Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 2,
    firstRowInView: () => Math.min(actors.length - 1, Math.max(0, Math.ceil((win.viewport().top - headerHeight) / rowHeight))),
    isRendered: (i) => i >= first && i <= last,
    scrollToIndex: win.scrollToIndex,
    focusGrid: () => scrollRef.current?.focus({ preventScroll: true }),
    onOpen,
  });
  const { focusedIndex } = keyboard;
  const rowDomId = (index: number) => `${baseId}-row-${index}`;
  const focusedRendered = focusedIndex >= first && focusedIndex <= last;

  const sortBy = (column: ActorColumn) => {
    const field = column.sortField!;
    if (sort.field === field) onSortChange({ field, direction: sort.direction === 'asc' ? 'desc' : 'asc' });
    else onSortChange({ field, direction: column.sortDescFirst ? 'desc' : 'asc' });
  };

  const rows: ReactElement[] = [];
  for (let index = first; index <= last; index++) {
    const actor = actors[index];
    if (!actor) continue;
    rows.push(
      <ActorRow
        // Keyed by position: rows are fixed-height slots, so a scroll reuses their DOM.
        key={index - first}
        actor={actor}
        domId={rowDomId(index)}
        index={index}
        height={rowHeight}
        active={openIp === actor.ip}
        focused={index === focusedIndex}
        onRowClick={keyboard.onRowClick}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={actorColumns.length}
      aria-busy={busy || undefined}
      aria-activedescendant={focusedRendered ? rowDomId(focusedIndex) : undefined}
      tabIndex={0}
      data-slot="actor-grid"
      data-status={busy ? 'pending' : 'idle'}
      className="td-list-grid td-actors-grid"
      style={{ ['--_td-list-columns' as string]: TEMPLATE }}
      onKeyDown={keyboard.onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget) keyboard.onFocus();
      }}
    >
      <div role="rowgroup" data-slot="grid-head" className="td-list-head">
        <div role="row" aria-rowindex={1} data-slot="header-row" className="td-list-row" style={{ height: headerHeight }}>
          {actorColumns.map((column, i) => {
            const sorted = column.sortField && sort.field === column.sortField ? sort.direction : null;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-colindex={i + 1}
                aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                data-slot="column-header"
                data-column={column.id}
                className="td-list-cell"
              >
                {column.sortField ? (
                  <button
                    type="button"
                    data-slot="sort-button"
                    data-state={sorted ?? 'none'}
                    className="td-list-sort"
                    title={t('actors.sort.by', { column: t(column.label) })}
                    onClick={() => sortBy(column)}
                  >
                    <span>{t(column.label)}</span>
                    <span aria-hidden="true" data-slot="sort-indicator">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                ) : (
                  <span>{t(column.label)}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" data-slot="grid-body" className="td-list-body" style={{ height: win.bodyHeight }}>
        {rows}
      </div>
    </div>
  );
}

interface ActorRowProps {
  actor: ActorSummary;
  domId: string;
  index: number;
  height: number;
  active: boolean;
  focused: boolean;
  onRowClick: (ip: string) => void;
}

/** One virtual row; memoised so moving focus or scrolling re-renders only rows whose state changed. */
const ActorRow = memo(function ActorRow({ actor, domId, index, height, active, focused, onRowClick }: ActorRowProps) {
  return (
    // The grid owns the keyboard (roving focus across rows); a click is the pointer's way to the same row.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
    <div
      id={domId}
      role="row"
      aria-rowindex={index + 2}
      aria-current={active ? 'true' : undefined}
      data-slot="actor-row"
      data-state={active ? 'open' : 'closed'}
      data-active={active ? '' : undefined}
      data-focused={focused ? '' : undefined}
      className="td-list-row"
      style={{ height, transform: `translateY(${index * height}px)` }}
      onClick={() => onRowClick(actor.ip)}
    >
      {actorColumns.map((column, i) => (
        <div key={column.id} role="gridcell" aria-colindex={i + 1} data-slot="cell" data-column={column.id} className="td-list-cell">
          <column.Cell actor={actor} />
        </div>
      ))}
    </div>
  );
});
