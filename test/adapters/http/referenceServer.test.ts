/**
 * The HTTP adapter against the reference server on 127.0.0.1: it must answer
 * exactly what the adapter behind the server answers, and the server must
 * refuse bad input with 400 invalid_request naming the field.
 */
import { createHttpAdapter, loadHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import type { LiveEvent } from '../../../src/core/adapter';
import { createQuery } from '../../../src/core/query';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';

const NOW = Date.UTC(2025, 0, 15);
const memory = (options = {}) => createMemoryAdapter({ seed: 7, activities: 300, now: () => NOW, live: false, ...options });
const signal = () => new AbortController().signal;

let running: RunningReferenceServer;
let backend: ReturnType<typeof memory>;
let twin: ReturnType<typeof memory>;
let http: ReturnType<typeof createHttpAdapter>;

beforeEach(async () => {
  backend = memory();
  twin = memory();
  running = await startReferenceServer({ adapter: backend, live: { lingerMs: 200 } });
  http = createHttpAdapter({ baseUrl: running.url, retry: false, live: { baseDelayMs: 10, maxDelayMs: 50 } });
});
afterEach(() => running.close());

describe('reads answer exactly what the backend answers', () => {
  it('list with filters, sort, paging and counts', async () => {
    const query = createQuery({
      status: 'active',
      search: 'api',
      filters: { severity: ['critical', 'high'], type: ['rule-based'] },
      sort: { field: 'attemptCount', direction: 'asc' },
      time: { preset: '90d' },
    });
    const first = await http.listActivities({ query, pageSize: 7, signal: signal() });
    expect(first).toEqual(await twin.listActivities({ query, pageSize: 7, signal: signal() }));
    expect(first.nextCursor).not.toBeNull();
    const second = await http.listActivities({ query, pageSize: 7, cursor: first.nextCursor!, signal: signal() });
    expect(second).toEqual(await twin.listActivities({ query, pageSize: 7, cursor: first.nextCursor!, signal: signal() }));
  });

  it('facets, detail, attempts, timeline and remediation', async () => {
    const query = createQuery({ filters: { host: [] } });
    const facet = { query, field: 'host' as const, search: 'a', limit: 3 };
    expect(await http.getFacet({ ...facet, signal: signal() })).toEqual(await twin.getFacet({ ...facet, signal: signal() }));
    const id = (await twin.listActivities({ query, pageSize: 1, signal: signal() })).items[0]!.id;
    expect(await http.getActivity({ id, signal: signal() })).toEqual(await twin.getActivity({ id, signal: signal() }));
    const attempts = await http.listAttempts({ id, pageSize: 2, signal: signal() });
    expect(attempts).toEqual(await twin.listAttempts({ id, pageSize: 2, signal: signal() }));
    const timeline = { id, bucketMs: 3_600_000, from: NOW - 86_400_000, to: NOW };
    expect(await http.getTimeline!({ ...timeline, signal: signal() })).toEqual(await twin.getTimeline({ ...timeline, signal: signal() }));
    expect(await http.getRemediation({ id, signal: signal() })).toEqual(await twin.getRemediation({ id, signal: signal() }));
  });

  it('export pages through the whole list', async () => {
    const query = createQuery({ status: 'active' });
    const pages: string[][] = [];
    for await (const page of http.exportActivities!({ query, signal: signal() })) pages.push(page.map((a) => a.id));
    const expected = (await twin.listActivities({ query, pageSize: 1000, signal: signal() })).items.map((a) => a.id);
    expect(pages.flat()).toEqual(expected);
  });

  it('an unknown id is not_found, with the backend message', async () => {
    await expect(http.getActivity({ id: 'no/such id', signal: signal() })).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
      message: 'No activity with id "no/such id".',
    });
  });
});

