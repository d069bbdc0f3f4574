/**
 * The activity list for a query, paged by cursor. Rows from every loaded page
 * are flattened and de-duplicated by id (a backend page shift never shows a
 * row twice). Superseded requests are aborted through `signal`, and the cache
 * is keyed by the query, so a stale response never shows under a newer query.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ActivityPage, StatusCounts } from '../core/adapter';
import type { Activity } from '../core/model';
import type { ActivityQuery } from '../core/query';
import { toAdapterError, type AdapterError } from '../core/errors';
import { useThreatDeck } from './ThreatDeckProvider';
import { threatDeckKeys } from './threatDeckKeys';
import { checkActivityPage } from './checkAdapterRecords';

export interface UseActivityListOptions {
  pageSize?: number;
  enabled?: boolean;
}

export interface ActivityListState {
  rows: Activity[];
  total: number;
  totalIsEstimate: boolean;
  counts: StatusCounts | undefined;
  status: 'pending' | 'error' | 'success';
  /** The first page failed (nothing to show). */
  error: AdapterError | null;
  /** A later page failed; the rows loaded so far stay. */
  nextPageError: AdapterError | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** True while a new query's first page loads and the previous rows are shown. */
  isPlaceholder: boolean;
  fetchNextPage: () => void;
  refetch: () => void;
}

export function useActivityList(query: ActivityQuery, options: UseActivityListOptions = {}): ActivityListState {
  const { adapter, queryClient } = useThreatDeck();
  const pageSize = options.pageSize ?? 100;
  const result = useInfiniteQuery(
    {
      queryKey: threatDeckKeys.activityList(query, pageSize),
      queryFn: async ({ pageParam, signal }): Promise<ActivityPage> => {
        const page = await adapter.listActivities({
          query,
          pageSize,
          signal,
          ...(pageParam !== undefined ? { cursor: pageParam } : {}),
        });
        return checkActivityPage(page);
      },
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
      enabled: options.enabled ?? true,
    },
    queryClient,
  );

  const pages = result.data?.pages;
  const rows = useMemo(() => {
    if (!pages) return [];
    const seen = new Set<string>();
    const out: Activity[] = [];
    for (const page of pages) {
      for (const item of page.items) {
        if (!seen.has(item.id)) {
          seen.add(item.id);
          out.push(item);
        }
      }
    }
    return out;
  }, [pages]);

  const first = pages?.[0];
  const hasData = !!first;
  const error = result.error ? toAdapterError(result.error) : null;
  return {
    rows,
    total: first?.total ?? 0,
    totalIsEstimate: first?.totalIsEstimate ?? false,
    counts: first?.counts,
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
