/**
 * The reference server's wire plumbing: JSON answers, the error envelope with
 * its HTTP status, and the size-limited JSON body reader that refuses any
 * media type but `application/json` (so an HTML form or a cross-site
 * `text/plain` post, which a browser sends without a preflight, never reaches
 * a handler).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AdapterError, type AdapterErrorCode } from '../src/core/errors';
import { invalidRequest } from './requestSchemas';

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

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) } : {}),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: AdapterError, extraHeaders: Record<string, string> = {}) {
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

/** `application/json`, optionally with parameters (`; charset=utf-8`); nothing else. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type = ''] = header.split(';');
  return type.trim().toLowerCase() === 'application/json';
}

/** Whether the request carries (or announces) a body. */
export const hasRequestBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** 415 unless the request's body is declared JSON. Checked before anything is read or changed. */
export function requireJsonBody(req: IncomingMessage): void {
  if (isJsonContentType(req.headers['content-type'])) return;
  req.resume();
  throw new AdapterError('invalid_request', 'Request bodies must be sent as Content-Type: application/json.', { status: 415, path: 'header.Content-Type' });
}

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
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
