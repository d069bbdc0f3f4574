/**
 * The transport under the HTTP adapter: one `request` that builds the URL,
 * links the caller's signal with a per-attempt timeout, retries reads and
 * writes that carry an idempotency key (a write without one never), maps
 * every failure to a typed AdapterError and validates the body. Bodies are
 * never logged nor copied into errors.
 */
import * as v from 'valibot';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../core/adapter';
import { abortError, AdapterError, isAbortError, isAdapterError, isWriteOutcomeUnknown, type AdapterErrorCode } from '../../core/errors';
import { parseResponse } from '../../core/parseRecord';
import { readBodyWithLimit } from './readBodyWithLimit';
import { IDEMPOTENCY_KEY_HEADER, isValidIdempotencyKey } from './idempotencyKey';
import { errorBodySchema } from '../../core/schemas';
import {
  backoffDelay,
  DEFAULT_RETRY,
  OUTCOME_UNKNOWN_STATUSES,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  sleep,
  type RetryOptions,
} from './retryPolicy';

export interface HttpClientOptions {
  /** Where the REST contract is mounted, e.g. `https://api.example.com/threatdeck`. */
  baseUrl: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /** Extra headers on every request, or a function returning them (e.g. a fresh token). */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  credentials?: RequestCredentials;
  /**
   * Retries of reads, and of writes sent with an idempotency key whose outcome
   * is unknown; `false` turns them off. A write without a key is never retried.
   */
  retry?: RetryOptions | false;
  /** Per attempt, until the whole body is read; 0 = none. Default 30 s. */
  timeoutMs?: number;
  /** Largest response body accepted. Default 20 MB. */
  maxResponseBytes?: number;
}

