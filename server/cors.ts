/**
 * CORS for the reference server: off unless origins are listed. A listed
 * origin (exact `scheme://host[:port]`) gets `Access-Control-Allow-Origin`
 * with its own value; any other origin gets no CORS header at all, so the
 * browser keeps that page from reading answers or sending preflighted
 * writes. Nothing is ever reflected from the request that was not configured.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request headers a browser client may send (the HTTP adapter's, plus the credentials). */
const ALLOWED_REQUEST_HEADERS = ['content-type', 'authorization', 'x-api-key', 'idempotency-key', 'last-event-id', 'accept'];

/** `https://a.example` → itself; anything that is not a bare origin (a path, `*`, `null`) is refused. */
export function normalizeOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`CORS origin "${text}" is not a URL.`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.href !== `${url.origin}/`) {
    throw new Error(`CORS origin "${text}" must be exactly scheme://host[:port] (no path, no wildcard).`);
  }
  return url.origin;
}

export interface CorsPolicy {
  /** Sets the CORS headers; `true` when it answered a preflight itself. */
  apply(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createCorsPolicy(origins: readonly string[] | undefined): CorsPolicy | null {
  if (!origins || origins.length === 0) return null;
  const allowed = new Set(origins.map(normalizeOrigin));
  return {
    apply(req, res) {
      // Answers differ by Origin: a shared cache must not give one origin's answer to another.
      res.setHeader('vary', 'origin');
      const origin = req.headers.origin;
      const permitted = typeof origin === 'string' && allowed.has(origin);
      if (permitted) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('access-control-allow-credentials', 'true');
        res.setHeader('access-control-expose-headers', 'retry-after, www-authenticate');
      }
      const preflight = req.method === 'OPTIONS' && typeof origin === 'string' && req.headers['access-control-request-method'] !== undefined;
      if (!preflight) return false;
      if (!permitted) {
        res.writeHead(403, { 'cache-control': 'no-store', 'content-length': '0' });
        res.end();
        return true;
      }
      // The requested headers that are on our list, and only those: never an echo of arbitrary names.
      const requested = String(req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => ALLOWED_REQUEST_HEADERS.includes(h));
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-allow-headers': (requested.length ? requested : ['content-type']).join(', '),
        'access-control-max-age': '600',
        'cache-control': 'no-store',
      });
      res.end();
      return true;
    },
  };
}
