/**
 * Row selection for a list that may hold only part of what matches.
 *
 * - `ids`: the rows the user ticked.
 * - `query`: "all N that match" — every activity matching the query except the
 *   ones unticked afterwards. A bulk action then goes to the backend as a query
 *   (with `excludeIds`), never as a list of the loaded ids.
 *
 * Pure and immutable: every function returns a new selection.
 */
import type { ActivityQuery } from './query';

/**
 * Which activities a write applies to: explicit ids, or every activity
 * matching a query (in its status) minus `excludeIds`, bounded by `asOf`
 * (the list page's bound: activities that arrived or changed later are left alone).
 */
export type ActivityTarget = { ids: string[] } | { query: ActivityQuery; excludeIds?: string[]; asOf?: string };
export type ActivityQueryTarget = Extract<ActivityTarget, { query: ActivityQuery }>;

export function isQueryTarget(target: ActivityTarget): target is ActivityQueryTarget {
  return 'query' in target;
}

export type ActivitySelection =
  | { kind: 'ids'; ids: ReadonlySet<string>; anchor: string | null }
  | { kind: 'query'; excluded: ReadonlySet<string>; anchor: string | null };

export const EMPTY_SELECTION: ActivitySelection = { kind: 'ids', ids: new Set(), anchor: null };

export function isRowSelected(selection: ActivitySelection, id: string): boolean {
  return selection.kind === 'ids' ? selection.ids.has(id) : !selection.excluded.has(id);
}

/** How many activities are selected, given the query's total. */
export function selectedCount(selection: ActivitySelection, total: number): number {
  return selection.kind === 'ids' ? selection.ids.size : Math.max(0, total - selection.excluded.size);
}

export function isSelectionEmpty(selection: ActivitySelection, total: number): boolean {
  return selectedCount(selection, total) === 0;
}

function setRows(selection: ActivitySelection, ids: Iterable<string>, selected: boolean, anchor: string | null): ActivitySelection {
  if (selection.kind === 'ids') {
    const next = new Set(selection.ids);
    for (const id of ids) {
      if (selected) next.add(id);
      else next.delete(id);
    }
    return { kind: 'ids', ids: next, anchor };
  }
  const excluded = new Set(selection.excluded);
  for (const id of ids) {
    if (selected) excluded.delete(id);
    else excluded.add(id);
  }
  return { kind: 'query', excluded, anchor };
}

/** Ticks or unticks one row; it becomes the anchor of a later range. */
export function toggleRow(selection: ActivitySelection, id: string): ActivitySelection {
  return setRows(selection, [id], !isRowSelected(selection, id), id);
}

/**
 * Shift-selection: every row from the anchor to `id` (in the list's order)
 * takes the state the anchor has. Without an anchor, toggles `id`.
 */
export function selectRange(selection: ActivitySelection, orderedIds: readonly string[], id: string): ActivitySelection {
  const anchor = selection.anchor;
  const from = anchor === null ? -1 : orderedIds.indexOf(anchor);
  const to = orderedIds.indexOf(id);
  if (from === -1 || to === -1) return toggleRow(selection, id);
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return setRows(selection, orderedIds.slice(lo, hi + 1), isRowSelected(selection, anchor as string), anchor);
}

export function selectIds(ids: Iterable<string>): ActivitySelection {
  return { kind: 'ids', ids: new Set(ids), anchor: null };
}

export function selectAllMatching(): ActivitySelection {
  return { kind: 'query', excluded: new Set(), anchor: null };
}

/** True when every one of `ids` is selected (and there is at least one). */
export function areAllSelected(selection: ActivitySelection, ids: readonly string[]): boolean {
  return ids.length > 0 && ids.every((id) => isRowSelected(selection, id));
}

/** The write target of a selection on a list showing `query` (as of the list's `asOf`). */
export function selectionTarget(selection: ActivitySelection, query: ActivityQuery, asOf?: string): ActivityTarget {
  if (selection.kind === 'ids') return { ids: [...selection.ids] };
  return { query, excludeIds: [...selection.excluded], ...(asOf !== undefined ? { asOf } : {}) };
}
