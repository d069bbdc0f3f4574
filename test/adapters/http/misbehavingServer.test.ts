/**
 * The backend misbehaves on purpose; every case must end in the right typed
 * error (or the right result) quickly, and nothing may hang.
 */
import type { ServerResponse } from 'node:http';
import { createHttpAdapter, type HttpAdapterOptions } from '../../../src/adapters/http/createHttpAdapter';
import { isAbortError, type AdapterError } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { json, startRawServer, type RawServer } from './startRawServer';
import { sampleActivity, samplePage } from './sampleData';

const query = createQuery();
const FAST_RETRY = { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };
let server: RawServer | undefined;
const consoleSpies: Array<ReturnType<typeof vi.spyOn>> = [];

beforeEach(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) consoleSpies.push(vi.spyOn(console, method));
});
afterEach(async () => {
  // Nothing is ever logged: bodies (and everything else) stay out of the console.
  for (const spy of consoleSpies.splice(0)) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
  await server?.close();
  server = undefined;
});

function adapterFor(s: RawServer, options: Partial<HttpAdapterOptions> = {}) {
  return createHttpAdapter({ baseUrl: s.url, retry: FAST_RETRY, timeoutMs: 5000, ...options });
}
const list = (adapter: ReturnType<typeof createHttpAdapter>, signal = new AbortController().signal) =>
  adapter.listActivities({ query, pageSize: 50, signal });
const setStatus = (adapter: ReturnType<typeof createHttpAdapter>) =>
  adapter.setStatus({ ids: ['act-1'], status: 'ignored', signal: new AbortController().signal });
async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
}

