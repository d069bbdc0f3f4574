/**
 * The memory adapter's `getOverview`: the core's binning over every matching
 * activity, and the top lists from the adapter's own facets (so both agree
 * with the filter bar to the activity).
 */
import type { FacetParams, FacetResult } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import type { Activity } from '../../core/model';
import {
  OVERVIEW_FIELDS,
  OVERVIEW_GROUPINGS,
  binOverviewSeries,
  clampOverviewSizes,
  type OverviewField,
  type OverviewParams,
  type ThreatOverviewData,
} from '../../core/overview';
import { resolveTimeRange, type ActivityQuery } from '../../core/query';

export function overviewOf(
  activities: readonly Activity[],
  query: ActivityQuery,
  params: Pick<OverviewParams, 'groupBy' | 'maxBuckets' | 'top'>,
  facet: (params: Omit<FacetParams, 'signal'>) => FacetResult,
  now: number,
): ThreatOverviewData {
  if (!(OVERVIEW_GROUPINGS as readonly unknown[]).includes(params.groupBy)) {
    throw new AdapterError('invalid_request', `groupBy must be one of ${OVERVIEW_GROUPINGS.join(', ')}`, { path: 'groupBy' });
  }
  const { maxBuckets, top } = clampOverviewSizes(params);
  const series = binOverviewSeries(activities, { groupBy: params.groupBy, maxBuckets, range: resolveTimeRange(query.time, now) });
  const lists = {} as ThreatOverviewData['top'];
  for (const field of OVERVIEW_FIELDS as readonly OverviewField[]) lists[field] = facet({ query, field, limit: top }).options;
  return { ...series, top: lists, partial: null };
}
