/**
 * `GET /actors` and `GET /overview` as callers see them: who may call them,
 * what a bad query string gets (400 naming the parameter, never a silent
 * default), 501 from a backend without the pivot, and the HTTP adapter
 * refusing a malformed answer as `invalid_response`.
 */
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import type { ThreatDeckAdapter } from '../../../src/core/adapter';
import { createQuery, queryToSearchParams } from '../../../src/core/query';
import { isAdapterError } from '../../../src/core/errors';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { makeKeys, send } from './securedServerKit';
import { json, startRawServer, type RawServer } from './startRawServer';

const NOW = Date.UTC(2025, 0, 15);
const memory = () => createMemoryAdapter({ seed: 9, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
const signal = () => new AbortController().signal;
const { keys, entries } = makeKeys();
const servers: Array<RunningReferenceServer | RawServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(adapter: ThreatDeckAdapter = memory()) {
  const running = await startReferenceServer({ adapter, apiKeys: entries, live: { lingerMs: 20 } });
  servers.push(running);
  return running;
}
const viewer = { 'x-api-key': keys.viewer };

describe('GET /actors', () => {
  test('a viewer gets the backend’s pages; no credentials is 401, the ingest role 403', async () => {
    const adapter = memory();
    const server = await serve(adapter);
    const params = queryToSearchParams(createQuery({ filters: { severity: ['high', 'critical'] } }));
    params.set('actorSort', 'attempts:desc');
    params.set('pageSize', '7');
    const ok = await send(server.url, 'GET', `/actors?${params}`, viewer);
    expect(ok.status).toBe(200);
    const expected = await adapter.listActors!({ query: createQuery({ filters: { severity: ['high', 'critical'] } }), sort: { field: 'attempts', direction: 'desc' }, pageSize: 7, signal: signal() });
    expect(ok.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect((await send(server.url, 'GET', '/actors')).status).toBe(401);
    const ingest = await send(server.url, 'GET', '/actors', { 'x-api-key': keys.ingest });
    expect(ingest.status).toBe(403);
    expect(ingest.body.error?.code).toBe('forbidden');
  });

  test.each([
    ['actorSort=bogus:desc', 'query.actorSort'],
    ['actorSort=attempts:sideways', 'query.actorSort'],
    ['actorSort=attempts:desc:again', 'query.actorSort'],
    ['actorSort=attempts:desc&actorSort=ip:asc', 'query.actorSort'],
    ['actorSort=__proto__:asc', 'query.actorSort'],
    ['pageSize=0', 'query.pageSize'],
    ['pageSize=501', 'query.pageSize'],
    ['pageSize=1e3', 'query.pageSize'],
    ['cursor=x…(5000)', 'query.cursor'],
    ['cursor=not-a-cursor', 'cursor'],
    ['sev=<script>', 'query.sev[0]'],
    ['from=5', 'query.to'],
    ['from=9&to=1', 'query.from'],
  ])('%s is 400 invalid_request at %s', async (qs, path) => {
    const server = await serve();
    const res = await send(server.url, 'GET', `/actors?${qs.replace('x…(5000)', 'x'.repeat(5000))}`, viewer);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', path });
  });

  test('a backend without the pivot answers 501 unsupported, and says so in /capabilities', async () => {
    const inner = memory();
    const server = await serve(createTestAdapter({ listActivities: (p) => inner.listActivities(p) }));
    const res = await send(server.url, 'GET', '/actors', viewer);
    expect(res.status).toBe(501);
    expect(res.body.error?.code).toBe('unsupported');
    // Not advertised (absent or false): a client reading /capabilities does not call /actors.
    expect((await send(server.url, 'GET', '/capabilities', viewer)).body.actors ?? false).toBe(false);
  });
});

describe('the HTTP adapter’s pivots refuse malformed answers', () => {
  async function rawBackend(body: unknown) {
    const raw = await startRawServer((_req, res) => json(res, 200, body));
    servers.push(raw);
    return createHttpAdapter({ baseUrl: raw.url, retry: { retries: 0, baseDelayMs: 1 } });
  }
  const actor = { ip: '203.0.113.5', activities: 2, endpoints: 1, subcategories: ['SQLi'], subcategoryCount: 1, attempts: 4, firstSeen: 1, lastSeen: 2, severity: 'high', successfulExploit: false };

  test.each([
    ['a negative count', { items: [{ ...actor, attempts: -1 }], total: 1, nextCursor: null }],
    ['an unknown severity', { items: [{ ...actor, severity: 'apocalyptic' }], total: 1, nextCursor: null }],
    ['a subcategory list over its cap', { items: [{ ...actor, subcategories: ['a', 'b', 'c', 'd', 'e', 'f'] }], total: 1, nextCursor: null }],
    ['a missing total', { items: [actor], nextCursor: null }],
  ])('listActors: %s is invalid_response', async (_name, body) => {
    const adapter = await rawBackend(body);
    const error = await adapter.listActors!({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 10, signal: signal() }).catch((e: unknown) => e);
    expect(isAdapterError(error) && error.code).toBe('invalid_response');
  });

  test('listActors sends the actors’ order apart from the list’s sort', async () => {
    const raw = await startRawServer((_req, res) => json(res, 200, { items: [actor], total: 1, nextCursor: null }));
    servers.push(raw);
    const adapter = createHttpAdapter({ baseUrl: raw.url });
    const page = await adapter.listActors!({ query: createQuery({ sort: { field: 'severity', direction: 'asc' } }), sort: { field: 'endpoints', direction: 'asc' }, pageSize: 3, cursor: 'c1', signal: signal() });
    expect(page.items[0]).toEqual(actor);
    const url = new URL(raw.requests[0]!.url, raw.url);
    expect(url.pathname).toBe('/actors');
    expect(url.searchParams.get('actorSort')).toBe('endpoints:asc');
    expect(url.searchParams.get('sort')).toBe('severity:asc');
    expect(url.searchParams.get('pageSize')).toBe('3');
    expect(url.searchParams.get('cursor')).toBe('c1');
  });

  test('getOverview: buckets that do not have one count per group are invalid_response', async () => {
    const overview = {
      groupBy: 'severity',
      groups: ['high', 'low'],
      from: 0,
      to: 10,
      bucketMs: 10,
      buckets: [{ start: 0, activities: [1], attempts: [1, 2] }],
      totals: { activities: 1, attempts: 3 },
      top: { subcategory: [], url: [], actor: [], severity: [] },
      partial: null,
    };
    const adapter = await rawBackend(overview);
    const error = await adapter.getOverview!({ query: createQuery(), groupBy: 'severity', maxBuckets: 10, top: 5, signal: signal() }).catch((e: unknown) => e);
    expect(isAdapterError(error) && error.code).toBe('invalid_response');
    const fine = await rawBackend({ ...overview, buckets: [{ start: 0, activities: [1, 0], attempts: [1, 2] }] });
    expect((await fine.getOverview!({ query: createQuery(), groupBy: 'severity', maxBuckets: 10, top: 5, signal: signal() })).totals.attempts).toBe(3);
  });
});
