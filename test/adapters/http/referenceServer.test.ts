/**
 * The HTTP adapter against the reference server on 127.0.0.1: it must answer
 * exactly what the adapter behind the server answers, and the server must
 * refuse bad input with 400 invalid_request naming the field.
 */
import { createHttpAdapter, loadHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { request as httpRequest } from 'node:http';
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

  it('suppression rules: preview, create with the activity (one operation), list paged, delete', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const rule = { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null, reason: 'pentest', applyToExisting: true };
    expect(await http.previewSuppressionRule!({ rule, signal: signal() })).toEqual(await twin.previewSuppressionRule({ rule, signal: signal() }));
    const created = await http.ignore!({ rule, activityIds: [a.id], idempotencyKey: 'ignore-1', signal: signal() });
    expect(created.rule).toMatchObject({ actorIp: a.actor.ip, reason: 'pentest' });
    expect(created.affected).toBeGreaterThanOrEqual(1);
    expect(await backend.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: created.rule.id });
    const page = { state: 'active' as const, search: a.actor.ip, pageSize: 10 };
    expect(await http.listSuppressionRules!({ ...page, signal: signal() })).toEqual({ items: [created.rule], total: 1, nextCursor: null });
    await expect(http.deleteSuppressionRule!({ ruleId: created.rule.id, signal: signal() })).resolves.toBeUndefined();
    expect(await http.listSuppressionRules!({ ...page, signal: signal() })).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('status changes carry liftRules, asOf and dryRun through to the backend', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const rule = { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null };
    const { rule: made } = await http.ignore!({ rule, activityIds: [a.id], signal: signal() });
    const lifted = await http.setStatus({ ids: [a.id], status: 'active', liftRules: true, signal: signal() });
    expect(lifted.liftedRuleIds).toEqual([made.id]);
    const query = createQuery({ status: 'active', filters: { severity: ['critical'] } });
    const seen = await http.listActivities({ query, pageSize: 1, signal: signal() });
    expect(seen.asOf).toEqual(expect.any(String));
    const dry = await http.setStatusByQuery!({ query, status: 'under_review', asOf: seen.asOf!, dryRun: true, signal: signal() });
    expect(dry).toEqual({ affected: seen.total });
    expect((await http.listActivities({ query, pageSize: 1, signal: signal() })).total).toBe(seen.total);
  });

  it('block, unblock, work items', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const block = await http.block!({ target: '198.51.100.0/24', durationMs: 60_000, reason: 'scanner', activityId: a.id, acknowledgeRisk: true, signal: signal() });
    expect(block).toMatchObject({ target: '198.51.100.0/24', reason: 'scanner', activityId: a.id });
    expect(await http.listBlocks!({ search: 'scanner', pageSize: 5, signal: signal() })).toEqual({ items: [block], total: 1, nextCursor: null });
    await expect(http.unblock!({ blockId: block.blockId, signal: signal() })).resolves.toBeUndefined();
    expect(await http.listBlocks!({ pageSize: 5, signal: signal() })).toMatchObject({ items: [], total: 0 });
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
    while (!/^data: /m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    const lastId = [...text.matchAll(/^id: (\d+)$/gm)].at(-1)![1]!;
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

  it('the first frame carries an id, so a client cut off before any event resumes and misses nothing', async () => {
    const read = async (response: Response, until: (text: string) => boolean) => {
      const reader = response.body!.getReader();
      let text = '';
      while (!until(text)) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      return text;
    };
    backend.simulateLiveEvents(2); // the hub's sequence is not where a new client starts
    const first = await fetch(`${running.url}/events`, { headers: { accept: 'text/event-stream' } });
    const frame = await read(first, (t) => t.includes('\n\n'));
    expect(frame).toMatch(/^retry: \d+\nid: \d+\n/);
    const resumeFrom = /id: (\d+)/.exec(frame)![1]!;
    const missed = backend.simulateLiveEvents(2);
    const second = await fetch(`${running.url}/events`, { headers: { accept: 'text/event-stream', 'last-event-id': resumeFrom } });
    const replay = await read(second, (t) => (t.match(/^data: /gm) ?? []).length >= 2);
    expect([...replay.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!))).toEqual(JSON.parse(JSON.stringify(missed)));
  });

  it.each([
    ['from an earlier server run (above the sequence)', '999999'],
    ['that is not a number', '12abc'],
  ])('a Last-Event-ID %s resumes from now', async (_what, header) => {
    backend.simulateLiveEvents(3);
    const response = await fetch(`${running.url}/events`, { headers: { accept: 'text/event-stream', 'last-event-id': header } });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    const sent = backend.simulateLiveEvents(1);
    while (!/^data: /m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids[1]).toBe(ids[0]! + 1);
    expect([...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!))).toEqual(JSON.parse(JSON.stringify(sent)));
  });

  it('through the HTTP adapter: a connection dropped before any event resumes with Last-Event-ID', async () => {
    const live = await startReferenceServer({ adapter: backend, sseRetryMs: 1000, live: { lingerMs: 5000 } });
    try {
      const client = createHttpAdapter({ baseUrl: live.url, retry: false, live: { baseDelayMs: 10, maxDelayMs: 50 } });
      const controller = new AbortController();
      const received: LiveEvent[] = [];
      await client.subscribe!({ query: createQuery(), onEvent: (e) => received.push(e), onError: () => {}, signal: controller.signal });
      await new Promise((r) => setTimeout(r, 50)); // the first frame has arrived
      live.server.closeAllConnections();
      const missed = backend.simulateLiveEvents(2);
      await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 4000 });
      expect(received).toEqual(JSON.parse(JSON.stringify(missed)));
      controller.abort();
    } finally {
      await live.close();
    }
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

