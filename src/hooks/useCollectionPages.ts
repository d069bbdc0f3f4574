/**
 * A bounded collection (suppression rules, IP blocks) read page by page
 * through the provider's query client. Pages are flattened and de-duplicated
 * by id, so a backend page shift never shows an item twice. A changed search
 * or state is a new cache key: a stale response never shows under a newer one.
 */
import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CallOptions, Page } from '../core/adapter';
import { toAdapterError } from '../core/errors';
import type { PagedReadState } from './pagedReadState';
import { useThreatDeck } from './ThreatDeckProvider';

export interface CollectionPagesOptions<T> {
  queryKey: readonly unknown[];
  load: (params: CallOptions & { cursor?: string }) => Promise<Page<T>>;
  /** Boundary check of a page (the core's schema); throws `invalid_response` naming the bad field. */
  checkPage: (page: unknown) => Page<T>;
  idOf: (item: T) => string;
  enabled: boolean;
  /**
   * The start of `queryKey` a previous result must share to stay on screen
   * while the new one loads (a new search keeps the rows; a switch from
   * active to expired does not show active rules under "Expired").
   */
  placeholderScope: readonly unknown[];
}

export interface CollectionPagesState<T> extends PagedReadState {
  items: T[];
  total: number;
}

export function useCollectionPages<T>({ queryKey, load, checkPage, idOf, enabled, placeholderScope }: CollectionPagesOptions<T>): CollectionPagesState<T> {
  const { queryClient } = useThreatDeck();
  const result = useInfiniteQuery(
    {
      queryKey,
      queryFn: async ({ pageParam, signal }): Promise<Page<T>> =>
        checkPage(await load({ signal, ...(pageParam !== undefined ? { cursor: pageParam } : {}) })),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      placeholderData: (previous, previousQuery) =>
        previousQuery && placeholderScope.every((part, i) => Object.is(previousQuery.queryKey[i], part)) ? keepPreviousData(previous) : undefined,
      // Rules and blocks are also made elsewhere (Ignore, Block IP): opening the list shows the backend's truth.
      refetchOnMount: 'always',
      enabled,
    },
    queryClient,
  );

  const pages = result.data?.pages;
  const items = useMemo(() => {
    const seen = new Set<string>();
    const out: T[] = [];
    for (const page of pages ?? []) {
      for (const item of page.items) {
        const id = idOf(item);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(item);
      }
    }
    return out;
  }, [pages, idOf]);

  const first = pages?.[0];
  const hasData = !!first;
  const error = result.error ? toAdapterError(result.error) : null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = result;
  return {
    items,
    total: first ? Math.max(first.total, items.length) : 0,
    status: hasData ? 'success' : result.status,
    error: hasData ? null : error,
    nextPageError: hasData && result.isFetchNextPageError ? error : null,
    hasNextPage,
    isFetchingNextPage,
    isPlaceholder: result.isPlaceholderData,
    fetchNextPage: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    refetch: () => void refetch(),
  };
}

/** Drops an item from every cached page under `prefix` (every state and search), at once. */
export function removeFromCollections<T>(client: QueryClient, prefix: readonly unknown[], isTarget: (item: T) => boolean): void {
  client.setQueriesData<InfiniteData<Page<T>>>({ queryKey: prefix }, (data) => {
    if (!data?.pages) return data;
    let removed = 0;
    const pages = data.pages.map((page) => {
      const items = page.items.filter((item) => !isTarget(item));
      removed += page.items.length - items.length;
      return items.length === page.items.length ? page : { ...page, items };
    });
    if (removed === 0) return data;
    return { ...data, pages: pages.map((page, i) => (i === 0 ? { ...page, total: Math.max(0, page.total - removed) } : page)) };
  });
}
