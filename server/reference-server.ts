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
import { createIdempotencyKeyRegistry, requestFingerprint, type IdempotencyClaim } from './idempotencyKeyRegistry';
import { createLiveHub, type LiveHubOptions } from './liveHub';
import { invalidRequest, readIdempotencyKey, REQUEST_LIMITS } from './requestSchemas';
import { activityRoutes } from './routes/activityRoutes';
import { blockRoutes } from './routes/blockRoutes';
import { liveEventRoutes } from './routes/liveEventRoutes';
import { STREAMED, type Route } from './routes/route';
import { statusChangeRoutes } from './routes/statusChangeRoutes';
import { suppressionRuleRoutes } from './routes/suppressionRuleRoutes';
import { workItemRoutes } from './routes/workItemRoutes';

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

export const MAX_PAGE_SIZE = REQUEST_LIMITS.pageSize;

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

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) } : {}),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: AdapterError, extraHeaders: Record<string, string> = {}) {
  const status = error.status && error.status >= 400 ? error.status : STATUS_OF[error.code];
  const headers: Record<string, string> = {
    ...(error.retryAfterMs !== undefined ? { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) } : {}),
    ...extraHeaders,
  };
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
    const declared = Number(req.headers['content-length']);
    // Refused before reading when the client announces too much.
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      return reject(new AdapterError('invalid_request', `The request body is larger than ${maxBytes} bytes.`, { status: 413, path: 'body' }));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new AdapterError('invalid_request', `The request body is larger than ${maxBytes} bytes.`, { status: 413, path: 'body' }));
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
  const maxBodyBytes = options.maxBodyBytes ?? REQUEST_LIMITS.bodyBytes;
  const hub = adapter.subscribe ? createLiveHub(adapter, options.live) : null;
  const keyRegistry = createIdempotencyKeyRegistry();

  const routes: Route[] = [
    ...activityRoutes(adapter),
    ...statusChangeRoutes(adapter),
    ...suppressionRuleRoutes(adapter),
    ...blockRoutes(adapter),
    ...workItemRoutes(adapter),
    ...liveEventRoutes(hub, { heartbeatMs: options.heartbeatMs ?? 15_000, retryMs: options.sseRetryMs ?? 2000 }),
  ];

  const compiled = routes.map(([method, pattern, handler]) => {
    const names: string[] = [];
    const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { method, pattern, regex: new RegExp(`^${source}$`), names, handler };
  });

  /** The route and its parameters; `{ allow }` (the path's methods) when only the method is wrong; `null` for no such path. */
  function match(method: string, path: string) {
    const allow: string[] = [];
    for (const route of compiled) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        if (!allow.includes(route.method)) allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return allow.length > 0 ? { allow } : null;
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
      if (found.allow) {
        // 405 says which methods the path does support.
        return sendError(res, new AdapterError('invalid_request', 'Method not allowed on this endpoint.', { status: 405 }), { allow: found.allow.join(', ') });
      }
      const signal = controller.signal;
      const { route, params } = found;
      let body: Promise<unknown> | undefined;
      const readBody = () => (body ??= readJsonBody(req, maxBodyBytes));
      let claim: IdempotencyClaim | undefined;
      let result: unknown;
      try {
        result = await route.handler({
          params,
          query: url.searchParams,
          body: readBody,
          write: async (writeOptions = {}) => {
            const idempotencyKey = readIdempotencyKey(req.headers);
            if (idempotencyKey === undefined) return { signal };
            // A dry run changes nothing: it neither claims nor records the key (as the adapter does).
            if (writeOptions.record === false) return { signal, idempotencyKey };
            const fingerprint = requestFingerprint(route.method, route.pattern, params, route.method === 'POST' ? await readBody() : null);
            // Claimed before the handler runs, so a concurrent request under the key cannot apply too.
            claim = await keyRegistry.claim(idempotencyKey, fingerprint);
            return { signal, idempotencyKey };
          },
          signal,
          req,
          res,
        });
      } catch (error) {
        claim?.settle(false);
        throw error;
      }
      claim?.settle(true);
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
