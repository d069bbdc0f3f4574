/**
 * Writes and their idempotency keys, against a hand-written backend: the key
 * goes out as `Idempotency-Key` on every try; a keyed write whose outcome is
 * unknown is retried with the same key (bounded, backoff, Retry-After); a
 * write without a key, or against a backend that does not honour keys, never.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHttpAdapter, loadHttpAdapter, type HttpAdapterOptions } from '../../../src/adapters/http/createHttpAdapter';
import type { ThreatDeckAdapter } from '../../../src/core/adapter';
import { isWriteOutcomeUnknown, type AdapterError } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { json, startRawServer, type RawServer } from './startRawServer';

const FAST_RETRY = { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };
const KEY = 'a3c1e7d2-7f1b-4c7e-9a55-0d1f2e3b4c5d';
const signal = () => new AbortController().signal;
let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function adapterFor(s: RawServer, options: Partial<HttpAdapterOptions> = {}) {
  return createHttpAdapter({ baseUrl: s.url, retry: FAST_RETRY, timeoutMs: 2000, ...options });
}
async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
}
const keys = (s: RawServer) => s.requests.map((r) => r.headers['idempotency-key']);

const rule = { actorIp: '203.0.113.9', endpoint: { method: 'GET', path: '/a', host: 'h' }, policyId: 'p', expiresAt: null };
const createdRule = { rule: { ...rule, id: 'rule-1', createdAt: 1, suppressedCount: 0 }, affected: 1 };
const block = { blockId: 'block-1', target: '203.0.113.9', createdAt: 1, expiresAt: null };
const workItem = { targetId: 't', key: 'SEC-1', url: 'https://x.example/SEC-1', createdAt: 1 };

/** Each write of the contract with a key, and what a successful answer looks like. */
const WRITES: Array<[name: string, call: (a: ThreatDeckAdapter) => Promise<unknown>, status: number, body: unknown]> = [
  ['setStatus', (a) => a.setStatus({ ids: ['act-1'], status: 'ignored', idempotencyKey: KEY, signal: signal() }), 200, { affected: 1 }],
  ['setStatusByQuery', (a) => a.setStatusByQuery!({ query: createQuery(), status: 'ignored', asOf: '7', idempotencyKey: KEY, signal: signal() }), 200, { affected: 3 }],
  ['ignore', (a) => a.ignore!({ rule, activityIds: ['act-1'], idempotencyKey: KEY, signal: signal() }), 201, createdRule],
  ['deleteSuppressionRule', (a) => a.deleteSuppressionRule!({ ruleId: 'rule-1', idempotencyKey: KEY, signal: signal() }), 204, undefined],
  ['block', (a) => a.block!({ target: '203.0.113.9', durationMs: null, idempotencyKey: KEY, signal: signal() }), 201, block],
  ['unblock', (a) => a.unblock!({ blockId: 'block-1', idempotencyKey: KEY, signal: signal() }), 204, undefined],
  ['createWorkItem', (a) => a.createWorkItem!({ targetId: 't', activityId: 'act-1', values: {}, idempotencyKey: KEY, signal: signal() }), 201, workItem],
];

function answer(res: ServerResponse, status: number, body: unknown) {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
  } else json(res, status, body);
}

