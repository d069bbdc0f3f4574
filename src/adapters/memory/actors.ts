/**
 * The memory adapter's `listActors`: the core's grouping over every matching
 * activity, sorted, paged by keyset (the last actor's sort key and IP), so a
 * page never repeats or skips an actor that stayed in place while paging.
 */
import type { Page } from '../../core/adapter';
import { ACTOR_SORT_FIELDS, compareActors, summarizeActors, type ActorSort, type ActorSummary } from '../../core/actors';
import { AdapterError } from '../../core/errors';
import type { Activity } from '../../core/model';
import { decodeCursor, encodeCursor } from './cursorCodec';

const MAX_ACTOR_PAGE = 500;

export function actorPage(activities: readonly Activity[], sort: ActorSort, cursor: string | undefined, pageSize: number): Page<ActorSummary> {
  if (!ACTOR_SORT_FIELDS.includes(sort?.field) || (sort.direction !== 'asc' && sort.direction !== 'desc')) {
    throw new AdapterError('invalid_request', `sort.field must be one of ${ACTOR_SORT_FIELDS.join(', ')}; sort.direction asc or desc.`, { path: 'sort' });
  }
  const size = Math.min(MAX_ACTOR_PAGE, Math.max(1, Math.floor(pageSize) || 1));
  const cmp = compareActors(sort);
  const actors = summarizeActors(activities).sort(cmp);
  let start = 0;
  if (cursor !== undefined) {
    const after = readCursor(cursor, sort);
    // The first actor strictly after the cursor's (binary search over the total order).
    let lo = 0;
    let hi = actors.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(actors[mid]!, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const items = actors.slice(start, start + size);
  const last = items.at(-1);
  const more = start + size < actors.length && last !== undefined;
  return { items, total: actors.length, nextCursor: more ? encodeCursor({ sort, last }) : null };
}

/** The cursor's last actor; it must belong to the same sort and carry that sort's key. */
function readCursor(cursor: string, sort: ActorSort): ActorSummary {
  const value = decodeCursor(cursor) as { sort?: ActorSort; last?: Partial<ActorSummary> } | null;
  const last = value?.last;
  const sameSort = value?.sort?.field === sort.field && value.sort.direction === sort.direction;
  const key = last && (sort.field === 'actor' ? last.ip : last[sort.field]);
  const keyType = sort.field === 'actor' || sort.field === 'severity' ? 'string' : 'number';
  if (!sameSort || typeof last?.ip !== 'string' || typeof key !== keyType) throw new AdapterError('invalid_request', 'Malformed cursor.', { path: 'cursor' });
  return last as ActorSummary;
}