export interface HttpRequest<S extends v.GenericSchema | null> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below `baseUrl`, segments already encoded. */
  path: string;
  params?: URLSearchParams;
  body?: unknown;
  /** `null` when the body is ignored (204 responses). */
  schema: S;
  /** What is being fetched, for messages ("activity list"). */
  what: string;
  signal: AbortSignal;
  /** Extra request headers (e.g. `Last-Event-ID`). */
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`; must be 1–128 visible ASCII characters. */
  idempotencyKey?: string;
  /**
   * Retry a write (with its idempotency key) when its outcome is unknown:
   * only for a backend that honours keys, where a second try cannot apply
   * twice. Ignored without `idempotencyKey`; reads are always retried.
   */
  retryWithKey?: boolean;
}

type Output<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined;

export interface HttpClient {
  request<S extends v.GenericSchema | null>(request: HttpRequest<S>): Promise<Output<S>>;
  /** Opens a streaming response (SSE): one attempt, the timeout covers only the headers. */
  openStream(request: Omit<HttpRequest<null>, 'schema' | 'body' | 'method'>): Promise<Response>;
}

const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Codes only the client can know; a server claiming them is mapped from its status instead. */
const CLIENT_SIDE_CODES: ReadonlySet<AdapterErrorCode> = new Set(['network', 'aborted', 'invalid_response', 'unknown']);

export function codeForStatus(status: number): AdapterErrorCode {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 501) return 'unsupported';
  if (status >= 500) return 'server';
  return 'unknown';
}

/**
 * The wire's field path as the caller's parameter: request bodies mirror the
 * adapter's parameters (`body.rule.reason` is `rule.reason`) and the key
 * header is the `idempotencyKey` parameter.
 */
function callerPath(path: string): string {
  if (path.startsWith('body.')) return path.slice('body.'.length);
  if (path.toLowerCase() === `header.${IDEMPOTENCY_KEY_HEADER.toLowerCase()}`) return 'idempotencyKey';
  return path;
}

async function errorFromResponse(response: Response, what: string): Promise<AdapterError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  let envelope: v.InferOutput<typeof errorBodySchema>['error'] | undefined;
  try {
    const bytes = await readBodyWithLimit(response, MAX_ERROR_BODY_BYTES);
    const parsed = v.safeParse(errorBodySchema, JSON.parse(new TextDecoder().decode(bytes)));
    if (parsed.success) envelope = parsed.output.error;
  } catch {
    // Not our envelope (a proxy's HTML page, a cut-off body): the status alone decides.
  }
  const code = envelope && !CLIENT_SIDE_CODES.has(envelope.code) ? envelope.code : codeForStatus(response.status);
  const path = envelope?.path === undefined ? undefined : callerPath(envelope.path);
  const message = envelope?.message.slice(0, 500) || `The ${what} request failed with HTTP ${response.status}.`;
  return new AdapterError(code, message, {
    status: response.status,
    ...(envelope?.detail !== undefined ? { detail: envelope.detail.slice(0, 500) } : {}),
    ...(path !== undefined ? { path: path.slice(0, 500) } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function describeFailure(error: unknown): string {
  if (!isAdapterError(error)) return 'an error';
  return error.status !== undefined ? `HTTP ${error.status} (${error.code})` : error.code;
}

/** A transport failure (refused, reset, cut off) as a `network` error; the cause's code goes into `detail`. */
export function networkError(error: unknown): AdapterError {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const reason = [error instanceof Error ? error.message : '', typeof cause?.code === 'string' ? cause.code : '']
    .filter(Boolean)
    .join(': ');
  return new AdapterError('network', 'Could not reach the server.', { ...(reason ? { detail: reason } : {}), cause: error });
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');
  const retry = options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  async function buildHeaders(extra: Record<string, string> | undefined, accept: string, hasBody: boolean) {
    const given = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(given);
    if (!headers.has('accept')) headers.set('accept', accept);
    if (hasBody) headers.set('content-type', 'application/json');
    for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
    return headers;
  }

  /**
   * One attempt. `body` runs while the timeout still applies (reading and
   * parsing the response); for streams it returns at once.
   */
  async function attempt<T>(
    request: Omit<HttpRequest<null>, 'schema'>,
    accept: string,
    onOk: (response: Response) => Promise<T>,
    keepOpen: boolean,
  ): Promise<T> {
    const { signal } = request;
    if (signal.aborted) throw abortError(signal);
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    const fail = (error: unknown): never => {
      if (signal.aborted) throw abortError(signal);
      if (timedOut) throw new AdapterError('timeout', `The ${request.what} request timed out after ${timeoutMs} ms.`, { cause: error });
      if (isAdapterError(error)) throw error;
      throw networkError(error);
    };
    try {
      const query = request.params?.toString();
      const url = `${base}${request.path}${query ? `?${query}` : ''}`;
      const hasBody = request.body !== undefined;
      const response = await fetchImpl(url, {
        method: request.method,
        headers: await buildHeaders(request.headers, accept, hasBody),
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        signal: controller.signal,
      }).catch(fail);
      if (!response.ok) throw await errorFromResponse(response, request.what).catch(fail);
      return await onOk(response).catch(fail);
    } finally {
      clearTimeout(timer);
      // A stream stays tied to the caller's signal after the headers arrived.
      if (!keepOpen) signal.removeEventListener('abort', onAbort);
    }
  }

  async function request<S extends v.GenericSchema | null>(request: HttpRequest<S>): Promise<Output<S>> {
    const read = request.method === 'GET';
    const key = request.idempotencyKey;
    if (key !== undefined && !isValidIdempotencyKey(key)) {
      // Checked before anything is sent: a bad key must not become a half-sent header or a TypeError.
      throw new AdapterError('invalid_request', `The idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.`, {
        path: 'idempotencyKey',
      });
    }
    const retryable = read || (key !== undefined && request.retryWithKey === true);
    const sent = key === undefined ? request : { ...request, headers: { ...request.headers, [IDEMPOTENCY_KEY_HEADER]: key } };
    const once = () =>
      attempt(sent, 'application/json', async (response) => {
        if (request.schema === null) {
          await response.body?.cancel().catch(() => {});
          return undefined as Output<S>;
        }
        const bytes = await readBodyWithLimit(response, maxBytes);
        let data: unknown;
        try {
          data = JSON.parse(new TextDecoder().decode(bytes));
        } catch {
          throw new AdapterError('invalid_response', `The ${request.what} response is not valid JSON.`, {
            status: response.status,
            detail: `unparseable JSON body (${bytes.byteLength} bytes, content-type ${response.headers.get('content-type') ?? 'none'})`,
          });
        }
        return parseResponse(request.schema, data, request.what) as Output<S>;
      }, false);
    /** The first try of a write that may have been applied: only a later answer for the same key can settle it. */
    let uncertain: AdapterError | undefined;
    for (let retries = 0; ; retries++) {
      try {
        return await once();
      } catch (error) {
        if (!read && !uncertain && isAdapterError(error) && isWriteOutcomeUnknown(error)) uncertain = error;
        const wait = retryable && retries < retry.retries ? retryWait(error, retries, read) : undefined;
        if (wait === undefined) {
          // A retry refused with 503 says nothing about the try before it that may have committed.
          if (uncertain && !isAbortError(error) && !isWriteOutcomeUnknown(error)) {
            throw new AdapterError(uncertain.code, uncertain.message, {
              ...(uncertain.status !== undefined ? { status: uncertain.status } : {}),
              detail: `outcome unknown: an earlier try may have been applied; the last try ended in ${describeFailure(error)}`,
              cause: error,
            });
          }
          throw error;
        }
        await sleep(wait, request.signal).catch(() => {
          throw abortError(request.signal);
        });
      }
    }
  }

  /**
   * How long to wait before the next try, or `undefined` to give up. A read
   * is retried on anything transient; a keyed write only when it may not
   * have reached the backend or its answer was lost (a 500 or 429 is the
   * backend's definitive answer: it did not apply).
   */
  function retryWait(error: unknown, retries: number, read: boolean): number | undefined {
    if (!isAdapterError(error)) return undefined;
    const statuses = read ? RETRYABLE_STATUSES : OUTCOME_UNKNOWN_STATUSES;
    const lost = error.status === undefined && (error.code === 'network' || error.code === 'timeout');
    const transient = lost || (error.status !== undefined && statuses.has(error.status));
    if (!transient) return undefined;
    if (error.retryAfterMs === undefined) return backoffDelay(retries, retry);
    return error.retryAfterMs <= retry.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }

  function openStream(request: Omit<HttpRequest<null>, 'schema' | 'body' | 'method'>): Promise<Response> {
    return attempt({ ...request, method: 'GET' }, 'text/event-stream', async (response) => {
      const type = response.headers.get('content-type') ?? '';
      if (!type.toLowerCase().startsWith('text/event-stream') || !response.body) {
        await response.body?.cancel().catch(() => {});
        throw new AdapterError('invalid_response', `The ${request.what} response is not an event stream.`, {
          status: response.status,
          detail: `content-type ${type || 'none'}`,
        });
      }
      return response;
    }, true);
  }

  return { request, openStream };
}
