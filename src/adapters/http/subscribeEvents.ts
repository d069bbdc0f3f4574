/**
 * Live updates over Server-Sent Events, read with fetch streaming (so the
 * host's auth headers are sent, unlike EventSource). Resolves once the first
 * connection is open; afterwards it reconnects on its own with backoff,
 * sending `Last-Event-ID`, and reports trouble through `onError` until the
 * signal aborts. A silent connection (no bytes, not even the server's
 * heartbeat comments) is dropped and reopened.
 */
import type { SubscribeParams } from '../../core/adapter';
import { AdapterError, isAbortError, isAdapterError, toAdapterError } from '../../core/errors';
import { queryToSearchParams } from '../../core/query';
import { networkError, type HttpClient } from './createHttpClient';
import { createEventStreamParser } from './eventStreamParser';
import { parseResponse } from './parseResponse';
import { liveEventSchema } from './responseSchemas';
import { backoffDelay, DEFAULT_RETRY, sleep } from './retryPolicy';

export interface LiveOptions {
  /** Reconnect when nothing arrives for this long. Default 45 s (the reference server pings every 15 s). */
  idleTimeoutMs?: number;
  /** Backoff between reconnects (the server's `retry:` is the floor). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export async function subscribeEvents(client: HttpClient, params: SubscribeParams, options: LiveOptions = {}): Promise<void> {
  const { signal, onEvent, onError } = params;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const backoff = { ...DEFAULT_RETRY, baseDelayMs: options.baseDelayMs ?? 1000, maxDelayMs: options.maxDelayMs ?? 30_000 };
  const queryParams = queryToSearchParams(params.query);
  let lastEventId = '';
  let serverRetryMs = 0;

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
        ...(lastEventId ? { headers: { 'last-event-id': lastEventId } } : {}),
      });
      return { response, connection, release: () => signal.removeEventListener('abort', onAbort) };
    } catch (error) {
      signal.removeEventListener('abort', onAbort);
      throw error;
    }
  };

  const consume = async ({ response, connection }: Awaited<ReturnType<typeof open>>) => {
    const parser = createEventStreamParser({
      onRetry: (ms) => (serverRetryMs = ms),
      onEvent: (event) => {
        lastEventId = event.lastEventId;
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

  // The first connection decides whether subscribing worked at all.
  let current: Awaited<ReturnType<typeof open>> | null = await open();

  void (async () => {
    for (let failures = 0; !signal.aborted; ) {
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
        await sleep(Math.max(serverRetryMs, backoffDelay(failures++, backoff)), signal);
        current = await open();
      } catch (error) {
        if (signal.aborted) return;
        report(error);
      }
    }
  })();
}
