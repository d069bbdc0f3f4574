/** The actor pivot of the list's query, page by page (for a virtualised table), cached with the list's reads. */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DEFAULT_ACTOR_SORT, type ActorSort, type ActorSummary } from '../core/actors';
import { toAdapterError, type AdapterError } from '../core/errors';
import type { ActivityQuery } from '../core/query';
import { loadActorPage, type ActorPage } from './loadActors';
import { useThreatDeck } from './ThreatDeckProvider';
import { threatDeckKeys } from './threatDeckKeys';

export interface UseThreatActorsOptions {
  sort?: ActorSort;
  /** Actors per page. Default 100. */
  pageSize?: number;
  enabled?: boolean;
}

export interface ThreatActorsState {
  actors: ActorSummary[];
  total: number | undefined;
  partial: ActorPage['partial'];
  status: 'pending' | 'error' | 'success';
  error: AdapterError | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** The actors shown belong to the previous query or sort while the new one loads. */
  isPlaceholder: boolean;
  fetchNextPage: () => void;
  refetch: () => void;
}

export function useThreatActors(query: ActivityQuery, options: UseThreatActorsOptions = {}): ThreatActorsState {
  const { adapter, queryClient } = useThreatDeck();
  const sort = options.sort ?? DEFAULT_ACTOR_SORT;
  const pageSize = options.pageSize ?? 100;
  const result = useInfiniteQuery(
    {
      queryKey: threatDeckKeys.actors(query, sort, pageSize),
      queryFn: ({ signal, pageParam }) => loadActorPage(adapter, { query, sort, pageSize, signal, ...(pageParam ? { cursor: pageParam } : {}) }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: ActorPage) => last.nextCursor ?? undefined,
      // A new filter or sort keeps the previous rows on screen (marked busy) instead of a blank grid.
      placeholderData: keepPreviousData,
      enabled: options.enabled ?? true,
    },
    queryClient,
  );
  const pages = result.data?.pages;
  const actors = useMemo(() => pages?.flatMap((p) => p.items) ?? [], [pages]);
  return {
    actors,
    total: pages?.[0]?.total,
    partial: pages?.[0]?.partial ?? null,
    status: result.status,
    error: result.error ? (toAdapterError(result.error) as AdapterError) : null,
    hasNextPage: result.hasNextPage,
    isFetchingNextPage: result.isFetchingNextPage,
    isPlaceholder: result.isPlaceholderData,
    fetchNextPage: () => void result.fetchNextPage(),
    refetch: () => void result.refetch(),
  };
}
