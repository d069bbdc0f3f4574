/**
 * The reference server's security as a caller sees it: credentials (API key
 * or bearer token) decide who is calling, roles decide what they may do, and
 * a browser page on another site can neither read answers (no CORS unless
 * allowed) nor push a write through a simple form post (JSON only).
 */
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { createQuery } from '../../../src/core/query';
import { createAuthenticator, sha256Hex } from '../../../server/auth';
import { ROUTE_PERMISSIONS } from '../../../server/permissions';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { detectionEvent, json, makeKeys, send } from './securedServerKit';

const NOW = Date.UTC(2025, 0, 15);
const memory = () => createMemoryAdapter({ seed: 5, activities: 200, hugeActivityAttempts: 0, now: () => NOW, live: false });
const signal = () => new AbortController().signal;
const { keys, entries } = makeKeys();
const servers: RunningReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(options: Parameters<typeof startReferenceServer>[0] = {}) {
  const running = await startReferenceServer({ adapter: memory(), apiKeys: entries, live: { lingerMs: 20 }, ...options });
  servers.push(running);
  return running;
}

type Role = 'viewer' | 'analyst' | 'admin' | 'ingest';
const rule = { actorIp: '203.0.113.9', endpoint: { method: 'GET', path: '/', host: 'h' }, policyId: 'p', expiresAt: null };
/** Every operation, a request for it, and who may call it (written out here, not read from the server). */
const OPERATIONS: Array<[method: string, path: string, body: unknown, allowed: Role[]]> = [
  ['GET', '/capabilities', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities?pageSize=2', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/facets/host', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/overview', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/actors?actorSort=attempts:desc&pageSize=5', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities/act-000001', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities/act-000001/attempts', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities/act-000001/timeline?bucketMs=3600000', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities/act-000001/remediation', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/suppression-rules', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/blocks', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/work-item-targets', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/events', undefined, ['viewer', 'analyst', 'admin']],
  ['POST', '/status-changes', { ids: ['act-000001'], status: 'under_review' }, ['analyst', 'admin']],
  ['POST', '/suppression-rules', { rule }, ['analyst', 'admin']],
  ['POST', '/suppression-rules/preview', { rule }, ['analyst', 'admin']],
  ['POST', '/work-items', { targetId: 'nope', activityId: 'act-000001', values: {} }, ['analyst', 'admin']],
  ['DELETE', '/suppression-rules/no-such-rule', undefined, ['admin']],
  ['POST', '/blocks', { target: '45.33.32.50', durationMs: 60_000 }, ['admin']],
  ['DELETE', '/blocks/no-such-block', undefined, ['admin']],
  ['POST', '/events', { events: [detectionEvent(1)] }, ['admin', 'ingest']],
  // Case handling.
  ['GET', '/users', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities/act-000001/notes', undefined, ['viewer', 'analyst', 'admin']],
  ['GET', '/activities/act-000001/history', undefined, ['viewer', 'analyst', 'admin']],
  ['POST', '/assignments', { target: { ids: ['act-000001'] }, userId: null }, ['analyst', 'admin']],
  ['POST', '/activities/act-000001/notes', { text: 'role check' }, ['analyst', 'admin']],
  ['POST', '/notes', { target: { ids: ['act-000001'] }, text: 'role check' }, ['analyst', 'admin']],
];
const ROLES: Role[] = ['viewer', 'analyst', 'admin', 'ingest'];

describe('each role can do exactly what it may', () => {
  it('the table covers every route the server protects', () => {
    expect(OPERATIONS).toHaveLength(Object.keys(ROUTE_PERMISSIONS).length);
  });

  it.each(OPERATIONS)('%s %s', async (method, path, body, allowed) => {
    const server = await serve();
    for (const role of ROLES) {
      const headers = { 'x-api-key': keys[role], ...(body !== undefined ? json() : {}) };
      const response = await send(server.url, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
      if (allowed.includes(role)) {
        expect([role, response.status], response.body.error?.message).not.toEqual([role, 403]);
        expect(response.status).not.toBe(401);
      } else {
        expect([role, response.status]).toEqual([role, 403]);
        expect(response.body.error).toMatchObject({ code: 'forbidden' });
      }
    }
  });

  it('a refused write changes nothing', async () => {
    const backend = memory();
    const server = await serve({ adapter: backend });
    const before = await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() });
    const body = JSON.stringify({ query: { status: 'active' }, status: 'ignored' });
    expect((await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.viewer }), body)).status).toBe(403);
    expect((await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).counts).toEqual(before.counts);
  });

  it('Reactivate-and-lift deletes rules, so it needs admin like deleting a rule does', async () => {
    const server = await serve();
    const body = JSON.stringify({ ids: ['act-000001'], status: 'active', liftRules: true });
    const analyst = await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.analyst }), body);
    expect(analyst).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.admin }), body)).status).toBe(200);
  });
});

