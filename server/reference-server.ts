/**
 * The reference implementation of the threatdeck REST contract
 * (`openapi/threatdeck.openapi.yaml`) over any ThreatDeckAdapter, on Node's
 * `http` with no framework. The HTTP adapter's tests run against it, and host
 * teams start it as a mock backend (`node server/start.mjs`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryAdapter } from '../src/adapters/memory/index';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { AdapterError, isAdapterError, type AdapterErrorCode } from '../src/core/errors';
import { FILTER_FIELDS, type FilterField } from '../src/core/query';
import { createLiveHub, type LiveHubOptions } from './liveHub';
import {
  blockRequestSchema,
  invalidRequest,
  parseBody,
  readActivityQuery,
  readInteger,
  readText,
  statusChangeSchema,
  suppressionRuleInputSchema,
  toActivityQuery,
  workItemRequestSchema,
} from './requestSchemas';

export interface ReferenceServerOptions {
  /** The backend to serve. Default: `createMemoryAdapter()` (seeded demo data, every capability). */
  adapter?: ThreatDeckAdapter;
  /** Path prefix the contract is mounted under, e.g. `/api`. Default none. */
  basePath?: string;
  /** Largest request body accepted. Default 1 MiB. */
  maxBodyBytes?: number;
  /** SSE heartbeat comment interval. Default 15 s. */
  heartbeatMs?: number;
  /** Reconnection delay sent to SSE clients (`retry:`). Default 2 s. */
  sseRetryMs?: number;
  live?: LiveHubOptions;
  /** Answer CORS preflights and reflect the Origin (a dev backend on another port). Default true. */
  cors?: boolean;
}

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

const STATUS_OF: Record<AdapterErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  server: 500,
  unknown: 500,
  unsupported: 501,
  network: 502,
  invalid_response: 502,
  timeout: 504,
  aborted: 499,
};

interface Context {
  params: Record<string, string>;
  query: URLSearchParams;
  body: () => Promise<unknown>;
  signal: AbortSignal;
  req: IncomingMessage;
  res: ServerResponse;
}
/** A JSON result (`undefined` → 204), or `STREAMED` when the handler wrote the response itself. */
type Handler = (ctx: Context) => Promise<unknown>;
const STREAMED = Symbol('streamed');

function unsupported(what: string): never {
  throw new AdapterError('unsupported', `This backend does not support ${what}.`);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) } : {}),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: AdapterError) {
  const status = error.status && error.status >= 400 ? error.status : STATUS_OF[error.code];
  const headers: Record<string, string> =
    error.retryAfterMs !== undefined ? { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) } : {};
  sendJson(
    res,
    status,
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.detail !== undefined ? { detail: error.detail } : {}),
        ...(error.path !== undefined ? { path: error.path } : {}),
      },
    },
    headers,
  );
}

function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new AdapterError('invalid_request', `The request body is larger than ${maxBytes} bytes.`, { status: 413 }));
        req.resume();
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > maxBytes) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(invalidRequest('The request body is not valid JSON.', 'body'));
      }
    });
  });
}

