/**
 * `createHttpAdapter`: the ThreatDeckAdapter for backends that implement the
 * REST contract in `openapi/threatdeck.openapi.yaml`. Every response is
 * validated; reads are retried, writes never; failures are typed.
 */
import * as v from 'valibot';
import type { Activity } from '../../core/model';
import type { AdapterCapabilities, ThreatDeckAdapter } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { queryToSearchParams, type ActivityQuery } from '../../core/query';
import { createHttpClient, type HttpClientOptions } from './createHttpClient';
import {
  activityDetailSchema,
  activityPageSchema,
  affectedResultSchema,
  attemptPageSchema,
  capabilitiesSchema,
  createdWorkItemSchema,
  facetResultSchema,
  ignoreResultSchema,
  ipBlockSchema,
  remediationSchema,
  suppressionRuleListSchema,
  timelineSchema,
  workItemTargetListSchema,
} from './responseSchemas';
import { subscribeEvents, type LiveOptions } from './subscribeEvents';

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

const ALL_CAPABILITIES: AdapterCapabilities = {
  live: true,
  block: true,
  unblock: true,
  workItems: true,
  bulkByQuery: true,
  export: true,
  suppressionRules: true,
  serverTimeline: true,
};

const segment = encodeURIComponent;

function pageParams(params: URLSearchParams, cursor: string | undefined, pageSize: number): URLSearchParams {
  if (cursor !== undefined) params.set('cursor', cursor);
  params.set('pageSize', String(pageSize));
  return params;
}

export function createHttpAdapter(options: HttpAdapterOptions): ThreatDeckAdapter {
  const client = createHttpClient(options);
  const capabilities: AdapterCapabilities = { ...ALL_CAPABILITIES, ...options.capabilities };
  const get = <S extends v.GenericSchema>(path: string, schema: S, what: string, signal: AbortSignal, params?: URLSearchParams) =>
    client.request({ method: 'GET', path, schema, what, signal, ...(params ? { params } : {}) });
  const send = <S extends v.GenericSchema | null>(method: 'POST' | 'DELETE', path: string, schema: S, what: string, signal: AbortSignal, body?: unknown) =>
    client.request({ method, path, schema, what, signal, ...(body !== undefined ? { body } : {}) });

  const adapter: ThreatDeckAdapter = {
    capabilities,

    listActivities: ({ query, cursor, pageSize, signal }) =>
      get('/activities', activityPageSchema, 'activity list', signal, pageParams(queryToSearchParams(query), cursor, pageSize)),

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

    setStatus: ({ ids, status, signal }) => send('POST', '/status-changes', affectedResultSchema, 'status change', signal, { ids, status }),
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
    adapter.setStatusByQuery = ({ query, status, excludeIds, signal }) =>
      send('POST', '/status-changes', affectedResultSchema, 'bulk status change', signal, {
        query,
        status,
        ...(excludeIds?.length ? { excludeIds } : {}),
      });
  }
  if (capabilities.suppressionRules) {
    adapter.ignore = ({ rule, signal }) => send('POST', '/suppression-rules', ignoreResultSchema, 'ignore', signal, rule);
    adapter.listSuppressionRules = async ({ signal }) =>
      (await get('/suppression-rules', suppressionRuleListSchema, 'suppression rules', signal)).items;
    adapter.deleteSuppressionRule = ({ ruleId, signal }) =>
      send('DELETE', `/suppression-rules/${segment(ruleId)}`, null, 'delete suppression rule', signal);
  }
  if (capabilities.block) {
    adapter.block = ({ target, durationMs, reason, activityId, signal }) =>
      send('POST', '/blocks', ipBlockSchema, 'block', signal, {
        target,
        durationMs,
        ...(reason !== undefined ? { reason } : {}),
        ...(activityId !== undefined ? { activityId } : {}),
      });
  }
  if (capabilities.unblock) {
    adapter.unblock = ({ blockId, signal }) => send('DELETE', `/blocks/${segment(blockId)}`, null, 'unblock', signal);
  }
  if (capabilities.workItems) {
    adapter.listWorkItemTargets = async ({ signal }) =>
      (await get('/work-item-targets', workItemTargetListSchema, 'work item targets', signal)).items;
    adapter.createWorkItem = ({ targetId, activityId, values, signal }) =>
      send('POST', '/work-items', createdWorkItemSchema, 'work item', signal, { targetId, activityId, values });
  }
  if (capabilities.export) {
    adapter.exportActivities = ({ query, signal }) => exportPages(adapter, query, signal);
  }
  if (capabilities.live) {
    adapter.subscribe = (params) => subscribeEvents(client, params, options.live);
  }
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
  return createHttpAdapter({ ...rest, capabilities: { ...advertised, ...rest.capabilities } });
}
