/**
 * What every route group of the reference server is made of: a handler gets
 * the matched path parameters, the query string, a lazy body reader and, for
 * writes, the caller's signal with the validated `Idempotency-Key`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WriteOptions } from '../../src/core/adapter';
import { AdapterError } from '../../src/core/errors';
import type { AuthenticatedCaller } from '../auth';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Reads and parses the JSON body (size-limited). */
  body: () => Promise<unknown>;
  /**
   * `{ signal, idempotencyKey? }` for the adapter. Throws 400 on a malformed
   * key and 409 when the key was already used (or is being used) for a
   * different request. It claims the key for this request until the handler
   * settles; `record: false` (a dry run) leaves the key unclaimed and unrecorded.
   * The result carries the authenticated `principal` (never anything from the body).
   */
  write: (options?: { record?: boolean }) => Promise<WriteOptions>;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Who is calling (from authentication); its principal is in every `write()` result. */
  caller: AuthenticatedCaller;
  req: IncomingMessage;
  res: ServerResponse;
}

/** A JSON result (`undefined` → 204), or `STREAMED` when the handler wrote the response itself. */
export type RouteHandler = (ctx: RouteContext) => Promise<unknown>;
export type Route = readonly [method: 'GET' | 'POST' | 'DELETE', pattern: string, handler: RouteHandler];

export const STREAMED = Symbol('streamed');

export function unsupported(what: string): never {
  throw new AdapterError('unsupported', `This backend does not support ${what}.`);
}

/** `{ [key]: value }`, or nothing when the value is absent: optional parameters stay absent. */
export const opt = <K extends string, T>(key: K, value: T | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, T>));

/** A created resource answers 201. */
export function created<T>(ctx: RouteContext, result: Promise<T>): Promise<T> {
  ctx.res.statusCode = 201;
  return result;
}
