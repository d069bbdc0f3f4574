/** The SSE client against a hand-written event stream: reconnects, Last-Event-ID, bad events, silence. */
import type { ServerResponse } from 'node:http';
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import type { LiveEvent } from '../../../src/core/adapter';
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

  it('rejects subscribe with a typed error when the first connection fails, and when it is not an event stream', async () => {
    server = await startRawServer((_req, res, i) => (i === 0 ? json(res, 403, { error: { code: 'forbidden', message: 'no' } }) : json(res, 200, {})));
    await expect(subscribe(server).ready).rejects.toMatchObject({ code: 'forbidden' });
    await expect(subscribe(server).ready).rejects.toMatchObject({ code: 'invalid_response', detail: 'content-type application/json' });
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
