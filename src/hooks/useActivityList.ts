/**
 * The activity list for a query, paged by cursor. Rows from every loaded page
 * are flattened and de-duplicated by id (a backend page shift never shows a
 * row twice). Superseded requests are aborted through `signal`, and the cache
 * is keyed by the query, so a stale response never shows under a newer query.
 *
 * Appending a page costs O(page), not O(loaded rows): at 100k rows a full
 * re-flatten per page allocated enough long-lived garbage to stall scrolling
 * in the garbage collector.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import type { ActivityPage, StatusCounts } from '../core/adapter';
import type { Activity } from '../core/model';
import type { ActivityQuery } from '../core/query';
import { toAdapterError } from '../core/errors';
import type { PagedReadState } from './pagedReadState';
import { useThreatDeck } from './ThreatDeckProvider';
import { threatDeckKeys } from './threatDeckKeys';
import { checkActivityPage } from './checkAdapterRecords';
import { nextRequestSequence } from './requestSequence';

export interface UseActivityListOptions {
  pageSize?: number;
  enabled?: boolean;
}

export interface ActivityListState extends PagedReadState {
  rows: Activity[];
  /** Position of an activity in `rows`, or -1 (constant time). */
  indexOf: (id: string) => number;
  total: number;
  totalIsEstimate: boolean;
  counts: StatusCounts | undefined;
  /**
   * When the first page on screen was requested (`nextRequestSequence`): live
   * arrivals numbered below it are in these rows and counts already.
   */
  requestSequence: number | undefined;
  /** The first page's bound (`ActivityPage.asOf`): a write by query passes it so later arrivals are left alone. */
  asOf: string | undefined;
}

export function useActivityList(query: ActivityQuery, options: UseActivityListOptions = {}): ActivityListState {
  const { adapter, queryClient } = useThreatDeck();
  const pageSize = options.pageSize ?? 100;
  const listKey = threatDeckKeys.activityList(query, pageSize);
  // Per cache key: a ref, not page data, since structural sharing may keep an equal old page object.
  const requested = useRef(new Map<string, number>());
  const cacheKey = JSON.stringify(listKey);
  const result = useInfiniteQuery(
    {
      queryKey: listKey,
      queryFn: async ({ pageParam, signal }): Promise<ActivityPage> => {
        const seq = pageParam === undefined ? nextRequestSequence() : 0;
        const page = await adapter.listActivities({
          query,
          pageSize,
          signal,
          ...(pageParam !== undefined ? { cursor: pageParam } : {}),
        });
        const checked = checkActivityPage(page);
        if (seq && !signal.aborted) requested.current.set(cacheKey, seq);
        return checked;
      },
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
      enabled: options.enabled ?? true,
    },
    queryClient,
  );

  const pages = result.data?.pages;
  const flattened = useRef<FlatRows>(EMPTY_FLAT);
  const { rows, indexOf } = useMemo(() => {
    flattened.current = flattenPages(flattened.current, pages ?? []);
    const { rows: current, positions } = flattened.current;
    const length = current.length;
    // `positions` only grows; an id added after this snapshot is not in it.
    const lookup = (id: string) => {
      const at = positions.get(id);
      return at !== undefined && at < length ? at : -1;
    };
    return { rows: current, indexOf: lookup };
  }, [pages]);

  const first = pages?.[0];
  const hasData = !!first;
  const error = result.error ? toAdapterError(result.error) : null;
  return {
    rows,
    indexOf,
    total: first?.total ?? 0,
    totalIsEstimate: first?.totalIsEstimate ?? false,
    counts: first?.counts,
    asOf: first?.asOf,
    requestSequence: hasData ? requested.current.get(cacheKey) : undefined,
    status: hasData ? 'success' : result.status,
    error: hasData ? null : error,
    nextPageError: hasData && result.isFetchNextPageError ? error : null,
    hasNextPage: result.hasNextPage,
    isFetchingNextPage: result.isFetchingNextPage,
    isPlaceholder: result.isPlaceholderData,
    fetchNextPage: () => {
      if (result.hasNextPage && !result.isFetchingNextPage) void result.fetchNextPage();
    },
    refetch: () => void result.refetch(),
  };
}

interface FlatRows {
  pages: readonly ActivityPage[];
  rows: Activity[];
  positions: Map<string, number>;
}
const EMPTY_FLAT: FlatRows = { pages: [], rows: [], positions: new Map() };

/**
 * Rows of `pages`, first occurrence of each id kept. When `pages` extends the
 * pages of `previous` (a next page arrived), only the new pages are walked and
 * the position map is extended in place; anything else starts over.
 */
function flattenPages(previous: FlatRows, pages: readonly ActivityPage[]): FlatRows {
  if (pages === previous.pages) return previous;
  const extends_ = previous.pages.length > 0 && previous.pages.length <= pages.length && previous.pages.every((p, i) => pages[i] === p);
  if (extends_ && pages.length === previous.pages.length) return { ...previous, pages };
  const positions = extends_ ? previous.positions : new Map<string, number>();
  const rows = extends_ ? previous.rows.slice() : [];
  for (let p = extends_ ? previous.pages.length : 0; p < pages.length; p++) {
    for (const item of pages[p]!.items) {
      if (!positions.has(item.id)) {
        positions.set(item.id, rows.length);
        rows.push(item);
      }
    }
  }
  return { pages, rows, positions };
}
