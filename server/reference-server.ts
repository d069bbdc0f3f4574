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
import { AdapterError, isAdapterError } from '../src/core/errors';
import { createAuthenticator, WWW_AUTHENTICATE, type ApiKeyEntry, type AuthenticatedCaller } from './auth';
import { createCorsPolicy } from './cors';
import { hasRequestBody, readJsonBody, requireJsonBody, sendError, sendJson } from './httpIo';
import { createIdempotencyKeyRegistry, requestFingerprint, type IdempotencyClaim } from './idempotencyKeyRegistry';
import { createLiveHub, type LiveHubOptions } from './liveHub';
import { requireRole, rolesFor } from './permissions';
import { invalidRequest, readIdempotencyKey, REQUEST_LIMITS } from './requestSchemas';
import { ingestRoutes } from './routes/ingestRoutes';
import { activityRoutes } from './routes/activityRoutes';
import { blockRoutes } from './routes/blockRoutes';
import { caseRoutes } from './routes/caseRoutes';
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
  /** Largest ingest body (`POST /events`, up to MAX_INGEST_BATCH events with their traffic). Default 16 MiB. */
  maxIngestBodyBytes?: number;
  /** SSE heartbeat comment interval. Default 15 s. */
  heartbeatMs?: number;
  /** Reconnection delay sent to SSE clients (`retry:`). Default 2 s. */
  sseRetryMs?: number;
  live?: LiveHubOptions;
  /**
   * Origins (exact `scheme://host[:port]`) whose pages may call the server
   * from a browser. Default none: CORS off, no Origin is ever reflected.
   */
  corsOrigins?: readonly string[];
  /**
   * The credentials (SHA-256 digests with an id and a role). When given,
   * every request must authenticate (`X-API-Key` or `Authorization: Bearer`)
   * and is authorised by role (`permissions.ts`); an empty list refuses
   * everyone. When absent, authentication is off (the development mock
   * server): every caller is an anonymous admin.
   */
  apiKeys?: readonly ApiKeyEntry[];
}

/** The caller when authentication is off (development only). */
const ANONYMOUS: AuthenticatedCaller = { principal: { id: 'anonymous', role: 'admin' }, role: 'admin' };

export const MAX_PAGE_SIZE = REQUEST_LIMITS.pageSize;

export function createReferenceHandler(options: ReferenceServerOptions = {}) {
  const adapter = options.adapter ?? createMemoryAdapter();
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? REQUEST_LIMITS.bodyBytes;
  const maxIngestBodyBytes = options.maxIngestBodyBytes ?? REQUEST_LIMITS.ingestBodyBytes;
  const authenticator = options.apiKeys ? createAuthenticator(options.apiKeys) : null;
  const cors = createCorsPolicy(options.corsOrigins);
  const hub = adapter.subscribe ? createLiveHub(adapter, options.live) : null;
  const keyRegistry = createIdempotencyKeyRegistry();

  const routes: Route[] = [
    ...activityRoutes(adapter),
    ...statusChangeRoutes(adapter),
    ...suppressionRuleRoutes(adapter),
    ...blockRoutes(adapter),
    ...workItemRoutes(adapter),
    ...ingestRoutes(adapter),
    ...caseRoutes(adapter),
    ...liveEventRoutes(hub, { heartbeatMs: options.heartbeatMs ?? 15_000, retryMs: options.sseRetryMs ?? 2000 }),
  ];

  const compiled = routes.map(([method, pattern, handler]) => {
    const names: string[] = [];
    const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    // Fails closed: a route without a permission entry stops the server from being built.
    return { method, pattern, regex: new RegExp(`^${source}$`), names, handler, roles: rolesFor(method, pattern) };
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
    if (cors?.apply(req, res)) return;
    try {
      const url = new URL(req.url ?? '/', 'http://reference.invalid');
      // Who is calling comes first: without valid credentials nothing else is answered (not even 404).
      const caller = authenticator ? authenticator.authenticate(req.headers) : ANONYMOUS;
      let path = url.pathname;
      if (basePath && !(path === basePath || path.startsWith(`${basePath}/`))) throw new AdapterError('not_found', 'No such endpoint.');
      path = path.slice(basePath.length) || '/';
      const found = match(req.method ?? 'GET', path);
      if (found === null) throw new AdapterError('not_found', 'No such endpoint.');
      if (found.allow) {
        // 405 says which methods the path does support.
        return sendError(res, new AdapterError('invalid_request', 'Method not allowed on this endpoint.', { status: 405 }), { allow: found.allow.join(', ') });
      }
      requireRole(caller.role, found.route.roles, `call ${found.route.method} ${found.route.pattern}`);
      // Writes take JSON only, refused before the body is read: a cross-site form or text/plain post changes nothing.
      if (found.route.method === 'POST' || hasRequestBody(req)) requireJsonBody(req);
      const signal = controller.signal;
      const { route, params } = found;
      let body: Promise<unknown> | undefined;
      const readBody = () => (body ??= readJsonBody(req, route.pattern === '/events' ? maxIngestBodyBytes : maxBodyBytes));
      let claim: IdempotencyClaim | undefined;
      let result: unknown;
      try {
        result = await route.handler({
          params,
          query: url.searchParams,
          body: readBody,
          write: async (writeOptions = {}) => {
            const idempotencyKey = readIdempotencyKey(req.headers);
            // The principal comes from authentication only, never from the body.
            const { principal } = caller;
            if (idempotencyKey === undefined) return { signal, principal };
            // A dry run changes nothing: it neither claims nor records the key (as the adapter does).
            if (writeOptions.record === false) return { signal, idempotencyKey, principal };
            // The caller is part of the request: another principal's key is never replayed to this one.
            const fingerprint = requestFingerprint(route.method, route.pattern, { ...params, '\u0000principal': principal.id }, route.method === 'POST' ? await readBody() : null);
            // Claimed before the handler runs, so a concurrent request under the key cannot apply too.
            claim = await keyRegistry.claim(idempotencyKey, fingerprint);
            return { signal, idempotencyKey, principal };
          },
          signal,
          caller,
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
      sendError(res, typed, typed.code === 'unauthorized' ? { 'www-authenticate': WWW_AUTHENTICATE } : {});
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
