/** The SSE client against a hand-written event stream: reconnects, Last-Event-ID, bad events, silence. */
import type { ServerResponse } from 'node:http';
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { LIVE_RETRY_MAX_MS, LIVE_RETRY_MIN_MS, type LiveEvent } from '../../../src/core/adapter';
import type { AdapterError } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { json, startRawServer, type RawServer } from './startRawServer';
import { sampleActivity } from './sampleData';

let server: RawServer | undefined;
const controller = { current: new AbortController() };
afterEach(async () => {
  controller.current.abort();
  controller.current = new AbortController();
  await server?.close();
  server = undefined;
});

const stream = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.flushHeaders();
};
const activityEvent = (id: number, i: number) =>
  `id: ${id}\nevent: activity\ndata: ${JSON.stringify({ type: 'activity', activity: sampleActivity(i), isNew: true })}\n\n`;

function subscribe(s: RawServer, idleTimeoutMs = 5000) {
  const events: LiveEvent[] = [];
  const errors: AdapterError[] = [];
  const adapter = createHttpAdapter({
    baseUrl: s.url,
    headers: () => ({ authorization: 'Bearer t0k3n' }),
    live: { baseDelayMs: 5, maxDelayMs: 20, idleTimeoutMs },
  });
  const ready = adapter.subscribe!({
    query: createQuery({ filters: { severity: ['high'] } }),
    onEvent: (e) => events.push(e),
    onError: (e) => errors.push(e as AdapterError),
    signal: controller.current.signal,
  });
  return { ready, events, errors };
}

