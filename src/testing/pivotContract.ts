/**
 * Contract cases for the optional pivots of the list's query. `overview`: the
 * series is the core's binning (`binOverviewSeries`) of exactly the activities
 * the list walks and the top lists are the facets. `actors`: the pages, walked,
 * are the core's grouping (`summarizeActors`) of those activities, in the
 * sort's order. Bad parameters are typed errors.
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import { supports } from '../core/capabilities';
import { isAdapterError } from '../core/errors';
import type { Activity } from '../core/model';
import { compareActors, summarizeActors, type ActorSummary } from '../core/actors';
import { OVERVIEW_FIELDS, binOverviewSeries, type OverviewGrouping } from '../core/overview';
import { createQuery, type ActivityQuery } from '../core/query';

type Check = (condition: unknown, message: string) => asserts condition;
type Walk = (adapter: ThreatDeckAdapter, query: ActivityQuery) => Promise<{ items: Activity[]; first: { total: number; totalIsEstimate: boolean; nextCursor: string | null } }>;

export function pivotContractCases(
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

  it('actors: the pages, walked, group exactly the listed activities, in the sort’s order, each actor once', async (adapter) => {
    if (!supports(adapter, 'actors')) return;
    const query = createQuery();
    const { items, first } = await walk(adapter, query);
    for (const sort of [{ field: 'lastSeen', direction: 'desc' }, { field: 'attempts', direction: 'desc' }, { field: 'actor', direction: 'asc' }] as const) {
      const actors: ActorSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await adapter.listActors!({ query, sort, pageSize: 25, signal: signal(), ...(cursor ? { cursor } : {}) });
        check(page.items.length <= 25, `listActors returned ${page.items.length} actors for pageSize 25`);
        actors.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && actors.length < maxItems);
      check(new Set(actors.map((a) => a.ip)).size === actors.length, 'listActors returned an actor twice');
      const cmp = compareActors(sort);
      for (let i = 1; i < actors.length; i++) check(cmp(actors[i - 1]!, actors[i]!) < 0, `actors are not in ${sort.field} ${sort.direction} order`);
      if (first.totalIsEstimate || items.length >= maxItems || cursor) continue;
      const expected = summarizeActors(items).sort(cmp);
      // Compared by value: a backend (or a schema that parsed its JSON) may order an object's keys its own way.
      check(canonicalJson(actors) === canonicalJson(expected), `listActors (${sort.field} ${sort.direction}) differs from grouping the listed activities`);
    }
  });
}

/** JSON with every object's keys sorted, so equal values compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
