/**
 * `createHttpAdapter`: the ThreatDeckAdapter for backends that implement the
 * REST contract in `openapi/threatdeck.openapi.yaml`. Every response is
 * validated; failures are typed. Reads are retried; a write is retried only
 * with its idempotency key (sent as `Idempotency-Key`), when its outcome is
 * unknown and the backend advertises `idempotentWrites`.
 */
import type * as v from 'valibot';
import type { Activity } from '../../core/model';
import type { AdapterCapabilities, CollectionState, ThreatDeckAdapter, WriteOptions } from '../../core/adapter';
import { capabilitiesExcept } from '../../core/capabilities';
import { AdapterError } from '../../core/errors';
import { queryToSearchParams, type ActivityQuery } from '../../core/query';
import { createHttpClient, type HttpClientOptions } from './createHttpClient';
import {
  activityDetailSchema,
  activityPageSchema,
  actorPageSchema,
  affectedResultSchema,
  attemptPageSchema,
  capabilitiesSchema,
  createdWorkItemSchema,
  facetResultSchema,
  ignoreResultSchema,
  ipBlockPageSchema,
  ipBlockSchema,
  remediationSchema,
  rulePreviewSchema,
  suppressionRulePageSchema,
  threatOverviewSchema,
  timelineSchema,
  workItemTargetListSchema,
} from '../../core/schemas';
import { subscribeEvents, type LiveOptions } from './subscribeEvents';
import { caseRequests } from './caseRequests';

export interface HttpAdapterOptions extends HttpClientOptions {
  /**
   * What the backend supports; the adapter leaves out the methods of a
   * capability set to false. Default: everything. `loadHttpAdapter` reads
   * them from `GET /capabilities` instead.
   */
  capabilities?: Partial<AdapterCapabilities>;
  live?: LiveOptions;
}

export const EXPORT_PAGE_SIZE = 500;

/** Everything the REST contract offers to a client: ingestion is server-side, offset paging must be advertised. */
const ALL_CAPABILITIES: AdapterCapabilities = capabilitiesExcept('ingest', 'offsetPaging');

/**
 * Capabilities added after the first version of the contract. A backend that
 * does not mention one does not have it: above all `idempotentWrites`, since
 * retrying a write against a backend that ignores keys could apply it twice.
 */
const LATER_CAPABILITIES = { idempotentWrites: false, rulePreview: false, blockList: false, offsetPaging: false, overview: false, actors: false, cases: false } as const;

const segment = encodeURIComponent;

function pageParams(params: URLSearchParams, cursor: string | undefined, pageSize: number): URLSearchParams {
  if (cursor !== undefined) params.set('cursor', cursor);
  params.set('pageSize', String(pageSize));
  return params;
}