describe('writes reach the backend', () => {
  it('status change by ids and by query report how many were affected', async () => {
    const { items } = await twin.listActivities({ query: createQuery(), pageSize: 2, signal: signal() });
    const ids = items.map((a) => a.id);
    expect(await http.setStatus({ ids, status: 'under_review', signal: signal() })).toEqual({ affected: 2 });
    await twin.setStatus({ ids, status: 'under_review', signal: signal() });
    expect((await backend.getActivity({ id: ids[0]!, signal: signal() })).status).toBe('under_review');
    const bulk = { query: createQuery({ status: 'under_review', filters: { severity: ['critical', 'high'] } }), status: 'ignored' as const, excludeIds: [ids[1]!] };
    const result = await http.setStatusByQuery!({ ...bulk, signal: signal() });
    expect(result).toEqual(await twin.setStatusByQuery({ ...bulk, signal: signal() }));
    expect(result.affected).toBeGreaterThan(0);
    expect((await backend.getActivity({ id: ids[1]!, signal: signal() })).status).toBe('under_review');
    expect(await http.listActivities({ query: bulk.query, pageSize: 5, signal: signal() })).toEqual(
      await twin.listActivities({ query: bulk.query, pageSize: 5, signal: signal() }),
    );
  });

  it('suppression rules: create, list, delete', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const rule = { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null, reason: 'pentest', applyToExisting: true };
    const created = await http.ignore!({ rule, signal: signal() });
    expect(created.rule).toMatchObject({ actorIp: a.actor.ip, reason: 'pentest' });
    expect(created.affected).toBeGreaterThanOrEqual(1);
    expect(await http.listSuppressionRules!({ signal: signal() })).toEqual([created.rule]);
    await expect(http.deleteSuppressionRule!({ ruleId: created.rule.id, signal: signal() })).resolves.toBeUndefined();
    expect(await http.listSuppressionRules!({ signal: signal() })).toEqual([]);
  });

  it('block, unblock, work items', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const block = await http.block!({ target: '198.51.100.0/24', durationMs: 60_000, reason: 'scanner', activityId: a.id, signal: signal() });
    expect(block).toMatchObject({ target: '198.51.100.0/24', reason: 'scanner' });
    await expect(http.unblock!({ blockId: block.blockId, signal: signal() })).resolves.toBeUndefined();
    const targets = await http.listWorkItemTargets!({ signal: signal() });
    expect(targets).toEqual(await twin.listWorkItemTargets({ signal: signal() }));
    const target = targets[0]!;
    const values = Object.fromEntries(
      target.fields.filter((f) => f.required).map((f) => [f.id, f.type === 'labels' ? ['x'] : f.options?.[0]?.value ?? 'Evidence']),
    );
    const item = await http.createWorkItem!({ targetId: target.id, activityId: a.id, values, signal: signal() });
    expect(item.targetId).toBe(target.id);
    expect((await backend.getActivity({ id: a.id, signal: signal() })).workItems.map((w) => w.key)).toContain(item.key);
  });
});

describe('live updates over SSE', () => {
  it('delivers the events the backend emits, in order, until aborted', async () => {
    const controller = new AbortController();
    const received: LiveEvent[] = [];
    await http.subscribe!({ query: createQuery(), onEvent: (e) => received.push(e), signal: controller.signal });
    const sent = backend.simulateLiveEvents(3);
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received).toEqual(JSON.parse(JSON.stringify(sent)));
    controller.abort();
    backend.simulateLiveEvents(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(3);
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const open = (headers: Record<string, string> = {}) =>
      fetch(`${running.url}/events`, { headers: { accept: 'text/event-stream', ...headers } });
    const first = await open();
    backend.simulateLiveEvents(1);
    const reader = first.body!.getReader();
    let text = '';
    while (!/id: (\d+)/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    const lastId = /id: (\d+)/.exec(text)![1]!;
    await reader.cancel();
    const missed = backend.simulateLiveEvents(2);
    const second = await open({ 'last-event-id': lastId });
    const again = second.body!.getReader();
    let replay = '';
    while ((replay.match(/^data: /gm) ?? []).length < 2) replay += new TextDecoder().decode((await again.read()).value);
    await again.cancel();
    const data = [...replay.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!));
    expect(data).toEqual(JSON.parse(JSON.stringify(missed)));
  });

  it('a backend without live updates answers 501 unsupported', async () => {
    const bare = await startReferenceServer({ adapter: createTestAdapter({}) });
    try {
      const adapter = createHttpAdapter({ baseUrl: bare.url });
      await expect(adapter.subscribe!({ query: createQuery(), onEvent: () => {}, signal: signal() })).rejects.toMatchObject({
        code: 'unsupported',
        status: 501,
      });
    } finally {
      await bare.close();
    }
  });
});