export function createReferenceHandler(options: ReferenceServerOptions = {}) {
  const adapter = options.adapter ?? createMemoryAdapter();
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const sseRetryMs = options.sseRetryMs ?? 2000;
  const hub = adapter.subscribe ? createLiveHub(adapter, options.live) : null;

  const pageSize = (query: URLSearchParams) => readInteger(query, 'pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const cursor = (query: URLSearchParams) => readText(query, 'cursor', 4096);
  const opt = <K extends string, T>(key: K, value: T | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, T>));

  const routes: Array<[method: string, pattern: string, handler: Handler]> = [
    ['GET', '/capabilities', async () => adapter.capabilities],
    ['GET', '/activities', ({ query, signal }) =>
      adapter.listActivities({ query: readActivityQuery(query), pageSize: pageSize(query), ...opt('cursor', cursor(query)), signal })],
    ['GET', '/facets/:field', ({ params, query, signal }) => {
      if (!FILTER_FIELDS.includes(params.field as FilterField)) throw invalidRequest(`Unknown facet field.`, 'field');
      return adapter.getFacet({
        field: params.field as FilterField,
        query: readActivityQuery(query),
        ...opt('search', readText(query, 'search', 512)),
        ...opt('limit', readInteger(query, 'limit', 1, MAX_PAGE_SIZE)),
        signal,
      });
    }],
    ['GET', '/activities/:id', ({ params, signal }) => adapter.getActivity({ id: params.id!, signal })],
    ['GET', '/activities/:id/attempts', ({ params, query, signal }) =>
      adapter.listAttempts({ id: params.id!, pageSize: pageSize(query), ...opt('cursor', cursor(query)), signal })],
    ['GET', '/activities/:id/timeline', ({ params, query, signal }) => {
      if (!adapter.getTimeline) unsupported('server-side timelines');
      const from = readInteger(query, 'from', 0, Number.MAX_SAFE_INTEGER);
      const to = readInteger(query, 'to', 0, Number.MAX_SAFE_INTEGER);
      if (from !== undefined && to !== undefined && from > to) throw invalidRequest('query.from is after query.to.', 'query.from');
      const bucketMs = readInteger(query, 'bucketMs', 1, Number.MAX_SAFE_INTEGER);
      if (bucketMs === undefined) throw invalidRequest('query.bucketMs is required.', 'query.bucketMs');
      return adapter.getTimeline({ id: params.id!, bucketMs, ...opt('from', from), ...opt('to', to), signal });
    }],
    ['GET', '/activities/:id/remediation', ({ params, signal }) => adapter.getRemediation({ id: params.id!, signal })],
    ['POST', '/status-changes', async ({ body, signal }) => {
      const change = parseBody(statusChangeSchema, await body());
      if (change.ids) return adapter.setStatus({ ids: change.ids, status: change.status, signal });
      if (!adapter.setStatusByQuery) unsupported('status changes by query');
      return adapter.setStatusByQuery({
        query: toActivityQuery(change.query!),
        status: change.status,
        ...opt('excludeIds', change.excludeIds),
        signal,
      });
    }],
    ['GET', '/suppression-rules', async ({ signal }) => {
      if (!adapter.listSuppressionRules) unsupported('suppression rules');
      return { items: await adapter.listSuppressionRules({ signal }) };
    }],
    ['POST', '/suppression-rules', async ({ body, signal, res }) => {
      if (!adapter.ignore) unsupported('suppression rules');
      res.statusCode = 201;
      return adapter.ignore({ rule: parseBody(suppressionRuleInputSchema, await body()), signal });
    }],
    ['DELETE', '/suppression-rules/:id', async ({ params, signal }) => {
      if (!adapter.deleteSuppressionRule) unsupported('deleting suppression rules');
      await adapter.deleteSuppressionRule({ ruleId: params.id!, signal });
    }],
    ['POST', '/blocks', async ({ body, signal, res }) => {
      if (!adapter.block) unsupported('blocking');
      const request = parseBody(blockRequestSchema, await body());
      res.statusCode = 201;
      return adapter.block({ ...request, signal });
    }],
    ['DELETE', '/blocks/:id', async ({ params, signal }) => {
      if (!adapter.unblock) unsupported('unblocking');
      await adapter.unblock({ blockId: params.id!, signal });
    }],
    ['GET', '/work-item-targets', async ({ signal }) => {
      if (!adapter.listWorkItemTargets) unsupported('work items');
      return { items: await adapter.listWorkItemTargets({ signal }) };
    }],
    ['POST', '/work-items', async ({ body, signal, res }) => {
      if (!adapter.createWorkItem) unsupported('work items');
      const request = parseBody(workItemRequestSchema, await body());
      res.statusCode = 201;
      return adapter.createWorkItem({ ...request, signal });
    }],
    ['GET', '/events', async ({ query, req, res, signal }) => {
      if (!hub) unsupported('live updates');
      const activityQuery = readActivityQuery(query);
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
      const pending: string[] = [];
      let started = false;
      const write = (text: string) => (started ? res.write(text) : pending.push(text));
      const leave = await hub.join(activityQuery, lastEventId, ({ id, event }) =>
        write(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      );
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${sseRetryMs}\n: connected\n\n`);
      started = true;
      for (const text of pending.splice(0)) res.write(text);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
      const stop = () => {
        clearInterval(heartbeat);
        leave();
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      return STREAMED;
    }],
  ];

  const compiled = routes.map(([method, pattern, handler]) => {
    const names: string[] = [];
    const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { method, regex: new RegExp(`^${source}$`), names, handler };
  });

  function match(method: string, path: string) {
    let pathExists = false;
    for (const route of compiled) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathExists = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return pathExists ? 'method' : null;
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    if (options.cors !== false && req.headers.origin) {
      res.setHeader('access-control-allow-origin', req.headers.origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-expose-headers', 'retry-after');
      res.setHeader('vary', 'origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, DELETE',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
          'access-control-max-age': '600',
        });
        return res.end();
      }
    }
    try {
      const url = new URL(req.url ?? '/', 'http://reference.invalid');
      let path = url.pathname;
      if (basePath && !(path === basePath || path.startsWith(`${basePath}/`))) throw new AdapterError('not_found', 'No such endpoint.');
      path = path.slice(basePath.length) || '/';
      const found = match(req.method ?? 'GET', path);
      if (found === null) throw new AdapterError('not_found', 'No such endpoint.');
      if (found === 'method') throw new AdapterError('invalid_request', 'Method not allowed on this endpoint.', { status: 405 });
      const result = await found.route.handler({
        params: found.params,
        query: url.searchParams,
        body: () => readJsonBody(req, maxBodyBytes),
        signal: controller.signal,
        req,
        res,
      });
      if (result === STREAMED) return;
      sendJson(res, result === undefined ? 204 : res.statusCode, result);
    } catch (error) {
      if (res.headersSent || controller.signal.aborted) return void res.destroy();
      if (error instanceof URIError) return sendError(res, invalidRequest('Malformed percent-encoding in the path.'));
      // Adapter errors carry messages meant for users; anything else stays private.
      const typed = isAdapterError(error) ? error : new AdapterError('server', 'Internal server error.');
      sendError(res, typed);
    }
  };
  return Object.assign(handler, { close: () => hub?.close() });
}

export interface RunningReferenceServer {
  server: Server;
  /** `http://127.0.0.1:<port>` plus the base path. */
  url: string;
  close(): Promise<void>;
}

export async function startReferenceServer(
  options: ReferenceServerOptions & { port?: number; host?: string } = {},
): Promise<RunningReferenceServer> {
  const handler = createReferenceHandler(options);
  const server = createServer((req, res) => void handler(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${hostPart}:${port}${(options.basePath ?? '').replace(/\/+$/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        handler.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
