/** Reads: capabilities, the activity list, facets, the overview, the actor pivot and one activity's drilldown. */
import { MAX_LIST_OFFSET, type ThreatDeckAdapter } from '../../src/core/adapter';
import { ACTOR_SORT_FIELDS, DEFAULT_ACTOR_SORT, type ActorSort, type ActorSortField } from '../../src/core/actors';
import { MAX_OVERVIEW_BUCKETS, MAX_OVERVIEW_TOP, OVERVIEW_GROUPINGS, type OverviewGrouping } from '../../src/core/overview';
import { FILTER_FIELDS, type FilterField } from '../../src/core/query';
import { invalidRequest, readActivityQuery, readCursor, readInteger, readPageSize, readText, REQUEST_LIMITS } from '../requestSchemas';
import { queryForCaller } from '../caseRequestSchemas';
import { opt, unsupported, type Route } from './route';

export function activityRoutes(adapter: ThreatDeckAdapter): Route[] {
  return [
    ['GET', '/capabilities', async () => adapter.capabilities],
    ['GET', '/activities', ({ query, signal, caller }) =>
      adapter.listActivities({
        query: queryForCaller(readActivityQuery(query), caller),
        pageSize: readPageSize(query),
        ...opt('cursor', readCursor(query)),
        ...opt('offset', readInteger(query, 'offset', 0, MAX_LIST_OFFSET)),
        signal,
      })],
    ['GET', '/facets/:field', ({ params, query, signal, caller }) => {
      if (!FILTER_FIELDS.includes(params.field as FilterField)) throw invalidRequest(`Unknown facet field.`, 'field');
      return adapter.getFacet({
        field: params.field as FilterField,
        query: queryForCaller(readActivityQuery(query), caller),
        ...opt('search', readText(query, 'search', REQUEST_LIMITS.searchLength)),
        ...opt('limit', readInteger(query, 'limit', 1, REQUEST_LIMITS.pageSize)),
        signal,
      });
    }],
    ['GET', '/overview', ({ query, signal, caller }) => {
      if (!adapter.getOverview) unsupported('the overview');
      const groupBy = query.get('groupBy') ?? 'severity';
      if (!(OVERVIEW_GROUPINGS as readonly string[]).includes(groupBy)) throw invalidRequest(`groupBy must be one of ${OVERVIEW_GROUPINGS.join(', ')}.`, 'groupBy');
      return adapter.getOverview({
        query: queryForCaller(readActivityQuery(query), caller),
        groupBy: groupBy as OverviewGrouping,
        maxBuckets: readInteger(query, 'maxBuckets', 1, MAX_OVERVIEW_BUCKETS, 48),
        top: readInteger(query, 'top', 1, MAX_OVERVIEW_TOP, 5),
        signal,
      });
    }],
    ['GET', '/actors', ({ query, signal, caller }) => {
      if (!adapter.listActors) unsupported('the actor pivot');
      return adapter.listActors({
        query: queryForCaller(readActivityQuery(query), caller),
        sort: readActorSort(query),
        pageSize: readInteger(query, 'pageSize', 1, REQUEST_LIMITS.actorPageSize, REQUEST_LIMITS.defaultActorPageSize),
        ...opt('cursor', readCursor(query)),
        signal,
      });
    }],
    ['GET', '/activities/:id', ({ params, signal }) => adapter.getActivity({ id: params.id!, signal })],
    ['GET', '/activities/:id/attempts', ({ params, query, signal }) =>
      adapter.listAttempts({ id: params.id!, pageSize: readPageSize(query), ...opt('cursor', readCursor(query)), signal })],
    ['GET', '/activities/:id/timeline', ({ params, query, signal }) => {
      if (!adapter.getTimeline) unsupported('server-side timelines');
      const from = readInteger(query, 'from', 0, Number.MAX_SAFE_INTEGER);
      const to = readInteger(query, 'to', 0, Number.MAX_SAFE_INTEGER);
      if (from !== undefined && to !== undefined && from > to) throw invalidRequest('query.from is after query.to.', 'query.from');
      const bucketMs = readInteger(query, 'bucketMs', 1, Number.MAX_SAFE_INTEGER);
      if (bucketMs === undefined) throw invalidRequest('query.bucketMs is required.', 'query.bucketMs');
      return adapter.getTimeline({ id: params.id!, bucketMs, ...opt('from', from), ...opt('to', to), signal });
    }],
    ['GET', '/activities/:id/remediation', ({ params, signal }) => adapter.getRemediation({ id: params.id!, signal })],
  ];
}

/** `actorSort=<field>:<asc|desc>` (the actors' order; `sort` stays the activity list's). */
function readActorSort(query: URLSearchParams): ActorSort {
  const values = query.getAll('actorSort');
  if (values.length === 0) return DEFAULT_ACTOR_SORT;
  if (values.length > 1) throw invalidRequest('query.actorSort is given more than once.', 'query.actorSort');
  const [field, direction, ...more] = values[0]!.split(':');
  if (!(ACTOR_SORT_FIELDS as readonly (string | undefined)[]).includes(field) || (direction !== 'asc' && direction !== 'desc') || more.length > 0) {
    throw invalidRequest(`query.actorSort must be <field>:<asc|desc> with a field of ${ACTOR_SORT_FIELDS.join(', ')}.`, 'query.actorSort');
  }
  return { field: field as ActorSortField, direction };
}
