/** The overview of the list's query (series and top lists), cached with the list's reads. */
import { queryReadState, type QueryReadState } from './queryReadState';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OverviewGrouping, ThreatOverviewData } from '../core/overview';
import type { ActivityQuery } from '../core/query';
import { loadOverview } from './loadOverview';
import { useThreatDeck } from './ThreatDeckProvider';
import { threatDeckKeys } from './threatDeckKeys';

export interface UseThreatOverviewOptions {
  groupBy?: OverviewGrouping;
  /** At most this many buckets in the series. Default 48. */
  maxBuckets?: number;
  /** Values per top list. Default 5. */
  top?: number;
  enabled?: boolean;
}

/** The overview; `isFetching` while a newer query loads and the previous overview shows. */
export type ThreatOverviewState = QueryReadState<ThreatOverviewData>;

export function useThreatOverview(query: ActivityQuery, options: UseThreatOverviewOptions = {}): ThreatOverviewState {
  const { adapter, queryClient, now } = useThreatDeck();
  const groupBy = options.groupBy ?? 'severity';
  const maxBuckets = options.maxBuckets ?? 48;
  const top = options.top ?? 5;
  const result = useQuery(
    {
      queryKey: threatDeckKeys.overview(query, groupBy, maxBuckets, top),
      queryFn: ({ signal }) => loadOverview(adapter, { query, groupBy, maxBuckets, top, signal }, now()),
      placeholderData: keepPreviousData,
      enabled: options.enabled ?? true,
    },
    queryClient,
  );
  return queryReadState(result);
}
