/**
 * Paging of the memory adapter's bounded collections (suppression rules,
 * blocks): newest first by (createdAt, insertion order), with a keyset cursor
 * that names the last item returned, so items created or deleted between two
 * pages cause neither duplicates nor gaps among the rest.
 */
import type { CollectionState, Page } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { decodeCursor, encodeCursor } from './cursorCodec';

export interface StoredRecord<T> {
  value: T;
  /** Insertion order: breaks createdAt ties, newest (highest) first. */
  seq: number;
  /** Lowercased text a search looks in. */
  searchText: string;
}

export interface CollectionPageParams {
  state?: unknown;
  search?: unknown;
  cursor?: unknown;
  pageSize?: unknown;
}

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 50;
const bad = (message: string, path: string) => new AdapterError('invalid_request', message, { path });

export function checkCollectionState(state: unknown): CollectionState {
  if (state === undefined) return 'active';
  if (state !== 'active' && state !== 'expired') throw bad(`Unknown state "${String(state)}".`, 'state');
  return state;
}

/** `expired` = has an expiry at or before now; everything else is active. */
export const isExpired = (item: { expiresAt: number | null }, now: number) => item.expiresAt !== null && item.expiresAt <= now;

export function pageNewestFirst<T extends { createdAt: number; expiresAt: number | null }>(
  kind: string,
  records: Iterable<StoredRecord<T>>,
  params: CollectionPageParams,
  now: number,
  copy: (value: T) => T,
): Page<T> {
  const state = checkCollectionState(params.state);
  if (params.search !== undefined && typeof params.search !== 'string') throw bad('search must be a string.', 'search');
  const needle = (params.search ?? '').trim().toLowerCase();
  // A caller written against the old unpaged list sends no pageSize: give it a page, not one item.
  const size = params.pageSize === undefined ? DEFAULT_PAGE : Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(params.pageSize)) || 1));
  const wantExpired = state === 'expired';

  const matching: Array<StoredRecord<T>> = [];
  for (const r of records) {
    if (isExpired(r.value, now) === wantExpired && (needle === '' || r.searchText.includes(needle))) matching.push(r);
  }
  matching.sort((a, b) => b.value.createdAt - a.value.createdAt || b.seq - a.seq);

  let start = 0;
  if (params.cursor !== undefined) {
    const c = decodeCursor(params.cursor) as { k?: unknown; s?: unknown; q?: unknown; t?: unknown; n?: unknown } | null;
    if (!c || c.k !== kind || c.s !== state || c.q !== needle || typeof c.t !== 'number' || !Number.isInteger(c.n)) {
      throw bad(`The cursor does not belong to this ${kind} list.`, 'cursor');
    }
    const t = c.t;
    const n = c.n as number;
    // First record after the cursor's (createdAt, seq) in newest-first order; it need not still exist.
    const after = matching.findIndex((r) => r.value.createdAt < t || (r.value.createdAt === t && r.seq < n));
    start = after === -1 ? matching.length : after;
  }
  const slice = matching.slice(start, start + size);
  const last = slice[slice.length - 1];
  const more = start + size < matching.length;
  return {
    items: slice.map((r) => copy(r.value)),
    total: matching.length,
    nextCursor: more && last ? encodeCursor({ k: kind, s: state, q: needle, t: last.value.createdAt, n: last.seq }) : null,
  };
}
