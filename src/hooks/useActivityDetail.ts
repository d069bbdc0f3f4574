/** One activity's detail, attempts (paged, newest first) and remediation. */
import { queryReadState } from './queryReadState';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AttemptPage } from '../core/adapter';
import { toAdapterError } from '../core/errors';
import type { ActivityDetail, Attempt, Remediation } from '../core/model';
import { useThreatDeck } from './ThreatDeckProvider';
import { checkActivityDetail, checkAttemptPage, checkRemediation } from './checkAdapterRecords';
import { threatDeckKeys } from './threatDeckKeys';

/** One per-activity read: disabled without an id, cancelled through `signal`, errors typed. */
function useActivityRead<T>(
  queryKey: readonly unknown[],
  id: string | null | undefined,
  read: (params: { id: string; signal: AbortSignal }) => Promise<T>,
) {
  const { queryClient } = useThreatDeck();
  const result = useQuery(
    { queryKey, queryFn: ({ signal }): Promise<T> => read({ id: id as string, signal }), enabled: !!id },
    queryClient,
  );
  return queryReadState(result);
}

export function useActivityDetail(id: string | null | undefined) {
  const { adapter } = useThreatDeck();
  return useActivityRead<ActivityDetail>(threatDeckKeys.detail(id ?? ''), id, async (p) => checkActivityDetail(await adapter.getActivity(p)));
}

export function useRemediation(id: string | null | undefined) {
  const { adapter } = useThreatDeck();
  return useActivityRead<Remediation>(threatDeckKeys.remediation(id ?? ''), id, async (p) => checkRemediation(await adapter.getRemediation(p)));
}

export function useAttempts(id: string | null | undefined, options: { pageSize?: number } = {}) {
  const { adapter, queryClient } = useThreatDeck();
  const pageSize = options.pageSize ?? 50;
  const result = useInfiniteQuery(
    {
      queryKey: threatDeckKeys.attempts(id ?? '', pageSize),
      queryFn: async ({ pageParam, signal }): Promise<AttemptPage> =>
        checkAttemptPage(await adapter.listAttempts({ id: id as string, pageSize, signal, ...(pageParam !== undefined ? { cursor: pageParam } : {}) })),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      enabled: !!id,
    },
    queryClient,
  );
  const pages = result.data?.pages;
  const attempts = useMemo<Attempt[]>(() => {
    if (!pages) return [];
    const seen = new Set<string>();
    return pages.flatMap((p) => p.items).filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  }, [pages]);
  const hasData = !!pages?.[0];
  const error = result.error ? toAdapterError(result.error) : null;
  return {
    attempts,
    total: pages?.[0]?.total ?? 0,
    status: hasData ? ('success' as const) : result.status,
    error: hasData ? null : error,
    nextPageError: hasData && result.isFetchNextPageError ? error : null,
    hasNextPage: result.hasNextPage,
    isFetchingNextPage: result.isFetchingNextPage,
    fetchNextPage: () => {
      if (result.hasNextPage && !result.isFetchingNextPage) void result.fetchNextPage();
    },
    refetch: () => void result.refetch(),
  };
}
