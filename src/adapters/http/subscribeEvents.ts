/**
 * Live updates over Server-Sent Events, read with fetch streaming (so the
 * host's auth headers are sent, unlike EventSource). Resolves once the first
 * connection is open; a first connection that fails for a passing reason
 * (network, timeout, 5xx, 429, not a stream) is retried with backoff, each
 * failure reported through `onError`, until it opens or the signal aborts;
 * one the backend refuses for good (401, 403, 404, 501, …) rejects.
 * Afterwards it reconnects on its own with backoff, sending `Last-Event-ID`,
 * and reports trouble through `onError` until the signal aborts. A silent
 * connection (no bytes, not even the server's heartbeat comments) is dropped
 * and reopened.
 */
import { LIVE_RETRY_MAX_MS, LIVE_RETRY_MIN_MS, type SubscribeParams } from '../../core/adapter';
import { abortError, AdapterError, isAbortError, isAdapterError, toAdapterError, type AdapterErrorCode } from '../../core/errors';
import { queryToSearchParams } from '../../core/query';
import { networkError, type HttpClient } from './createHttpClient';
import { createEventStreamParser } from './eventStreamParser';
import { parseResponse } from '../../core/parseRecord';
import { liveEventSchema } from '../../core/schemas';
import { backoffDelay, DEFAULT_RETRY, sleep } from './retryPolicy';

export interface LiveOptions {
  /** Reconnect when nothing arrives for this long. Default 45 s (the reference server pings every 15 s). */
  idleTimeoutMs?: number;
  /** Backoff between reconnects (the server's `retry:`, clamped, is the floor). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The server's `retry:` within [LIVE_RETRY_MIN_MS, LIVE_RETRY_MAX_MS]: a huge
 * value would overflow setTimeout (and fire at once), a large one would mean
 * an hour of silence, a tiny one a reconnect storm.
 */
export function clampServerRetry(ms: number): number {
  if (Number.isNaN(ms)) return LIVE_RETRY_MIN_MS;
  return Math.min(LIVE_RETRY_MAX_MS, Math.max(LIVE_RETRY_MIN_MS, ms));
}

/**
 * An id the server sent goes back in a header only when it is plain visible
 * ASCII of sane length: anything else could not be sent (or would be
 * altered on the way) and would break every reconnect.
 */
const isSendableEventId = (id: string) => /^[\x21-\x7e]{1,1024}$/.test(id);

/** Errors after which trying the first connection again cannot help. */
const DEFINITIVE_CODES: ReadonlySet<AdapterErrorCode> = new Set<AdapterErrorCode>(['unauthorized', 'forbidden', 'not_found', 'invalid_request', 'unsupported', 'conflict']);

export async function subscribeEvents(client: HttpClient, params: SubscribeParams, options: LiveOptions = {}): Promise<void> {
  const { signal, onEvent, onError } = params;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const backoff = { ...DEFAULT_RETRY, baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 30_000 };
  const queryParams = queryToSearchParams(params.query);
  let lastEventId = '';
  /** 0 until the server sends `retry:`; then that value, clamped. */
  let serverRetryMs = 0;
  let failures = 0;
  const reconnectDelay = () => Math.max(serverRetryMs, backoffDelay(failures++, backoff));

  const report = (error: unknown) => {
    if (!signal.aborted) onError?.(toAdapterError(error));
  };

  const open = async () => {
    const connection = new AbortController();
    const onAbort = () => connection.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await client.openStream({
        path: '/events',
        params: queryParams,
        what: 'live events',
        signal: connection.signal,
        ...(isSendableEventId(lastEventId) ? { headers: { 'last-event-id': lastEventId } } : {}),
      });
      return { response, connection, release: () => signal.removeEventListener('abort', onAbort) };
    } catch (error) {
      signal.removeEventListener('abort', onAbort);
      throw error;
    }
  };

  const consume = async ({ response, connection }: Awaited<ReturnType<typeof open>>) => {
    const parser = createEventStreamParser({
      lastEventId,
      onRetry: (ms) => (serverRetryMs = clampServerRetry(ms)),
      onEvent: (event) => {
        if (event.type !== 'activity' && event.type !== 'suppressed') return; // unknown types are for newer clients
        try {
          onEvent(parseResponse(liveEventSchema, JSON.parse(event.data), 'live event'));
        } catch (error) {
          report(error instanceof SyntaxError ? new AdapterError('invalid_response', 'A live event is not valid JSON.') : error);
        }
      },
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => connection.abort(new AdapterError('timeout', 'The live event stream went silent.')), idleTimeoutMs);
    };
    try {
      arm();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        arm();
        try {
          parser.push(decoder.decode(value, { stream: true }));
        } catch (error) {
          if (isAdapterError(error)) throw error;
          throw new AdapterError('invalid_response', 'The live event stream is malformed.', { detail: (error as Error).message });
        } finally {
          // Also after a frame without data: the server's first `id:` is where a dropped connection resumes.
          lastEventId = parser.lastEventId;
        }
      }
    } catch (error) {
      if (connection.signal.reason instanceof AdapterError) throw connection.signal.reason;
      throw isAdapterError(error) || isAbortError(error) ? error : networkError(error);
    } finally {
      clearTimeout(idle);
      connection.abort();
    }
  };

  // The first connection: a definitive refusal rejects; anything passing is retried until it opens or the signal aborts.
  let current: Awaited<ReturnType<typeof open>> | null = null;
  while (!current) {
    try {
      current = await open();
    } catch (error) {
      if (signal.aborted || isAbortError(error)) throw error;
      const typed = toAdapterError(error);
      if (DEFINITIVE_CODES.has(typed.code)) throw error;
      report(typed);
      const wait = Math.max(reconnectDelay(), Math.min(typed.retryAfterMs ?? 0, LIVE_RETRY_MAX_MS));
      await sleep(wait, signal).catch(() => {
        throw abortError(signal);
      });
    }
  }
  failures = 0;

  void (async () => {
    while (!signal.aborted) {
      if (current) {
        try {
          await consume(current);
          failures = 0;
        } catch (error) {
          if (!isAbortError(error) || !signal.aborted) report(error);
        } finally {
          current.release();
          current = null;
        }
      }
      if (signal.aborted) return;
      try {
        await sleep(reconnectDelay(), signal);
        current = await open();
      } catch (error) {
        if (signal.aborted) return;
        report(error);
      }
    }
  })();
}
