/**
 * One page of the activity list from the index: a pass that filters and
 * counts per status, then a walk along the cached sort order from the cursor.
 * The cursor names the last row's (sort key, row), so rows that move between
 * pages are neither repeated nor skipped among the rest.
 */
import { MAX_LIST_OFFSET, type ActivityPage } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import type { Activity } from '../../core/model';
import type { ActivityQuery } from '../../core/query';
import { compareKeys, type ActivityIndex } from './activityIndex';
import { copyActivity } from './copyActivity';
import { decodeCursor, encodeCursor } from './cursorCodec';

export function pageActivities(
  index: ActivityIndex,
  query: ActivityQuery,
  cursor: string | undefined,
  pageSize: number,
  now: number,
  offset?: number,
  /** Rows may follow that are not indexed yet (a dataset still filling): end with a cursor even after the last indexed row. */
  open = false,
): ActivityPage {
  if (offset !== undefined && (!Number.isSafeInteger(offset) || offset < 0 || offset > MAX_LIST_OFFSET)) {
    throw new AdapterError('invalid_request', `offset must be an integer from 0 to ${MAX_LIST_OFFSET}.`, { path: 'offset' });
  }
  if (offset !== undefined && cursor !== undefined) throw new AdapterError('invalid_request', 'Send either a cursor or an offset.', { path: 'offset' });
  const q = index.compile(query, now);
  const { match, counts } = index.scan(q);
  const { field, direction } = query.sort;
  const order = index.order(field);
  const desc = direction === 'desc';
  let pos = desc ? order.length - 1 : 0;
  if (cursor !== undefined) {
    const c = decodeCursor(cursor) as { f?: unknown; d?: unknown; k?: unknown; i?: unknown } | null;
    if (!c || c.f !== field || c.d !== direction || (typeof c.k !== 'number' && typeof c.k !== 'string') || typeof c.i !== 'number') {
      throw new AdapterError('invalid_request', 'The cursor does not belong to this query.', { path: 'cursor' });
    }
    const ck = c.k;
    const ci = c.i;
    // First position whose (key, row) is after the cursor row, in ascending order.
    const after = (p: number) => {
      const r = order[p]!;
      return compareKeys(index.keyOf(field, r), ck) || r - ci;
    };
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (after(mid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    // lo = first position strictly after the cursor; for desc, continue below the cursor.
    pos = desc ? lo - 1 - (lo > 0 && after(lo - 1) === 0 ? 1 : 0) : lo;
  }
  const items: Activity[] = [];
  const step = desc ? -1 : 1;
  let last = -1;
  let more = false;
  // An offset skips that many matching rows from the start of the order.
  let skip = offset ?? 0;
  for (; pos >= 0 && pos < order.length; pos += step) {
    const r = order[pos]!;
    if (!match[r] || index.statusCode(r) !== q.status) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    if (items.length === pageSize) {
      more = true;
      break;
    }
    items.push(copyActivity(index.rows[r]!, now));
    last = r;
  }
  return {
    items,
    total: counts[query.status],
    totalIsEstimate: false,
    nextCursor: (more || open) && last >= 0 ? encodeCursor({ f: field, d: direction, k: index.keyOf(field, last), i: last }) : null,
    counts,
  };
}