describe('slow server', () => {
  it('aborts through the caller signal at once, and the connection is dropped', async () => {
    let closed = false;
    server = await startRawServer((req) => req.socket.on('close', () => (closed = true)));
    const controller = new AbortController();
    const pending = list(adapterFor(server), controller.signal);
    await vi.waitFor(() => expect(server!.requests).toHaveLength(1));
    const started = Date.now();
    controller.abort();
    const error = await failure(pending);
    expect(isAbortError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(server.requests).toHaveLength(1);
  });

  it('aborts while the body is still arriving', async () => {
    server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    const controller = new AbortController();
    const pending = list(adapterFor(server), controller.signal);
    await vi.waitFor(() => expect(server!.requests).toHaveLength(1));
    setTimeout(() => controller.abort(), 30);
    expect(isAbortError(await failure(pending))).toBe(true);
  });

  it('times out each attempt, retries the read, then reports timeout', async () => {
    server = await startRawServer(() => {});
    const error = await failure(list(adapterFor(server, { timeoutMs: 100 })));
    expect(error.code).toBe('timeout');
    expect(server.requests).toHaveLength(3);
  });
});

describe('500 then success', () => {
  it('retries a read and returns the result', async () => {
    server = await startRawServer((_req, res, i) =>
      i === 0 ? json(res, 500, { error: { code: 'server', message: 'boom' } }) : json(res, 200, samplePage(2)),
    );
    const page = await list(adapterFor(server));
    expect(page.items.map((a) => a.id)).toEqual(['act-0', 'act-1']);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a write', async () => {
    server = await startRawServer((_req, res, i) =>
      i === 0 ? json(res, 500, { error: { code: 'server', message: 'boom' } }) : json(res, 200, { affected: 1 }),
    );
    const error = await failure(setStatus(adapterFor(server)));
    expect(error).toMatchObject({ code: 'server', status: 500, message: 'boom' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.method).toBe('POST');
  });

  it('gives up after the bounded number of retries', async () => {
    server = await startRawServer((_req, res) => json(res, 503, {}));
    const error = await failure(list(adapterFor(server)));
    expect(error).toMatchObject({ code: 'server', status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry what another try cannot fix (400, 404)', async () => {
    server = await startRawServer((_req, res) => json(res, 404, { error: { code: 'not_found', message: 'No such activity.' } }));
    const error = await failure(adapterFor(server).getActivity({ id: 'nope', signal: new AbortController().signal }));
    expect(error).toMatchObject({ code: 'not_found', message: 'No such activity.' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('429 with Retry-After', () => {
  it('waits as long as the server asks, then retries the read', async () => {
    server = await startRawServer((_req, res, i) =>
      i === 0 ? json(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '1' }) : json(res, 200, samplePage(1)),
    );
    const started = Date.now();
    await expect(list(adapterFor(server))).resolves.toMatchObject({ total: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After on 503 too', async () => {
    server = await startRawServer((_req, res, i) => (i === 0 ? json(res, 503, {}, { 'retry-after': '1' }) : json(res, 200, samplePage(1))));
    const started = Date.now();
    await list(adapterFor(server));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('reports rate_limited with retryAfterMs when the wait is too long, or for a write', async () => {
    server = await startRawServer((_req, res) => json(res, 429, {}, { 'retry-after': '120' }));
    const adapter = adapterFor(server);
    const started = Date.now();
    expect(await failure(list(adapter))).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000, status: 429 });
    expect(await failure(setStatus(adapter))).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(2);
  });
});

describe('broken bodies', () => {
  it('truncated JSON is invalid_response, not retried', async () => {
    server = await startRawServer((_req, res) => {
      const text = JSON.stringify(samplePage(3)).slice(0, 120);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
      res.end(text);
    });
    const error = await failure(list(adapterFor(server)));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/not valid JSON/);
    expect(server.requests).toHaveLength(1);
  });

  it('a connection cut before the promised length is a network error', async () => {
    server = await startRawServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"items":[');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const error = await failure(list(adapterFor(server, { retry: false })));
    expect(error.code).toBe('network');
  });

  it('wrong types name the path of the bad field, without echoing the value', async () => {
    const page = samplePage(5) as unknown as { items: Array<Record<string, unknown>> };
    page.items[3]!.status = '<script>alert(1)</script>';
    server = await startRawServer((_req, res) => json(res, 200, page));
    const error = await failure(list(adapterFor(server)));
    expect(error).toMatchObject({ code: 'invalid_response', path: 'items[3].status' });
    expect(error.message).toContain('items[3].status');
    expect(`${error.message} ${error.detail}`).not.toContain('script');
    expect(server.requests).toHaveLength(1);
  });

  it('reports nested paths inside attempts (headers, bodies)', async () => {
    const attempt = {
      id: 'at-1',
      activityId: 'act-1',
      timestamp: 1,
      sourceIp: '203.0.113.9',
      outcome: 'blocked',
      request: { method: 'GET', url: 'https://x/', httpVersion: 'HTTP/1.1', headers: [['a', 'b'], ['c', 7]], body: null },
      response: null,
    };
    server = await startRawServer((_req, res) => json(res, 200, { items: [attempt], total: 1, nextCursor: null }));
    const error = await failure(adapterFor(server).listAttempts({ id: 'act-1', pageSize: 10, signal: new AbortController().signal }));
    expect(error).toMatchObject({ code: 'invalid_response', path: 'items[0].request.headers[1][1]' });
  });

  it('an HTML error page from a proxy still maps by status', async () => {
    server = await startRawServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end('<html>Forbidden</html>');
    });
    expect(await failure(setStatus(adapterFor(server)))).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it.each([
    [401, 'unauthorized'],
    [409, 'conflict'],
    [400, 'invalid_request'],
    [501, 'unsupported'],
  ] as const)('HTTP %i maps to %s', async (status, code) => {
    server = await startRawServer((_req, res) => json(res, status, {}));
    expect(await failure(setStatus(adapterFor(server)))).toMatchObject({ code, status });
  });
});

describe('a 50 MB body', () => {
  const FIFTY_MB = 50 * 1024 * 1024;
  /** Writes 50 MB of JSON whitespace in 64 KB chunks, honouring backpressure, counting what was sent. */
  function pumpBlanks(res: ServerResponse, onSent: (bytes: number) => void) {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < FIFTY_MB) {
        sent += chunk.length;
        onSent(chunk.length);
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  }

  it('streamed without a length: stops at the cap with bounded memory and a clear error', async () => {
    let sent = 0;
    let peak = 0;
    server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      pumpBlanks(res, (n) => (sent += n));
    });
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    const sampler = setInterval(() => (peak = Math.max(peak, used() - before)), 5);
    const error = await failure(list(adapterFor(server)));
    clearInterval(sampler);
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/larger than the 20971520-byte limit/);
    expect(sent).toBeLessThan(FIFTY_MB);
    // The client holds at most the cap (20 MB); reading everything would take 50 MB and more.
    expect(peak).toBeLessThan(45 * 1024 * 1024);
    expect(server.requests).toHaveLength(1);
  });

  it('announced by Content-Length: refused before reading', async () => {
    let sent = 0;
    server = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(FIFTY_MB) });
      pumpBlanks(res, (n) => (sent += n));
    });
    const error = await failure(list(adapterFor(server, { maxResponseBytes: 1024 * 1024 })));
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toMatch(/1048576-byte limit/);
    expect(sent).toBeLessThan(FIFTY_MB);
  });
});

describe('connection reset', () => {
  it('is a network error; reads are retried (bounded), writes are not', async () => {
    server = await startRawServer((req) => req.socket.destroy());
    const adapter = adapterFor(server);
    expect(await failure(list(adapter))).toMatchObject({ code: 'network' });
    expect(server.requests).toHaveLength(3);
    expect(await failure(setStatus(adapter))).toMatchObject({ code: 'network' });
    expect(server.requests).toHaveLength(4);
  });

  it('a reset then a good answer resolves the read', async () => {
    server = await startRawServer((req, res, i) => (i === 0 ? req.socket.destroy() : json(res, 200, samplePage(1))));
    await expect(list(adapterFor(server))).resolves.toMatchObject({ items: [sampleActivity(0)] });
  });
});