describe('live updates (SSE over fetch)', () => {
  it('sends the query and auth header, reconnects after a drop with Last-Event-ID and keeps delivering', async () => {
    server = await startRawServer((req, res, i) => {
      stream(res);
      if (i === 0) {
        res.write(activityEvent(41, 1) + activityEvent(42, 2));
        setTimeout(() => req.socket.destroy(), 20);
      } else res.write(activityEvent(43, 3));
    });
    const { ready, events, errors } = subscribe(server);
    await ready;
    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events.map((e) => e.type === 'activity' && e.activity.id)).toEqual(['act-1', 'act-2', 'act-3']);
    const [first, second] = server.requests;
    expect(first!.url).toBe('/events?sev=high');
    expect(first!.headers.authorization).toBe('Bearer t0k3n');
    expect(first!.headers.accept).toBe('text/event-stream');
    expect(first!.headers['last-event-id']).toBeUndefined();
    expect(second!.headers['last-event-id']).toBe('42');
    expect(errors.map((e) => e.code)).toEqual(['network']);
  });

  it('reports an invalid event with its path and goes on with the next one', async () => {
    server = await startRawServer((_req, res) => {
      stream(res);
      const bad = { type: 'activity', activity: { ...sampleActivity(1), severity: 'apocalyptic' }, isNew: true };
      res.write(`event: activity\ndata: ${JSON.stringify(bad)}\n\nevent: activity\ndata: {oops\n\n: ping\n\nevent: future-thing\ndata: {}\n\n`);
      res.write(activityEvent(2, 2));
    });
    const { ready, events, errors } = subscribe(server);
    await ready;
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_response', 'activity.severity'],
      ['invalid_response', undefined],
    ]);
  });

  it('rejects subscribe when the backend refuses for good (403, 501), without retrying', async () => {
    server = await startRawServer((_req, res, i) =>
      i === 0 ? json(res, 403, { error: { code: 'forbidden', message: 'no' } }) : json(res, 501, { error: { code: 'unsupported', message: 'no' } }),
    );
    await expect(subscribe(server).ready).rejects.toMatchObject({ code: 'forbidden' });
    await expect(subscribe(server).ready).rejects.toMatchObject({ code: 'unsupported' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a first subscription that fails for a passing reason, reporting each failure, until it opens', async () => {
    server = await startRawServer((req, res, i) => {
      if (i === 0) return json(res, 503, { error: { code: 'server', message: 'starting up' } });
      if (i === 1) return req.socket.destroy();
      if (i === 2) return json(res, 200, {}); // a proxy's page instead of the stream
      stream(res);
      res.write(activityEvent(1, 1));
    });
    const { ready, events, errors } = subscribe(server);
    await ready;
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(errors.map((e) => e.code)).toEqual(['server', 'network', 'invalid_response']);
    expect(server.requests).toHaveLength(4);
  });

  it('a first subscription that keeps failing stops when the signal aborts', async () => {
    server = await startRawServer((_req, res) => json(res, 503, {}));
    const { ready, errors } = subscribe(server);
    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2));
    controller.current.abort();
    await expect(ready).rejects.toMatchObject({ name: 'AbortError' });
    // A request already on the wire when the signal aborted may still arrive; nothing after it may.
    await new Promise((r) => setTimeout(r, 50));
    const seen = server.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(server.requests.length).toBe(seen);
  });

  it('resumes from the id of the first frame when the connection drops before any event', async () => {
    server = await startRawServer((req, res, i) => {
      stream(res);
      if (i === 0) {
        res.write('id: 17\n: connected\n\n');
        setTimeout(() => req.socket.destroy(), 20);
      } else res.write(activityEvent(18, 1));
    });
    const { ready, events } = subscribe(server);
    await ready;
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(server.requests[1]!.headers['last-event-id']).toBe('17');
  });

  it('does not send back an event id that is not plain ASCII (it could not be a header), and keeps reconnecting', async () => {
    server = await startRawServer((req, res, i) => {
      stream(res);
      if (i === 0) {
        res.write(`id: 5\n\nid: x\u00e9\u{1F600}\nevent: activity\ndata: ${JSON.stringify({ type: 'activity', activity: sampleActivity(1), isNew: true })}\n\n`);
        setTimeout(() => req.socket.destroy(), 20);
      } else res.write(activityEvent(7, 2));
    });
    const { ready, events, errors } = subscribe(server);
    await ready;
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(server.requests[1]!.headers['last-event-id']).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(['network']);
  });

  it('waits at least LIVE_RETRY_MIN_MS when the server asks for retry: 0', async () => {
    let droppedAt = 0;
    let reconnectedAt = 0;
    server = await startRawServer((req, res, i) => {
      stream(res);
      if (i > 0) return void (reconnectedAt = Date.now());
      res.write('retry: 0\n\n');
      setTimeout(() => {
        droppedAt = Date.now();
        req.socket.destroy();
      }, 20);
    });
    await subscribe(server).ready;
    await vi.waitFor(() => expect(reconnectedAt).toBeGreaterThan(0), { timeout: 3000 });
    expect(reconnectedAt - droppedAt).toBeGreaterThanOrEqual(LIVE_RETRY_MIN_MS - 50);
  });

  it.each([
    ['an hour', '3600000'],
    ['beyond what setTimeout holds', '9'.repeat(30)],
  ])('clamps a retry: of %s to LIVE_RETRY_MAX_MS', async (_what, retry) => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      server = await startRawServer((req, res) => {
        stream(res);
        res.write(`retry: ${retry}\n\n`);
        setTimeout(() => req.socket.destroy(), 20);
      });
      const { ready, errors } = subscribe(server);
      await ready;
      await vi.waitFor(() => expect(errors).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 200));
      const delays = timers.mock.calls.map((call) => Number(call[1] ?? 0));
      expect(delays).toContain(LIVE_RETRY_MAX_MS);
      // Nothing waits longer: not an hour, and no value that overflows into an immediate reconnect.
      expect(delays.filter((ms) => ms > 10 * 60_000)).toEqual([]);
      expect(server.requests).toHaveLength(1);
    } finally {
      timers.mockRestore();
    }
  });

  it('drops a silent connection and opens a new one', async () => {
    server = await startRawServer((_req, res) => {
      stream(res);
      res.write(': hello\n\n');
    });
    const { ready, errors } = subscribe(server, 100);
    await ready;
    await vi.waitFor(() => expect(server!.requests.length).toBeGreaterThanOrEqual(2));
    expect(errors[0]).toMatchObject({ code: 'timeout' });
  });

  it('stops for good when the signal aborts', async () => {
    server = await startRawServer((req, res) => {
      stream(res);
      setTimeout(() => req.socket.destroy(), 10);
    });
    const { ready } = subscribe(server);
    await ready;
    controller.current.abort();
    const seen = server.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests.length).toBe(seen);
  });
});

describe('request shape', () => {
  it('passes signal, credentials and headers to the given fetch, and encodes ids in the path', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      calls.push([String(input), init!]);
      return new Response(JSON.stringify({ affected: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const adapter = createHttpAdapter({ baseUrl: 'https://api.example.com/td/', fetch: fakeFetch, credentials: 'include', headers: { 'x-tenant': 'a' } });
    const signal = new AbortController().signal;
    await adapter.setStatus({ ids: ['a/b'], status: 'ignored', signal });
    await adapter.getActivity({ id: '../x?y', signal }).catch(() => {});
    const [url, init] = calls[0]!;
    expect(url).toBe('https://api.example.com/td/status-changes');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('include');
    expect(JSON.parse(String(init.body))).toEqual({ ids: ['a/b'], status: 'ignored' });
    const headers = new Headers(init.headers);
    expect(headers.get('x-tenant')).toBe('a');
    expect(headers.get('content-type')).toBe('application/json');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(calls[1]![0]).toBe('https://api.example.com/td/activities/..%2Fx%3Fy');
  });
});
