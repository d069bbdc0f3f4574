/**
 * Contract cases for the optional `overview` capability: the series is the
 * core's binning (`binOverviewSeries`) of exactly the activities the list
 * walks, the top lists are the facets, and bad parameters are typed errors.
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import { supports } from '../core/capabilities';
import { isAdapterError } from '../core/errors';
import type { Activity } from '../core/model';
import { OVERVIEW_FIELDS, binOverviewSeries, type OverviewGrouping } from '../core/overview';
import { createQuery, type ActivityQuery } from '../core/query';

type Check = (condition: unknown, message: string) => asserts condition;
type Walk = (adapter: ThreatDeckAdapter, query: ActivityQuery) => Promise<{ items: Activity[]; first: { total: number; totalIsEstimate: boolean; nextCursor: string | null } }>;

export function overviewContractCases(
  it: (title: string, fn: (adapter: ThreatDeckAdapter) => Promise<void>) => void,
  check: Check,
  walk: Walk,
  maxItems: number,
): void {
  const signal = () => new AbortController().signal;

  it('overview: the series bins exactly the listed activities and the top lists are the facets', async (adapter) => {
    if (!supports(adapter, 'overview')) return;
    const some = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0];
    const queries = [createQuery(), ...(some ? [createQuery({ filters: { host: [some.endpoint.host] } })] : [])];
    for (const query of queries) {
      const { items, first } = await walk(adapter, query);
      if (first.totalIsEstimate || items.length >= maxItems) continue;
      for (const groupBy of ['severity', 'subcategory'] as OverviewGrouping[]) {
        const overview = await adapter.getOverview!({ query, groupBy, maxBuckets: 40, top: 5, signal: signal() });
        const expected = binOverviewSeries(items, { groupBy, maxBuckets: 40, range: null });
        check(overview.totals.activities === first.total, `overview counts ${overview.totals.activities} activities, the list ${first.total}`);
        check(JSON.stringify(overview.groups) === JSON.stringify(expected.groups), `overview stacks ${overview.groups.join(', ')} differ from ${expected.groups.join(', ')}`);
        check(overview.bucketMs === expected.bucketMs && overview.from === expected.from, 'overview buckets are not the core binning of the listed activities');
        check(JSON.stringify(overview.buckets) === JSON.stringify(expected.buckets), 'overview bucket counts differ from the listed activities');
        check(overview.partial === null, 'a backend with the overview capability must cover every activity');
        for (const field of OVERVIEW_FIELDS) {
          const facet = await adapter.getFacet({ query, field, limit: 5, signal: signal() });
          check(JSON.stringify(overview.top[field]) === JSON.stringify(facet.options), `overview top ${field} differs from the ${field} facet`);
        }
      }
    }
  });

  it('overview: an unknown grouping is invalid_request naming groupBy', async (adapter) => {
    if (!supports(adapter, 'overview')) return;
    let error: unknown = null;
    try {
      await adapter.getOverview!({ query: createQuery(), groupBy: 'country' as OverviewGrouping, maxBuckets: 10, top: 5, signal: signal() });
    } catch (e) {
      error = e;
    }
    check(isAdapterError(error) && error.code === 'invalid_request' && error.path === 'groupBy', `expected invalid_request at groupBy, got ${String(error)}`);
  });
}
