/**
 * The grid's focused row, kept by activity id so it survives new pages and
 * reordering, with two rules on top:
 * - it follows the activity opened elsewhere (next / previous in the
 *   drilldown), so returning to the list lands on the row that was open;
 * - when the focused row leaves the list (its status changed, a live update
 *   or refetch dropped it), focus moves to its neighbour — the next row that
 *   is still there, or the previous one when it was last — not to the top.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { Activity } from '../../core/model';

/** How far from the row that left to look for a neighbour that is still listed. */
const NEIGHBOUR_REACH = 50;

export function useRowFocus(rows: readonly Activity[], indexOf: (id: string) => number, activeId: string | null | undefined) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const focusedIndex = focusedId !== null ? indexOf(focusedId) : -1;
  // Where the focused row was last seen: the rows it was in and its index there.
  const lastSeen = useRef<{ id: string; index: number; rows: readonly Activity[] } | null>(null);

  useLayoutEffect(() => {
    if (activeId) setFocusedId(activeId);
  }, [activeId]);

  useLayoutEffect(() => {
    if (focusedId === null) return;
    if (focusedIndex >= 0) {
      lastSeen.current = { id: focusedId, index: focusedIndex, rows };
      return;
    }
    const seen = lastSeen.current;
    if (!seen || seen.id !== focusedId) return;
    const neighbour = neighbourStillListed(seen.rows, seen.index, indexOf);
    lastSeen.current = null;
    if (neighbour) setFocusedId(neighbour);
  }, [focusedId, focusedIndex, rows, indexOf]);

  return { focusedId, focusedIndex, setFocusedId };
}

/** The first row after `index` in `before` that is still listed, else the nearest one before it. */
export function neighbourStillListed(before: readonly Activity[], index: number, indexOf: (id: string) => number): string | null {
  for (let i = index + 1; i < Math.min(before.length, index + 1 + NEIGHBOUR_REACH); i++) {
    const id = before[i]!.id;
    if (indexOf(id) >= 0) return id;
  }
  for (let i = index - 1; i >= Math.max(0, index - NEIGHBOUR_REACH); i--) {
    const id = before[i]!.id;
    if (indexOf(id) >= 0) return id;
  }
  return null;
}
