/**
 * The memory adapter's reads of activities: list pages, facets, the overview
 * and the actor pivot, one
 * activity's detail, attempts (cursor-paged, newest first), timeline and
 * remediation, and the export stream.
 */
import type { FacetParams, FacetResult, ThreatDeckAdapter } from '../../core/adapter';
import { AdapterError, throwIfAborted } from '../../core/errors';
import { ATTEMPT_OUTCOMES } from '../../core/model';
import { normalizeQuery, type ActivityQuery } from '../../core/query';
import { binAttempts } from '../../core/timeline';
import { compareKeys } from './activityIndex';
import { actorPage } from './actors';
import { copyActivity } from './copyActivity';
import { decodeCursor, encodeCursor } from './cursorCodec';
import { err, pageSizeOf, settle, type MemoryStore } from './memoryStore';
import { overviewOf } from './overview';

type ActivityReads = Pick<
  Required<ThreatDeckAdapter>,
  'listActivities' | 'getFacet' | 'getOverview' | 'listActors' | 'getActivity' | 'listAttempts' | 'getTimeline' | 'getRemediation' | 'exportActivities'
>;

/** Labels of facet values that are not shown as they are stored. */
const FACET_LABELS: Record<string, string> = { 'rule-based': 'Rule-Based', anomaly: 'Anomaly', yes: 'Yes', no: 'No' };

export function activityReads(store: MemoryStore): ActivityReads {
  const { index, dataset, attempts, clock } = store;
  const activityOf = (id: unknown) => index.rows[store.rowOf(id)]!;
  const rowsOf = (query: ActivityQuery) => store.rowsOf(query).map((r) => index.rows[r]!);

  /** Facet counts of one field under the query (ignoring that field's own filter), most frequent first. */
  function facetOf({ query, field, search, limit }: Omit<FacetParams, 'signal'>): FacetResult {
    const all = index.facetCounts(field, index.compile(query, clock(), field));
    const needle = (search ?? '').trim().toLowerCase();
    const matches = (o: { value: string }) => (FACET_LABELS[o.value] ?? o.value).toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle);
    const options = (needle ? all.filter(matches) : all)
      .sort((a, b) => b.count - a.count || compareKeys(a.value, b.value))
      .map((o) => (FACET_LABELS[o.value] ? { ...o, label: FACET_LABELS[o.value]! } : o));
    const max = limit !== undefined && limit >= 0 ? Math.floor(limit) : options.length;
    return { field, options: options.slice(0, max), totalOptions: options.length };
  }

  return {
    listActivities: ({ query, cursor, offset, pageSize }) => settle(() => store.listPage(normalizeQuery(query), cursor, pageSizeOf(pageSize), offset)),

    getFacet: ({ query, field, search, limit }) => settle(() => facetOf({ query: normalizeQuery(query), field, ...(search !== undefined ? { search } : {}), ...(limit !== undefined ? { limit } : {}) })),

    getOverview: ({ query, groupBy, maxBuckets, top }) =>
      settle(() => {
        const q = normalizeQuery(query);
        return overviewOf(rowsOf(q), q, { groupBy, maxBuckets, top }, facetOf, clock());
      }),

    listActors: ({ query, sort, cursor, pageSize }) => settle(() => actorPage(rowsOf(normalizeQuery(query)), sort, cursor, pageSize)),

    getActivity: ({ id }) =>
      settle(() => {
        const a = activityOf(id);
        return { ...copyActivity(a, clock()), ...dataset.describe(a) };
      }),

    listAttempts: ({ id, cursor, pageSize }) =>
      settle(() => {
        const a = activityOf(id);
        const s = store.seriesOf(a);
        let start = s.total - 1;
        if (cursor !== undefined) {
          const c = decodeCursor(cursor) as { a?: unknown; n?: unknown } | null;
          if (!c || c.a !== a.id || typeof c.n !== 'number' || !Number.isInteger(c.n) || c.n < -1 || c.n >= s.total) {
            throw err('invalid_request', 'The cursor does not belong to this activity.', 'cursor');
          }
          start = c.n;
        }
        const size = pageSizeOf(pageSize);
        const items = [];
        let j = start;
        for (; j >= 0 && items.length < size; j--) {
          const recorded = attempts.recorded(a, s, j);
          items.push(recorded ? structuredClone(recorded) : dataset.attempt(a, j, s.timestamps[j]!, ATTEMPT_OUTCOMES[s.outcomes[j]!] ?? 'blocked'));
        }
        return { items, total: s.total, nextCursor: j >= 0 ? encodeCursor({ a: a.id, n: j }) : null };
      }),

    getTimeline: ({ id, from, to, bucketMs }) =>
      settle(() => {
        const a = activityOf(id);
        try {
          return binAttempts(store.seriesOf(a), { from: from ?? a.firstSeen, to: to ?? a.lastSeen, bucketMs });
        } catch (e) {
          throw new AdapterError('invalid_request', (e as Error).message, { path: 'bucketMs', cause: e });
        }
      }),

    getRemediation: ({ id }) => settle(() => dataset.remediation(activityOf(id))),

    exportActivities({ query, signal }) {
      const q = normalizeQuery(query);
      return {
        async *[Symbol.asyncIterator]() {
          let cursor: string | undefined;
          do {
            throwIfAborted(signal);
            const page = store.listPage(q, cursor, 500);
            if (page.items.length) yield page.items;
            cursor = page.nextCursor ?? undefined;
            await Promise.resolve();
          } while (cursor !== undefined);
        },
      };
    },
  };
}
