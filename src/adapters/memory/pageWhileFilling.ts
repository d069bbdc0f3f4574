/**
 * A list page while the dataset is still filling (see datasetFill.ts).
 *
 * Rows are generated newest first and every row not generated yet is at or
 * before the fill's horizon, so a newest-first page whose last row is newer
 * than the horizon is exactly the page of the whole dataset (and so are its
 * cursor and any offset within it). Such a page is served right away with its
 * total and counts extrapolated and marked as an estimate; any other page
 * grows the fill (doubling) until it is exact, or completes it.
 */
import type { ActivityPage, StatusCounts } from '../../core/adapter';
import type { ActivityQuery } from '../../core/query';
import type { ActivityIndex } from './activityIndex';
import type { DatasetFill } from './datasetFill';
import { pageActivities } from './pageActivities';

export function pageWhileFilling(
  fill: DatasetFill,
  index: ActivityIndex,
  query: ActivityQuery,
  cursor: string | undefined,
  pageSize: number,
  now: number,
  offset?: number,
): ActivityPage {
  if (fill.pending && (query.sort.field !== 'lastSeen' || query.sort.direction !== 'desc')) fill.complete();
  let step = Math.max(1024, index.size);
  for (;;) {
    const page = pageActivities(index, query, cursor, pageSize, now, offset);
    if (!fill.pending) return page;
    const last = page.items[page.items.length - 1];
    if (page.items.length === pageSize && page.nextCursor !== null && last && last.lastSeen > fill.horizon) {
      return { ...page, ...estimate(page.counts, index.size, fill.total, query), totalIsEstimate: true };
    }
    fill.grow(step);
    step *= 2;
  }
}

/** Counts over the generated rows, scaled to the whole dataset (filters other than time do not depend on a row's age). */
function estimate(counts: StatusCounts, generated: number, total: number, query: ActivityQuery): { total: number; counts: StatusCounts } {
  const scale = total / Math.max(1, generated);
  const up = (n: number) => Math.round(n * scale);
  const scaled = { active: up(counts.active), under_review: up(counts.under_review), ignored: up(counts.ignored) };
  return { total: scaled[query.status], counts: scaled };
}
