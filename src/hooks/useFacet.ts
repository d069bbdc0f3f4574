/** Facet options with counts for one filter field, under the current query. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FacetResult } from '../core/adapter';
import { toAdapterError, type AdapterError } from '../core/errors';
import type { ActivityQuery, FilterField } from '../core/query';
import { useThreatDeck } from './ThreatDeckProvider';
import { checkFacet } from './checkAdapterRecords';
import { threatDeckKeys } from './threatDeckKeys';

export interface UseFacetOptions {
  search?: string;
  limit?: number;
  enabled?: boolean;
}

export function useFacet(field: FilterField, query: ActivityQuery, options: UseFacetOptions = {}) {
  const { adapter, queryClient } = useThreatDeck();
  const search = options.search ?? '';
  const limit = options.limit ?? 200;
  const result = useQuery(
    {
      queryKey: threatDeckKeys.facet(field, query, search, limit),
      queryFn: async ({ signal }): Promise<FacetResult> =>
        checkFacet(await adapter.getFacet({ field, query, signal, limit, ...(search ? { search } : {}) })),
      placeholderData: keepPreviousData,
      enabled: options.enabled ?? true,
    },
    queryClient,
  );
  return {
    data: result.data,
    status: result.status,
    error: result.error ? (toAdapterError(result.error) as AdapterError) : null,
    isFetching: result.isFetching,
    refetch: () => void result.refetch(),
  };
}
