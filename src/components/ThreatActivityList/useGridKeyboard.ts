/**
 * The grid's keyboard and focus behaviour (WAI-ARIA grid, row focus): one tab
 * stop (the grid), the focused row kept by activity id (useRowFocus: it
 * follows the open activity and moves to its neighbour when the row leaves
 * the list), navigation keys through a keyboard delegate, and the action keys
 * (Enter opens, Space / x toggles selection, Escape clears it).
 */
import { useCallback, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Activity } from '../../core/model';
import { createRowKeyboardDelegate, targetForKey } from '../shared/gridKeyboardDelegate';
import { useRowFocus } from './useRowFocus';

export interface GridKeyboardOptions {
  rows: readonly Activity[];
  indexOf: (id: string) => number;
  activeActivityId: string | null | undefined;
  /** Rows a PageDown moves by (what fits in the viewport, less some context). */
  rowsPerPage: () => number;
  /** First row whose top is in view, for focus arriving with no focused row. */
  firstRowInView: () => number;
  isRendered: (index: number) => boolean;
  scrollToIndex: (index: number) => void;
  /** Focus the grid element itself without scrolling (a click on a row). */
  focusGrid: () => void;
  onOpen: ((id: string) => void) | undefined;
  onToggle: (id: string, range: boolean) => void;
  onClearSelection: () => void;
}

export function useGridKeyboard(o: GridKeyboardOptions) {
  const { rows, indexOf, activeActivityId } = o;
  const { focusedIndex, setFocusedId } = useRowFocus(rows, indexOf, activeActivityId);

  const moveTo = (index: number | null) => {
    if (index === null) return;
    setFocusedId(rows[index]?.id ?? null);
    o.scrollToIndex(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys typed in a header control (sort buttons, select-all) keep their meaning.
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const focusedRow = focusedIndex >= 0 ? rows[focusedIndex]?.id : undefined;
    const target = targetForKey(createRowKeyboardDelegate(rows.length, o.rowsPerPage()), event.key, focusedIndex);
    if (target !== undefined) moveTo(target);
    else if (event.key === 'Enter') {
      if (!focusedRow) return;
      o.onOpen?.(focusedRow);
    } else if (event.key === ' ' || event.key === 'x' || event.key === 'X') {
      if (!focusedRow) return;
      o.onToggle(focusedRow, event.shiftKey);
    } else if (event.key === 'Escape') o.onClearSelection();
    else return;
    event.preventDefault();
  };

  const onFocus = () => {
    if (rows.length === 0) return;
    // Coming back (e.g. from the drilldown) to a row scrolled out of view: bring it into view.
    if (focusedIndex >= 0) {
      if (!o.isRendered(focusedIndex)) o.scrollToIndex(focusedIndex);
      return;
    }
    // Start where the analyst is: the open activity when it is loaded, else the first row in view.
    const open = activeActivityId ? indexOf(activeActivityId) : -1;
    setFocusedId(rows[open >= 0 ? open : o.firstRowInView()]?.id ?? null);
  };

  // Stable across renders so memoised rows only re-render when their own state changes.
  const clickRef = useRef<(event: MouseEvent<HTMLElement>, id: string) => void>(() => {});
  clickRef.current = (event, id) => {
    setFocusedId(id);
    o.focusGrid();
    if (event.shiftKey) o.onToggle(id, true);
    else o.onOpen?.(id);
  };
  const onRowClick = useCallback((event: MouseEvent<HTMLElement>, id: string) => clickRef.current(event, id), []);

  return { focusedIndex, onKeyDown, onFocus, onRowClick };
}
