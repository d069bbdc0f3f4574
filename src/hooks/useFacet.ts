/** Facet options with counts for one filter field, under the current query. */
import { queryReadState } from './queryReadState';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FacetResult } from '../core/adapter';
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
  return queryReadState(result);
}
