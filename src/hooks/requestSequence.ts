/**
 * One increasing counter shared by list requests and live events, so "was
 * this event already in the data the list shows?" is a comparison of two
 * numbers: a list page requested after an event arrived includes it. A
 * counter rather than the clock: ties and clock jumps cannot reorder it.
 */
let last = 0;

export function nextRequestSequence(): number {
  return ++last;
}
