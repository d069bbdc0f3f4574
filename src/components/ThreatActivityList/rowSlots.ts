/**
 * DOM-slot assignment for the grid's recycled rows. Rows are keyed by a slot,
 * not by activity: a row scrolling in takes over the DOM of the row that
 * scrolled out (its text and attributes change) instead of creating ~40 nodes
 * per row. That churn, not the React work, is what made scroll frames and GC
 * pauses long.
 *
 * Pure: the previous assignment and the ids now in the window in, the new
 * assignment out.
 */

/**
 * Slot of each id in the window: an id still in view keeps its slot; ids that
 * entered take the lowest slots that ids leaving freed. Slots stay below the
 * window's size whenever the previous assignment did, so the set of React keys
 * is stable while the window keeps its size.
 */
export function assignRowSlots(previous: ReadonlyMap<string, number>, ids: readonly string[]): Map<string, number> {
  const next = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of ids) {
    const slot = previous.get(id);
    if (slot !== undefined && !taken.has(slot) && !next.has(id)) {
      next.set(id, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const id of ids) {
    if (next.has(id)) continue;
    while (taken.has(free)) free++;
    next.set(id, free);
    taken.add(free);
  }
  return next;
}