describe.each(WRITES)('%s with an idempotency key', (_name, call, status, body) => {
  it('is retried with the same key after a reset, a 502 and a 503, and resolves to the answer', async () => {
    server = await startRawServer((req: IncomingMessage, res, i) => {
      if (i === 0) return req.socket.destroy();
      if (i === 1) return json(res, 502, {});
      if (i === 2) return json(res, 503, {});
      answer(res, status, body);
    });
    await expect(call(adapterFor(server, { retry: { ...FAST_RETRY, retries: 3 } }))).resolves.toEqual(body);
    expect(keys(server)).toEqual([KEY, KEY, KEY, KEY]);
    expect(new Set(server.requests.map((r) => `${r.method} ${r.url}`)).size).toBe(1);
  });

  it('is not retried after a definitive answer (500, 409)', async () => {
    server = await startRawServer((_req, res, i) =>
      i === 0 ? json(res, 500, { error: { code: 'server', message: 'rolled back' } }) : json(res, 409, { error: { code: 'conflict', message: 'key reused' } }),
    );
    const adapter = adapterFor(server);
    expect(await failure(call(adapter))).toMatchObject({ code: 'server', status: 500 });
    expect(await failure(call(adapter))).toMatchObject({ code: 'conflict', status: 409 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('keyed write retries', () => {
  const setStatus = (a: ThreatDeckAdapter, idempotencyKey?: string) =>
    a.setStatus({ ids: ['act-1'], status: 'ignored', signal: signal(), ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });

  it('a timed-out attempt is retried with the same key', async () => {
    server = await startRawServer((_req, res, i) => (i === 0 ? undefined : json(res, 200, { affected: 1 })));
    await expect(setStatus(adapterFor(server, { timeoutMs: 400 }), KEY)).resolves.toEqual({ affected: 1 });
    expect(keys(server)).toEqual([KEY, KEY]);
  });

  it('waits for Retry-After on a 503', async () => {
    server = await startRawServer((_req, res, i) => (i === 0 ? json(res, 503, {}, { 'retry-after': '1' }) : json(res, 200, { affected: 1 })));
    const started = Date.now();
    await setStatus(adapterFor(server), KEY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the bounded number of retries with an outcome-unknown error', async () => {
    server = await startRawServer((req) => req.socket.destroy());
    expect(await failure(setStatus(adapterFor(server), KEY))).toMatchObject({ code: 'network' });
    expect(server.requests).toHaveLength(3);
  });

  it('stays outcome-unknown when a try that may have been applied is followed by definitive refusals', async () => {
    server = await startRawServer((req, res, i) => (i === 0 ? req.socket.destroy() : json(res, 503, {})));
    const error = await failure(setStatus(adapterFor(server), KEY));
    expect(isWriteOutcomeUnknown(error)).toBe(true);
    expect(error).toMatchObject({ code: 'network', detail: expect.stringContaining('HTTP 503') });
    expect(server.requests).toHaveLength(3);
  });

  it('is not retried on 429 (rate limited: not applied) nor on 400', async () => {
    server = await startRawServer((_req, res, i) => (i === 0 ? json(res, 429, {}) : json(res, 400, {})));
    const adapter = adapterFor(server);
    expect(await failure(setStatus(adapter, KEY))).toMatchObject({ code: 'rate_limited' });
    expect(await failure(setStatus(adapter, KEY))).toMatchObject({ code: 'invalid_request' });
    expect(server.requests).toHaveLength(2);
  });

  it('a write without a key is never retried and sends no Idempotency-Key', async () => {
    server = await startRawServer((req) => req.socket.destroy());
    expect(await failure(setStatus(adapterFor(server)))).toMatchObject({ code: 'network' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('a backend that does not honour keys gets the key but no retry', async () => {
    server = await startRawServer((req) => req.socket.destroy());
    const adapter = adapterFor(server, { capabilities: { idempotentWrites: false } });
    expect(await failure(setStatus(adapter, KEY))).toMatchObject({ code: 'network' });
    expect(keys(server)).toEqual([KEY]);
  });

  it('loadHttpAdapter: a backend whose capabilities do not mention idempotentWrites does not have it', async () => {
    const capabilities = { live: false, block: true, unblock: true, workItems: true, bulkByQuery: true, export: true, suppressionRules: true, serverTimeline: true };
    server = await startRawServer((req, res) => (req.url === '/capabilities' ? json(res, 200, capabilities) : req.socket.destroy()));
    const adapter = await loadHttpAdapter({ baseUrl: server.url, retry: FAST_RETRY });
    expect(adapter.capabilities).toMatchObject({ idempotentWrites: false, rulePreview: false, blockList: false });
    expect(adapter.previewSuppressionRule).toBeUndefined();
    expect(adapter.listBlocks).toBeUndefined();
    expect(await failure(setStatus(adapter, KEY))).toMatchObject({ code: 'network' });
    expect(server.requests.map((r) => r.url)).toEqual(['/capabilities', '/status-changes']);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'a b'],
    ['with a line break', 'a\r\nX-Injected: 1'],
    ['non-ASCII', 'clé'],
  ])('refuses a key that is %s before sending anything', async (_what, key) => {
    server = await startRawServer((_req, res) => json(res, 200, { affected: 1 }));
    expect(await failure(setStatus(adapterFor(server), key))).toMatchObject({ code: 'invalid_request', path: 'idempotencyKey' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('request bodies of the new fields', () => {
  it('sends liftRules, asOf, dryRun, activityIds and acknowledgeRisk; pages rules and blocks with state and search', async () => {
    const page = { items: [], total: 0, nextCursor: null };
    server = await startRawServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString());
        if (req.method === 'GET') return json(res, 200, page);
        if (req.url === '/suppression-rules/preview') return json(res, 200, { activities: 2, events: 9, windowMs: 2_592_000_000 });
        if (req.url === '/suppression-rules') return json(res, 201, createdRule);
        if (req.url === '/blocks') return json(res, 201, block);
        return json(res, 200, { affected: 2, liftedRuleIds: ['rule-1'] });
      });
    });
    const bodies: string[] = [];
    const a = adapterFor(server);
    expect(await a.setStatus({ ids: ['act-1'], status: 'active', liftRules: true, signal: signal() })).toEqual({ affected: 2, liftedRuleIds: ['rule-1'] });
    await a.setStatusByQuery!({ query: createQuery({ status: 'active' }), status: 'ignored', asOf: 'rev-12', dryRun: true, excludeIds: ['x'], signal: signal() });
    await a.ignore!({ rule, activityIds: ['act-1', 'act-2'], signal: signal() });
    expect(await a.previewSuppressionRule!({ rule, signal: signal() })).toEqual({ activities: 2, events: 9, windowMs: 2_592_000_000 });
    await a.block!({ target: '10.0.0.0/8', durationMs: 60_000, acknowledgeRisk: true, signal: signal() });
    expect(await a.listSuppressionRules!({ state: 'expired', search: 'pentest', cursor: 'c1', pageSize: 25, signal: signal() })).toEqual(page);
    expect(await a.listBlocks!({ pageSize: 10, signal: signal() })).toEqual(page);
    expect(bodies.slice(0, 5).map((b) => JSON.parse(b))).toEqual([
      { ids: ['act-1'], status: 'active', liftRules: true },
      { query: createQuery({ status: 'active' }), status: 'ignored', excludeIds: ['x'], asOf: 'rev-12', dryRun: true },
      { rule, activityIds: ['act-1', 'act-2'] },
      { rule },
      { target: '10.0.0.0/8', durationMs: 60_000, acknowledgeRisk: true },
    ]);
    expect(server.requests.slice(5).map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /suppression-rules?state=expired&search=pentest&cursor=c1&pageSize=25',
      'GET /blocks?pageSize=10',
    ]);
  });
});