/** `state`, `search`, `cursor`, `pageSize` of a bounded collection (rules, blocks). */
function collectionParams(p: { state?: CollectionState; search?: string; cursor?: string; pageSize: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (p.state !== undefined) params.set('state', p.state);
  if (p.search !== undefined && p.search !== '') params.set('search', p.search);
  return pageParams(params, p.cursor, p.pageSize);
}

/** Copies the keys whose value is defined: optional fields are omitted on the wire, never `null`. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function createHttpAdapter(options: HttpAdapterOptions): ThreatDeckAdapter {
  const client = createHttpClient(options);
  const capabilities: AdapterCapabilities = { ...ALL_CAPABILITIES, ...options.capabilities };
  const get = <S extends v.GenericSchema>(path: string, schema: S, what: string, signal: AbortSignal, params?: URLSearchParams) =>
    client.request({ method: 'GET', path, schema, what, signal, ...(params ? { params } : {}) });
  /** A write: its idempotency key goes along on every try, and lets the client retry it when the answer is lost. */
  const send = <S extends v.GenericSchema | null>(
    method: 'POST' | 'DELETE',
    path: string,
    schema: S,
    what: string,
    { signal, idempotencyKey }: WriteOptions,
    body?: unknown,
  ) =>
    client.request({
      method,
      path,
      schema,
      what,
      signal,
      ...(body !== undefined ? { body } : {}),
      ...(idempotencyKey !== undefined ? { idempotencyKey, retryWithKey: capabilities.idempotentWrites === true } : {}),
    });

  const adapter: ThreatDeckAdapter = {
    capabilities,

    listActivities: ({ query, cursor, offset, pageSize, signal }) => {
      const params = pageParams(queryToSearchParams(query), cursor, pageSize);
      if (offset !== undefined) params.set('offset', String(offset));
      return get('/activities', activityPageSchema, 'activity list', signal, params);
    },

    getFacet: ({ query, field, search, limit, signal }) => {
      const params = queryToSearchParams(query);
      if (search !== undefined && search !== '') params.set('search', search);
      if (limit !== undefined) params.set('limit', String(limit));
      return get(`/facets/${segment(field)}`, facetResultSchema, 'facet', signal, params);
    },

    getActivity: ({ id, signal }) => get(`/activities/${segment(id)}`, activityDetailSchema, 'activity', signal),

    listAttempts: ({ id, cursor, pageSize, signal }) =>
      get(`/activities/${segment(id)}/attempts`, attemptPageSchema, 'attempts', signal, pageParams(new URLSearchParams(), cursor, pageSize)),

    getRemediation: ({ id, signal }) => get(`/activities/${segment(id)}/remediation`, remediationSchema, 'remediation', signal),

    setStatus: ({ ids, status, liftRules, reason, ...write }) =>
      send('POST', '/status-changes', affectedResultSchema, 'status change', write, { ids, status, ...defined({ liftRules, reason }) }),
  };

  if (capabilities.serverTimeline) {
    adapter.getTimeline = ({ id, from, to, bucketMs, signal }) => {
      const params = new URLSearchParams({ bucketMs: String(bucketMs) });
      if (from !== undefined) params.set('from', String(from));
      if (to !== undefined) params.set('to', String(to));
      return get(`/activities/${segment(id)}/timeline`, timelineSchema, 'timeline', signal, params);
    };
  }
  if (capabilities.bulkByQuery) {
    adapter.setStatusByQuery = ({ query, status, excludeIds, asOf, dryRun, reason, ...write }) =>
      send('POST', '/status-changes', affectedResultSchema, 'bulk status change', write, {
        query,
        status,
        ...(excludeIds?.length ? { excludeIds } : {}),
        ...defined({ asOf, dryRun, reason }),
      });
  }
  if (capabilities.overview) {
    adapter.getOverview = ({ query, groupBy, maxBuckets, top, signal }) => {
      const params = queryToSearchParams(query);
      params.set('groupBy', groupBy);
      params.set('maxBuckets', String(maxBuckets));
      params.set('top', String(top));
      return get('/overview', threatOverviewSchema, 'overview', signal, params);
    };
  }
  if (capabilities.actors) {
    adapter.listActors = ({ query, sort, cursor, pageSize, signal }) => {
      // `sort` is the activity list's order (part of the query); the actors' order has its own parameter.
      const params = pageParams(queryToSearchParams(query), cursor, pageSize);
      params.set('actorSort', `${sort.field}:${sort.direction}`);
      return get('/actors', actorPageSchema, 'actors', signal, params);
    };
  }
  if (capabilities.suppressionRules) {
    // One request creates the rule and moves the activities: the backend applies both or neither.
    adapter.ignore = ({ rule, activityIds, statusReason, ...write }) =>
      send('POST', '/suppression-rules', ignoreResultSchema, 'ignore', write, { rule, ...defined({ activityIds, statusReason }) });
    adapter.listSuppressionRules = ({ signal, ...page }) =>
      get('/suppression-rules', suppressionRulePageSchema, 'suppression rules', signal, collectionParams(page));
    adapter.deleteSuppressionRule = ({ ruleId, ...write }) =>
      send('DELETE', `/suppression-rules/${segment(ruleId)}`, null, 'delete suppression rule', write);
  }
  if (capabilities.rulePreview) {
    // A read sent as POST because the rule is a body: it changes nothing, so it carries no key.
    adapter.previewSuppressionRule = ({ rule, signal }) =>
      send('POST', '/suppression-rules/preview', rulePreviewSchema, 'rule preview', { signal }, { rule });
  }
  if (capabilities.block) {
    adapter.block = ({ target, durationMs, reason, activityId, acknowledgeRisk, ...write }) =>
      send('POST', '/blocks', ipBlockSchema, 'block', write, { target, durationMs, ...defined({ reason, activityId, acknowledgeRisk }) });
  }
  if (capabilities.blockList) {
    adapter.listBlocks = ({ signal, ...page }) => get('/blocks', ipBlockPageSchema, 'blocks', signal, collectionParams(page));
  }
  if (capabilities.unblock) {
    adapter.unblock = ({ blockId, ...write }) => send('DELETE', `/blocks/${segment(blockId)}`, null, 'unblock', write);
  }
  if (capabilities.workItems) {
    adapter.listWorkItemTargets = async ({ signal }) =>
      (await get('/work-item-targets', workItemTargetListSchema, 'work item targets', signal)).items;
    adapter.createWorkItem = ({ targetId, activityId, values, ...write }) =>
      send('POST', '/work-items', createdWorkItemSchema, 'work item', write, { targetId, activityId, values });
  }
  if (capabilities.export) {
    adapter.exportActivities = ({ query, signal }) => exportPages(adapter, query, signal);
  }
  if (capabilities.live) {
    adapter.subscribe = (params) => subscribeEvents(client, params, options.live);
  }
  if (capabilities.cases) Object.assign(adapter, caseRequests(get, send));
  return adapter;
}

/** Export is the list, paged through with large pages. */
async function* exportPages(adapter: ThreatDeckAdapter, query: ActivityQuery, signal: AbortSignal): AsyncGenerator<Activity[]> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await adapter.listActivities({ query, pageSize: EXPORT_PAGE_SIZE, signal, ...(cursor !== undefined ? { cursor } : {}) });
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
    if (cursor !== undefined && seen.has(cursor)) {
      throw new AdapterError('invalid_response', 'The activity list repeated a cursor while exporting.', { path: 'nextCursor' });
    }
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
}

/**
 * Reads `GET /capabilities` first, then builds the adapter with exactly what
 * the backend advertises (explicit `options.capabilities` still win).
 */
export async function loadHttpAdapter(options: HttpAdapterOptions & { signal?: AbortSignal }): Promise<ThreatDeckAdapter> {
  const { signal = new AbortController().signal, ...rest } = options;
  const advertised = await createHttpClient(rest).request({
    method: 'GET',
    path: '/capabilities',
    schema: capabilitiesSchema,
    what: 'capabilities',
    signal,
  });
  return createHttpAdapter({ ...rest, capabilities: { ...LATER_CAPABILITIES, ...advertised, ...rest.capabilities } });
}