describe('authentication', () => {
  it.each([
    ['no credentials', {}],
    ['an unknown API key', { 'x-api-key': 'tdk_not-a-configured-key' }],
    ['an unknown bearer token', { authorization: 'Bearer tdk_not-a-configured-key' }],
    ['a key that differs in its last character', { 'x-api-key': `${keys.admin.slice(0, -1)}${keys.admin.endsWith('A') ? 'B' : 'A'}` }],
    ['the hash instead of the key', { 'x-api-key': sha256Hex(keys.admin) }],
    ['Basic credentials', { authorization: `Basic ${Buffer.from(`admin:${keys.admin}`).toString('base64')}` }],
    ['both an API key and a bearer token', { 'x-api-key': keys.admin, authorization: `Bearer ${keys.admin}` }],
    ['a huge key', { 'x-api-key': 'k'.repeat(10_000) }],
  ])('%s → 401 unauthorized with a WWW-Authenticate challenge', async (_what, headers) => {
    const server = await serve();
    const response = await send(server.url, 'GET', '/activities', headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'unauthorized' });
    expect(response.headers['www-authenticate']).toContain('Bearer realm="threatdeck"');
    expect(JSON.stringify(response.body)).not.toContain(keys.admin);
  });

  it('an unknown path answers 401 too: nothing is revealed before authentication', async () => {
    const server = await serve();
    expect((await send(server.url, 'GET', '/no/such/path')).status).toBe(401);
    expect((await send(server.url, 'GET', '/no/such/path', { 'x-api-key': keys.viewer })).status).toBe(404);
  });

  it('a bearer token works like an API key, and the HTTP adapter sends it through its headers option', async () => {
    const server = await serve();
    expect((await send(server.url, 'GET', '/capabilities', { authorization: `Bearer ${keys.viewer}` })).status).toBe(200);
    const viewer = createHttpAdapter({ baseUrl: server.url, retry: false, headers: { authorization: `Bearer ${keys.viewer}` } });
    expect((await viewer.listActivities({ query: createQuery(), pageSize: 3, signal: signal() })).items).toHaveLength(3);
    await expect(viewer.setStatus({ ids: ['act-000001'], status: 'ignored', signal: signal() })).rejects.toMatchObject({ code: 'forbidden' });
    const analyst = createHttpAdapter({ baseUrl: server.url, retry: false, headers: () => ({ 'x-api-key': keys.analyst }) });
    await expect(analyst.setStatus({ ids: ['act-000001'], status: 'under_review', signal: signal() })).resolves.toEqual({ affected: 1 });
    const nobody = createHttpAdapter({ baseUrl: server.url, retry: false });
    await expect(nobody.listActivities({ query: createQuery(), pageSize: 3, signal: signal() })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('the adapter is told who writes, from the credential and never from the body', async () => {
    const calls: unknown[] = [];
    const adapter = createTestAdapter({
      setStatus: (async (params: Record<string, unknown>) => {
        calls.push(params.principal);
        return { affected: 1 };
      }) as never,
    });
    const server = await serve({ adapter });
    const ok = await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.analyst }), JSON.stringify({ ids: ['a'], status: 'ignored' }));
    expect(ok.status).toBe(200);
    expect(calls).toEqual([{ id: 'analyst-1', role: 'analyst' }]);
    const forged = JSON.stringify({ ids: ['a'], status: 'ignored', principal: { id: 'root', role: 'admin' } });
    const refused = await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.analyst }), forged);
    expect(refused).toMatchObject({ status: 400, body: { error: { path: 'body.principal' } } });
    expect(calls).toHaveLength(1);
  });

  it('an idempotency key is the caller’s own: another principal sending it with the same request gets 409, not the first answer', async () => {
    const server = await serve();
    const body = JSON.stringify({ ids: ['act-000001'], status: 'under_review' });
    const first = await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.analyst, 'idempotency-key': 'k-1' }), body);
    expect(first.status).toBe(200);
    expect((await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.analyst, 'idempotency-key': 'k-1' }), body)).body).toEqual(first.body);
    const other = await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.admin, 'idempotency-key': 'k-1' }), body);
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });

  it('keys are configured as SHA-256 digests only: a plaintext key in the configuration is refused', () => {
    expect(() => createAuthenticator([{ id: 'a', role: 'admin', sha256: keys.admin }])).toThrow(/sha256/);
    expect(() => createAuthenticator([{ id: 'a', role: 'root' as never, sha256: sha256Hex('x') }])).toThrow(/role/);
    expect(() => createAuthenticator([entries[0]!, { ...entries[0]!, id: 'twin' }])).toThrow(/repeats/);
  });
});