describe('idempotency keys and the guards of writes', () => {
  /** Sends a request with exactly these header bytes (fetch would refuse some of them before sending). */
  function rawRequest(url: string, method: string, path: string, headers: Record<string, string>, body?: string) {
    return new Promise<{ status: number; body: { error?: { code: string; message: string; path?: string } } }>((resolve, reject) => {
      const request = httpRequest(`${url}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  type Recorded = Record<string, unknown>;
  function recordingServer() {
    const calls: Array<[string, Recorded]> = [];
    const record = (name: string, result: unknown) => async (params: Recorded) => {
      const { signal: _signal, ...rest } = params;
      calls.push([name, rest]);
      return result;
    };
    const rule = { id: 'rule-1', actorIp: '203.0.113.9', endpoint: { method: 'GET', path: '/', host: 'h' }, policyId: 'p', createdAt: 1, expiresAt: null, suppressedCount: 0 };
    const adapter = createTestAdapter({
      setStatus: record('setStatus', { affected: 1 }) as never,
      setStatusByQuery: record('setStatusByQuery', { affected: 2 }) as never,
      ignore: record('ignore', { rule, affected: 1 }) as never,
      deleteSuppressionRule: record('deleteSuppressionRule', undefined) as never,
      block: record('block', { blockId: 'b-1', target: '203.0.113.9', createdAt: 1, expiresAt: null }) as never,
      unblock: record('unblock', undefined) as never,
      listWorkItemTargets: record('listWorkItemTargets', []) as never,
      createWorkItem: record('createWorkItem', { targetId: 't', key: 'SEC-1', url: 'https://x.example/1', createdAt: 1 }) as never,
    });
    return { adapter, calls };
  }

  const ruleBody = { actorIp: '203.0.113.9', endpoint: { method: 'GET', path: '/', host: 'h' }, policyId: 'p', expiresAt: null };
  const WRITES: Array<[method: string, path: string, body: unknown, call: string, params: Recorded]> = [
    ['POST', '/status-changes', { ids: ['a'], status: 'active', liftRules: true }, 'setStatus', { ids: ['a'], status: 'active', liftRules: true }],
    ['POST', '/status-changes', { query: { status: 'active' }, status: 'ignored', asOf: '12', dryRun: true }, 'setStatusByQuery', { status: 'ignored', asOf: '12', dryRun: true }],
    ['POST', '/suppression-rules', { rule: ruleBody, activityIds: ['a'] }, 'ignore', { rule: ruleBody, activityIds: ['a'] }],
    ['DELETE', '/suppression-rules/rule%2F1', undefined, 'deleteSuppressionRule', { ruleId: 'rule/1' }],
    ['POST', '/blocks', { target: '203.0.113.9', durationMs: null, acknowledgeRisk: true }, 'block', { target: '203.0.113.9', durationMs: null, acknowledgeRisk: true }],
    ['DELETE', '/blocks/b-1', undefined, 'unblock', { blockId: 'b-1' }],
    ['POST', '/work-items', { targetId: 't', activityId: 'a', values: {} }, 'createWorkItem', { targetId: 't', activityId: 'a', values: {} }],
  ];

  it.each(WRITES)('%s %s passes the Idempotency-Key and the new fields to the adapter', async (method, path, body, call, params) => {
    const { adapter, calls } = recordingServer();
    const server = await startReferenceServer({ adapter });
    try {
      const key = 'k-0123456789abcdef'.padEnd(128, 'x');
      const response = await rawRequest(server.url, method, path, { 'idempotency-key': key }, body === undefined ? undefined : JSON.stringify(body));
      expect(response.status).toBeLessThan(300);
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBe(call);
      expect(calls[0]![1]).toMatchObject({ ...params, idempotencyKey: key });
      // Without the header the adapter gets no key at all.
      await rawRequest(server.url, method, path, {}, body === undefined ? undefined : JSON.stringify(body));
      expect(calls[1]![1]).not.toHaveProperty('idempotencyKey');
    } finally {
      await server.close();
    }
  });

  it.each([
    ['longer than 128 characters', 'k'.repeat(129)],
    ['empty', ''],
    ['with a space', 'two words'],
    ['with a tab', 'a\tb'],
    ['with non-ASCII bytes', 'cl\u00e9'],
    ['sent twice', ['one', 'two']],
  ])('a key %s is refused with 400 naming the header, without reaching the adapter or echoing it', async (_what, key) => {
    const { adapter, calls } = recordingServer();
    const server = await startReferenceServer({ adapter });
    try {
      const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = httpRequest(`${server.url}/status-changes`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        request.on('error', reject);
        request.end(JSON.stringify({ ids: ['a'], status: 'active' }));
      });
      expect(response.status).toBe(400);
      const error = JSON.parse(response.text).error;
      expect(error).toMatchObject({ code: 'invalid_request', path: 'header.Idempotency-Key' });
      for (const part of [key].flat().filter((k) => k.length > 3)) expect(response.text).not.toContain(part);
      expect(calls).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('a key names one request: reused for another kind of write (ids then a query, another endpoint) it is 409 and nothing changes', async () => {
    const [a, b] = (await twin.listActivities({ query: createQuery(), pageSize: 2, signal: signal() })).items;
    const headers = { 'idempotency-key': 'one-intent' };
    expect((await rawRequest(running.url, 'POST', '/status-changes', headers, JSON.stringify({ ids: [a!.id], status: 'under_review' }))).status).toBe(200);
    const byQuery = JSON.stringify({ query: { status: 'active' }, status: 'ignored' });
    expect(await rawRequest(running.url, 'POST', '/status-changes', headers, byQuery)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    const block = JSON.stringify({ target: b!.actor.ip, durationMs: null, acknowledgeRisk: true });
    expect(await rawRequest(running.url, 'POST', '/blocks', headers, block)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(await rawRequest(running.url, 'DELETE', '/blocks/x', headers)).toMatchObject({ status: 409 });
    const client = createHttpAdapter({ baseUrl: running.url, retry: false });
    await expect(client.unblock!({ blockId: 'x', idempotencyKey: 'one-intent', signal: signal() })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      path: 'idempotencyKey',
    });
    expect((await backend.listActivities({ query: createQuery({ status: 'ignored' }), pageSize: 1, signal: signal() })).total).toBe(
      (await twin.listActivities({ query: createQuery({ status: 'ignored' }), pageSize: 1, signal: signal() })).total,
    );
    expect((await backend.listBlocks({ pageSize: 5, signal: signal() })).total).toBe(0);
  });

  it('a key whose first request failed is free: the corrected request runs', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const headers = { 'idempotency-key': 'fixed-after-400' };
    expect((await rawRequest(running.url, 'POST', '/status-changes', headers, JSON.stringify({ ids: ['no-such-id'], status: 'ignored' }))).status).toBe(404);
    expect((await rawRequest(running.url, 'POST', '/status-changes', headers, JSON.stringify({ ids: [a.id], status: 'ignored' }))).status).toBe(200);
    expect((await backend.getActivity({ id: a.id, signal: signal() })).status).toBe('ignored');
  });

  it('a read ignores the header (it is not a write)', async () => {
    const response = await rawRequest(running.url, 'GET', '/activities?pageSize=1', { 'idempotency-key': 'not a valid key' });
    expect(response.status).toBe(200);
  });

  it.each([
    ['0.0.0.0/0', 'wide-prefix'],
    ['10.0.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
  ])('the server refuses to block %s without acknowledgeRisk, whatever the adapter would do', async (target, warning) => {
    const { adapter, calls } = recordingServer();
    const server = await startReferenceServer({ adapter });
    try {
      const refused = await rawRequest(server.url, 'POST', '/blocks', {}, JSON.stringify({ target, durationMs: null }));
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'invalid_request', path: 'body.acknowledgeRisk' });
      expect((refused.body.error as { detail?: string }).detail?.split(',')).toContain(warning);
      expect(calls).toEqual([]);
      const client = createHttpAdapter({ baseUrl: server.url, retry: false });
      await expect(client.block!({ target, durationMs: null, signal: signal() })).rejects.toMatchObject({ code: 'invalid_request', path: 'acknowledgeRisk' });
      await client.block!({ target, durationMs: null, acknowledgeRisk: true, signal: signal() });
      // Auth is off on this server: the adapter is told the writer is the anonymous development principal.
      expect(calls).toEqual([['block', { target, durationMs: null, acknowledgeRisk: true, principal: { id: 'anonymous', role: 'admin' } }]]);
    } finally {
      await server.close();
    }
  });

  it('over the memory backend: a replayed key answers the first outcome, another body with it is 409 conflict', async () => {
    const a = (await twin.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const body = JSON.stringify({ ids: [a.id], status: 'under_review' });
    const first = await rawRequest(running.url, 'POST', '/status-changes', { 'idempotency-key': 'replay-1' }, body);
    await backend.setStatus({ ids: [a.id], status: 'active', signal: signal() });
    const again = await rawRequest(running.url, 'POST', '/status-changes', { 'idempotency-key': 'replay-1' }, body);
    expect(again).toEqual(first);
    expect((await backend.getActivity({ id: a.id, signal: signal() })).status).toBe('active');
    const other = await rawRequest(running.url, 'POST', '/status-changes', { 'idempotency-key': 'replay-1' }, JSON.stringify({ ids: [a.id], status: 'ignored' }));
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect((await backend.getActivity({ id: a.id, signal: signal() })).status).toBe('active');
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
    ['/suppression-rules?state=old', 'query.state'],
    ['/suppression-rules?pageSize=1001', 'query.pageSize'],
    [`/suppression-rules?search=${'x'.repeat(513)}`, 'query.search'],
    [`/suppression-rules?cursor=${'c'.repeat(4097)}`, 'query.cursor'],
    ['/blocks?state=active&state=expired', 'query.state'],
    ['/blocks?pageSize=0', 'query.pageSize'],
  ])('GET %s → 400 at %s', async (path, where) => {
    expect(await call(path)).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'invalid_request', path: where }) } });
  });

  it.each([
    ['/status-changes', '{"status":"ignored"', 'body'],
    ['/status-changes', '{"status":"gone","ids":["a"]}', 'body.status'],
    ['/status-changes', '{"status":"ignored","ids":[1]}', 'body.ids[0]'],
    ['/status-changes', '{"status":"ignored"}', 'body'],
    ['/status-changes', '{"status":"ignored","query":{"status":"active","filters":{"severity":["nope"]}}}', 'body.query.filters.severity[0]'],
    ['/suppression-rules', '{"rule":{"actorIp":"1.2.3.4","endpoint":{"method":"GET","path":"/"},"policyId":"p","expiresAt":null}}', 'body.rule.endpoint.host'],
    ['/blocks', '{"target":"1.2.3.4","durationMs":-5}', 'body.durationMs'],
    ['/work-items', '{"targetId":"t","activityId":"a","values":{"f":5}}', 'body.values.f'],
    ['/status-changes', '{"status":"active","ids":["a"],"asOf":"7"}', 'body.asOf'],
    ['/status-changes', '{"status":"active","ids":["a"],"dryRun":true}', 'body.dryRun'],
    ['/status-changes', '{"status":"active","ids":["a"],"excludeIds":["b"]}', 'body.excludeIds'],
    ['/status-changes', '{"status":"active","query":{"status":"ignored"},"liftRules":true}', 'body.liftRules'],
    ['/status-changes', '{"status":"active","ids":["a"],"liftRules":"yes"}', 'body.liftRules'],
    ['/status-changes', `{"status":"active","query":{"status":"ignored"},"asOf":"${'9'.repeat(257)}"}`, 'body.asOf'],
    ['/status-changes', '{"status":"active","query":{"status":"ignored"},"asOf":""}', 'body.asOf'],
    ['/status-changes', `{"status":"active","ids":${JSON.stringify(Array(10_001).fill('a'))}}`, 'body.ids'],
    ['/suppression-rules', `{"rule":{"actorIp":"1.2.3.4","endpoint":{"method":"GET","path":"/","host":"h"},"policyId":"p","expiresAt":null,"reason":"${'r'.repeat(2001)}"}}`, 'body.rule.reason'],
    ['/suppression-rules', `{"rule":{"actorIp":"1.2.3.4","endpoint":{"method":"GET","path":"/","host":"h"},"policyId":"p","expiresAt":null},"activityIds":${JSON.stringify(Array(10_001).fill('a'))}}`, 'body.activityIds'],
    ['/suppression-rules', '{"actorIp":"1.2.3.4","endpoint":{"method":"GET","path":"/","host":"h"},"policyId":"p","expiresAt":null}', 'body.rule'],
    ['/suppression-rules/preview', '{"rule":{"actorIp":"","endpoint":{"method":"GET","path":"/","host":"h"},"policyId":"p","expiresAt":null}}', 'body.rule.actorIp'],
    ['/blocks', '{"target":"1.2.3.4","durationMs":null,"acknowledgeRisk":"yes"}', 'body.acknowledgeRisk'],
    ['/blocks', `{"target":"1.2.3.4","durationMs":null,"reason":"${'r'.repeat(2001)}"}`, 'body.reason'],
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

  it('refuses a body announced larger than the limit before reading it', async () => {
    const small = await startReferenceServer({ adapter: backend, maxBodyBytes: 64 });
    try {
      const response = await fetch(`${small.url}/status-changes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'ignored', ids: ['a'.repeat(100)] }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', path: 'body' } });
    } finally {
      await small.close();
    }
  });

  it('answers CORS preflights for a dev front end on an allowed origin', async () => {
    const withCors = await startReferenceServer({ adapter: backend, corsOrigins: ['http://localhost:5173'] });
    try {
      const response = await fetch(`${withCors.url}/status-changes`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    } finally {
      await withCors.close();
    }
  });
});
