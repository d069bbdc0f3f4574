/**
 * Loads the overview of a query. A backend with the `overview` capability
 * computes it over every matching activity. Any other backend gives what every
 * adapter has: the four top lists are facets (estimated where the facet is), and the series is binned
 * from the newest list pages, at most `FALLBACK_OVERVIEW_ACTIVITIES`
 * activities, marked `partial` when the result holds more. A backend whose
 * `getOverview` answers `unsupported` gets the same fallback.
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import { supports } from '../core/capabilities';
import { isAdapterError } from '../core/errors';
import {
  OVERVIEW_FIELDS,
  binOverviewSeries,
  clampOverviewSizes,
  type OverviewField,
  type OverviewParams,
  type ThreatOverviewData,
} from '../core/overview';
import { resolveTimeRange } from '../core/query';
import { readNewestActivities } from './readNewestActivities';

/** Most activities the fallback reads to draw the series. */
export const FALLBACK_OVERVIEW_ACTIVITIES = 5000;

export async function loadOverview(adapter: ThreatDeckAdapter, params: OverviewParams, now: number): Promise<ThreatOverviewData> {
  const sizes = clampOverviewSizes(params);
  if (supports(adapter, 'overview')) {
    try {
      return await adapter.getOverview!({ ...params, ...sizes });
    } catch (error) {
      // An older server behind createHttpAdapter's defaults answers "unsupported": compute it from lists instead.
      if (!(isAdapterError(error) && error.code === 'unsupported')) throw error;
    }
  }
  const { query, signal } = params;
  const [facets, newest] = await Promise.all([
    Promise.all(OVERVIEW_FIELDS.map((field) => adapter.getFacet({ query, field, limit: sizes.top, signal }))),
    readNewestActivities(adapter, query, FALLBACK_OVERVIEW_ACTIVITIES, signal),
  ]);
  const top = {} as Record<OverviewField, ThreatOverviewData['top'][OverviewField]>;
  OVERVIEW_FIELDS.forEach((field, i) => (top[field] = facets[i]!.options.slice(0, sizes.top)));
  const series = binOverviewSeries(newest.items, {
    groupBy: params.groupBy,
    maxBuckets: sizes.maxBuckets,
    // Without a time filter a partial read spans only the newest activities' range: draw that, not an empty past.
    range: resolveTimeRange(query.time, now),
  });
  const partial = newest.total > newest.items.length ? { activities: newest.items.length, of: newest.total } : null;
  const estimatedTop = OVERVIEW_FIELDS.filter((_, i) => facets[i]!.countsAreEstimates === true);
  return { ...series, top, ...(estimatedTop.length ? { estimatedTop } : {}), partial };
}