describe('a page on another site', () => {
  const ignoreEverything = JSON.stringify({ query: { status: 'active' }, status: 'ignored' });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-seq', ''])(
    'a cross-origin %s write (no preflight) is refused with 415 and changes nothing, auth off or on',
    async (type) => {
      const backend = memory();
      const open = await serve({ adapter: backend, apiKeys: undefined });
      const before = (await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).counts;
      const headers: Record<string, string> = { origin: 'https://evil.example', ...(type ? { 'content-type': type } : {}) };
      const response = await send(open.url, 'POST', '/status-changes', headers, ignoreEverything);
      expect(response.status).toBe(415);
      expect(response.body.error).toMatchObject({ code: 'invalid_request', path: 'header.Content-Type' });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect((await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).counts).toEqual(before);
      expect(before.active).toBeGreaterThan(0);
    },
  );

  it('the same write as JSON does apply (so the 415 above is the content type, not the request)', async () => {
    const backend = memory();
    const open = await serve({ adapter: backend, apiKeys: undefined });
    const response = await send(open.url, 'POST', '/status-changes', json(), ignoreEverything);
    expect(response.status).toBe(200);
    expect((await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).counts.active).toBe(0);
  });

  it('CORS is off by default: no Origin is reflected', async () => {
    const server = await serve({ apiKeys: undefined });
    const response = await send(server.url, 'GET', '/capabilities', { origin: 'https://evil.example' });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await send(server.url, 'OPTIONS', '/status-changes', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with an allowlist, an allowed origin gets its own ACAO (and Vary: Origin), any other none', async () => {
    const server = await serve({ corsOrigins: ['https://console.example', 'http://localhost:5173'] });
    const allowed = await send(server.url, 'GET', '/capabilities', { origin: 'https://console.example', 'x-api-key': keys.viewer });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example');
    expect(allowed.headers.vary).toMatch(/origin/i);
    for (const origin of ['https://evil.example', 'https://console.example.evil.example', 'null', 'https://CONSOLE.example:443/x']) {
      const other = await send(server.url, 'GET', '/capabilities', { origin, 'x-api-key': keys.viewer });
      expect([origin, other.headers['access-control-allow-origin']]).toEqual([origin, undefined]);
      expect(other.headers['access-control-allow-credentials']).toBeUndefined();
      expect(other.headers.vary).toMatch(/origin/i);
    }
  });

  it('preflights: an allowed origin gets the methods and only the listed headers; another origin is refused', async () => {
    const server = await serve({ corsOrigins: ['https://console.example'] });
    const asked = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key, x-evil' };
    const ok = await send(server.url, 'OPTIONS', '/status-changes', { origin: 'https://console.example', ...asked });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://console.example');
    expect(ok.headers['access-control-allow-methods']).toBe('GET, POST, DELETE');
    expect(ok.headers['access-control-allow-headers']).toBe('content-type, x-api-key');
    const other = await send(server.url, 'OPTIONS', '/status-changes', { origin: 'https://evil.example', ...asked });
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('an allowlist entry must be an exact origin', async () => {
    for (const bad of ['*', 'null', 'https://a.example/path', 'console.example', 'ftp://a.example']) {
      await expect(startReferenceServer({ adapter: createTestAdapter(), corsOrigins: [bad] }), bad).rejects.toThrow(/CORS origin/);
    }
  });
});

describe('limits and ids', () => {
  it('page size and body size are bounded with authentication on', async () => {
    const server = await serve({ maxBodyBytes: 256 });
    expect((await send(server.url, 'GET', '/activities?pageSize=1001', { 'x-api-key': keys.viewer })).status).toBe(400);
    const big = JSON.stringify({ ids: Array(100).fill('act-000001'), status: 'ignored' });
    expect((await send(server.url, 'POST', '/status-changes', json({ 'x-api-key': keys.admin }), big)).status).toBe(413);
  });

  it('rules and blocks get unguessable ids', async () => {
    const server = await serve();
    const admin = createHttpAdapter({ baseUrl: server.url, retry: false, headers: { 'x-api-key': keys.admin } });
    const a = await admin.block!({ target: '45.33.32.60', durationMs: null, signal: signal() });
    const b = await admin.block!({ target: '45.33.32.61', durationMs: null, signal: signal() });
    const r = await admin.ignore!({ rule: { ...rule, actorIp: '203.0.113.62' }, signal: signal() });
    for (const id of [a.blockId, b.blockId, r.rule.id]) expect(id).toMatch(/^[a-z]+-[0-9a-f]{32}$/);
    expect(a.blockId).not.toBe(b.blockId);
  });
});
