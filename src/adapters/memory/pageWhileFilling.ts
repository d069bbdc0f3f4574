/**
 * A list page while the dataset is still filling (see datasetFill.ts).
 *
 * Rows are generated newest first and every row not generated yet is at or
 * before the fill's horizon, so the rows of a newest-first page that are
 * newer than the horizon are exactly the first rows of that page on the whole
 * dataset (and so is a cursor after them). A first page (no cursor, no
 * offset) is served as soon as a screenful of its rows is exact: a search or
 * rare filter right after the first rows needs tens of thousands more rows
 * generated for a full page, but only a few thousand for the rows an analyst
 * sees first. It is then short, with a cursor after its last row and its total
 * and counts extrapolated and marked as an estimate. Any other page, and a
 * first page without a screenful, grows the fill until it is exact, or
 * completes it (by what the matches so far say is needed on a first page,
 * doubling otherwise). An offset page is never short: its rows stand at
 * fixed positions (see useOffsetRows).
 */
import type { ActivityPage, StatusCounts } from '../../core/adapter';
import type { ActivityQuery } from '../../core/query';
import type { ActivityIndex } from './activityIndex';
import type { DatasetFill } from './datasetFill';
import { pageActivities } from './pageActivities';

/** Rows a short first page holds at least: more than a list shows before it scrolls (about 25 at 1080 px). */
export const SCREENFUL_ROWS = 50;

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
  const firstPage = cursor === undefined && offset === undefined;
  const screenful = firstPage ? Math.min(pageSize, SCREENFUL_ROWS) : pageSize;
  let step = Math.max(1024, index.size);
  for (;;) {
    const page = pageActivities(index, query, cursor, pageSize, now, offset);
    if (!fill.pending) return page;
    const last = page.items[page.items.length - 1];
    if (page.items.length === pageSize && page.nextCursor !== null && last && last.lastSeen > fill.horizon) {
      return { ...page, ...estimate(page.counts, index.size, fill.total, query), totalIsEstimate: true };
    }
    const exact = exactRows(page, fill.horizon);
    if (exact >= screenful) {
      // The same walk (same cursor or offset) cut after the exact rows, with a cursor after them even where
      // no generated row follows yet: it reads on from there once more rows exist. Only a first page is cut
      // short; any other gets here with all its rows exact and the generated ones used up.
      const short = pageActivities(index, query, cursor, exact, now, offset, true);
      return { ...short, ...estimate(short.counts, index.size, fill.total, query), totalIsEstimate: true };
    }
    // A first page grows by what its matches so far say a screenful needs (a fifth more, for the spread);
    // other pages, and a first page with no match yet, double.
    const needed = firstPage && exact > 0 ? Math.ceil(((index.size * (screenful - exact)) / exact) * 1.2) : step;
    fill.grow(Math.max(1024, Math.min(needed, 8 * index.size)));
    step *= 2;
  }
}

/** Leading rows of a newest-first page newer than the horizon: no row still to generate can come before them. */
function exactRows(page: ActivityPage, horizon: number): number {
  let n = 0;
  while (n < page.items.length && page.items[n]!.lastSeen > horizon) n++;
  return n;
}

/** Counts over the generated rows, scaled to the whole dataset (filters other than time do not depend on a row's age). */
function estimate(counts: StatusCounts, generated: number, total: number, query: ActivityQuery): { total: number; counts: StatusCounts } {
  const scale = total / Math.max(1, generated);
  const up = (n: number) => Math.round(n * scale);
  const scaled = { active: up(counts.active), under_review: up(counts.under_review), ignored: up(counts.ignored) };
  return { total: scaled[query.status], counts: scaled };
}