describe('capabilities', () => {
  it('loadHttpAdapter reads them from the server and leaves out what is unsupported', async () => {
    const partial = await startReferenceServer({ adapter: createTestAdapter({ listActivities: twin.listActivities }) });
    try {
      const adapter = await loadHttpAdapter({ baseUrl: partial.url });
      expect(adapter.capabilities).toMatchObject({ live: false, block: false, workItems: false, serverTimeline: false });
      expect(adapter.block).toBeUndefined();
      expect(adapter.subscribe).toBeUndefined();
      expect(adapter.getTimeline).toBeUndefined();
      expect((await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items).toHaveLength(1);
    } finally {
      await partial.close();
    }
  });

  it('createHttpAdapter defaults to every capability', () => {
    const adapter = createHttpAdapter({ baseUrl: 'http://127.0.0.1:1' });
    expect(Object.values(adapter.capabilities).every(Boolean)).toBe(true);
    expect(typeof adapter.subscribe).toBe('function');
  });
});

describe('the server validates requests', () => {
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${running.url}${path}`, init);
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  const post = (path: string, body: string) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it.each([
    ['/activities?pageSize=0', 'query.pageSize'],
    ['/activities?pageSize=abc', 'query.pageSize'],
    ['/activities?sev=high&sev=bogus', 'query.sev[1]'],
    ['/activities?status=deleted', 'query.status'],
    ['/activities?sort=lastSeen:sideways', 'query.sort'],
    ['/activities?from=10', 'query.to'],
    ['/activities?from=10&to=5', 'query.from'],
    ['/activities?time=1y', 'query.time'],
    [`/activities?q=${'x'.repeat(600)}`, 'query.q'],
    ['/facets/password', 'field'],
    ['/activities/x/timeline', 'query.bucketMs'],
  ])('GET %s → 400 at %s', async (path, where) => {
    expect(await call(path)).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'invalid_request', path: where }) } });
  });

  it.each([
    ['/status-changes', '{"status":"ignored"', 'body'],
    ['/status-changes', '{"status":"gone","ids":["a"]}', 'body.status'],
    ['/status-changes', '{"status":"ignored","ids":[1]}', 'body.ids[0]'],
    ['/status-changes', '{"status":"ignored"}', 'body'],
    ['/status-changes', '{"status":"ignored","query":{"status":"active","filters":{"severity":["nope"]}}}', 'body.query.filters.severity[0]'],
    ['/suppression-rules', '{"actorIp":"1.2.3.4","endpoint":{"method":"GET","path":"/"},"policyId":"p","expiresAt":null}', 'body.endpoint.host'],
    ['/blocks', '{"target":"1.2.3.4","durationMs":-5}', 'body.durationMs'],
    ['/work-items', '{"targetId":"t","activityId":"a","values":{"f":5}}', 'body.values.f'],
  ])('POST %s %s → 400 at %s', async (path, body, where) => {
    const result = await post(path, body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 'invalid_request', path: where });
  });

  it('refuses oversized bodies, unknown routes and wrong methods with the error envelope', async () => {
    const big = await post('/status-changes', JSON.stringify({ status: 'ignored', ids: Array(200_000).fill('abcdefgh') }));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'invalid_request' } } });
    expect(await call('/nope')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await call('/capabilities', { method: 'DELETE' })).toMatchObject({ status: 405, body: { error: { code: 'invalid_request' } } });
  });

  it('answers CORS preflights for a dev front end on another origin', async () => {
    const response = await fetch(`${running.url}/status-changes`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
  });
});
