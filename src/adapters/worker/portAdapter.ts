/**
 * An adapter across a message port. `serveAdapter(adapter, port)` runs any
 * adapter in a Web Worker (or behind any MessagePort); `connectPortAdapter(port)`
 * resolves to the `ThreatDeckAdapter` the components use on the main thread.
 *
 * Why: a large in-browser dataset (the memory adapter at 100k activities is
 * ~50 MB of heap) then lives in the worker. Its filtering and, above all, its
 * garbage collection no longer pause the page while the analyst scrolls.
 *
 * Calls carry ids. Aborting a call's signal cancels it in the worker; errors
 * cross as `AdapterError` (code, message, path, …); live events and export
 * pages stream back as messages. Only the optional methods the served adapter
 * has exist on the connected one, as the contract expects.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import type { Activity } from '../../core/model';
import { AdapterError, toAdapterError, type AdapterErrorCode } from '../../core/errors';

/** What both ends need of a Worker, a DedicatedWorkerGlobalScope or a MessagePort. */
export interface AdapterPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** MessagePort only: starts delivery (called when present). */
  start?: () => void;
}

const METHODS = [
  'listActivities',
  'getFacet',
  'getActivity',
  'listAttempts',
  'getTimeline',
  'getOverview',
  'listActors',
  'getRemediation',
  'setStatus',
  'setStatusByQuery',
  'ignore',
  'previewSuppressionRule',
  'listSuppressionRules',
  'deleteSuppressionRule',
  'block',
  'listBlocks',
  'unblock',
  'listWorkItemTargets',
  'createWorkItem',
  'exportActivities',
  'subscribe',
  // Case handling (`cases`).
  'listUsers',
  'assignActivities',
  'addNote',
  'addNotes',
  'listNotes',
  'listHistory',
] as const;
type Method = (typeof METHODS)[number];
const METHOD_SET: ReadonlySet<string> = new Set(METHODS);
const HELLO = '$hello';

interface SerializedError {
  code: AdapterErrorCode;
  message: string;
  detail?: string;
  path?: string;
  retryAfterMs?: number;
  status?: number;
}

type ToServer = { t: 'call'; id: number; method: Method | typeof HELLO; params: Record<string, unknown> } | { t: 'cancel'; id: number };
type ToClient =
  | { t: 'result'; id: number; value?: unknown }
  | { t: 'error'; id: number; error: SerializedError }
  | { t: 'event'; id: number; event: unknown }
  | { t: 'stream-error'; id: number; error: SerializedError }
  | { t: 'chunk'; id: number; items: Activity[] };

function serializeError(error: unknown): SerializedError {
  const e = toAdapterError(error);
  return {
    code: e.code,
    message: e.message,
    ...(e.detail !== undefined ? { detail: e.detail } : {}),
    ...(e.path !== undefined ? { path: e.path } : {}),
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
  };
}

function deserializeError(e: SerializedError): AdapterError {
  const { code, message, ...options } = e;
  return new AdapterError(code, message, options);
}

const aborted = () => new AdapterError('aborted', 'The request was cancelled.');

/**
 * Answers calls arriving on `port` with `adapter`. Returns a function that
 * stops serving and cancels every running call and subscription.
 */
export function serveAdapter(adapter: ThreatDeckAdapter, port: AdapterPort): () => void {
  const running = new Map<number, AbortController>();
  const post = (message: ToClient) => port.postMessage(message);

  const handle = async (message: ToServer) => {
    if (message.t === 'cancel') {
      running.get(message.id)?.abort();
      running.delete(message.id);
      return;
    }
    const { id, method, params } = message;
    if (method === HELLO) {
      const methods = METHODS.filter((m) => typeof adapter[m] === 'function');
      post({ t: 'result', id, value: { capabilities: adapter.capabilities, methods } });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const signal = controller.signal;
    let keep = false;
    try {
      const fn = METHOD_SET.has(method) ? (adapter[method] as unknown) : undefined;
      if (typeof fn !== 'function') throw new AdapterError('unsupported', `This adapter has no ${String(method)}.`);
      if (method === 'subscribe') {
        await adapter.subscribe!({
          ...(params as { query: never }),
          signal,
          onEvent: (event) => post({ t: 'event', id, event }),
          onError: (error) => post({ t: 'stream-error', id, error: serializeError(error) }),
        });
        // Subscribed: events flow until the client cancels.
        keep = !signal.aborted;
        post({ t: 'result', id });
      } else if (method === 'exportActivities') {
        for await (const items of adapter.exportActivities!({ ...(params as { query: never }), signal })) {
          if (signal.aborted) throw aborted();
          post({ t: 'chunk', id, items });
        }
        post({ t: 'result', id });
      } else {
        const value = await (fn as (p: unknown) => Promise<unknown>).call(adapter, { ...params, signal });
        post({ t: 'result', id, value });
      }
    } catch (error) {
      post({ t: 'error', id, error: serializeError(signal.aborted ? aborted() : error) });
    } finally {
      if (!keep) running.delete(id);
    }
  };

  const onMessage = (event: MessageEvent) => {
    const message = event.data as ToServer;
    if (message && (message.t === 'call' || message.t === 'cancel')) void handle(message);
  };
  port.addEventListener('message', onMessage);
  port.start?.();
  return () => {
    port.removeEventListener('message', onMessage);
    for (const controller of running.values()) controller.abort();
    running.clear();
  };
}

/** The adapter served on the other end of `port` (see `serveAdapter`). */
export async function connectPortAdapter(port: AdapterPort, options: { signal?: AbortSignal } = {}): Promise<ThreatDeckAdapter> {
  const handlers = new Map<number, (message: ToClient) => void>();
  let nextId = 1;
  port.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as ToClient;
    if (message && typeof message.id === 'number') handlers.get(message.id)?.(message);
  });
  port.start?.();

  /**
   * One call. `keep`: the call stays open after its result (a subscription)
   * until the signal aborts; `onStream` receives events and export pages.
   */
  const call = (method: Method | typeof HELLO, params: Record<string, unknown>, signal: AbortSignal, keep = false, onStream?: (message: ToClient) => void) =>
    new Promise<unknown>((resolve, reject) => {
      if (signal.aborted) return reject(aborted());
      const id = nextId++;
      const done = () => {
        handlers.delete(id);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        port.postMessage({ t: 'cancel', id } satisfies ToServer);
        done();
        reject(aborted());
      };
      handlers.set(id, (message) => {
        if (message.t === 'result') {
          if (!keep) done();
          resolve(message.value);
        } else if (message.t === 'error') {
          done();
          reject(deserializeError(message.error));
        } else onStream?.(message);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      port.postMessage({ t: 'call', id, method, params } satisfies ToServer);
    });

  const hello = (await call(HELLO, {}, options.signal ?? new AbortController().signal)) as {
    capabilities: ThreatDeckAdapter['capabilities'];
    methods: Method[];
  };
  const has = new Set(hello.methods);
  const adapter: Record<string, unknown> = { capabilities: hello.capabilities };

  for (const method of hello.methods) {
    if (method === 'subscribe' || method === 'exportActivities') continue;
    adapter[method] = ({ signal, ...params }: { signal: AbortSignal }) => call(method, params, signal);
  }
  if (has.has('subscribe')) {
    adapter.subscribe = ({ signal, onEvent, onError, ...params }: { signal: AbortSignal; onEvent: (e: unknown) => void; onError?: (e: unknown) => void }) =>
      call('subscribe', params, signal, true, (message) => {
        if (message.t === 'event') onEvent(message.event);
        else if (message.t === 'stream-error') onError?.(deserializeError(message.error));
      }).then(() => undefined);
  }
  if (has.has('exportActivities')) {
    adapter.exportActivities = ({ signal, ...params }: { signal: AbortSignal }) => exportOverPort(call, params, signal);
  }
  return adapter as unknown as ThreatDeckAdapter;
}

type Call = (method: Method, params: Record<string, unknown>, signal: AbortSignal, keep?: boolean, onStream?: (message: ToClient) => void) => Promise<unknown>;

/** Export pages as they arrive; leaving the loop early cancels the export in the worker. */
async function* exportOverPort(call: Call, params: Record<string, unknown>, signal: AbortSignal): AsyncGenerator<Activity[]> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  const pages: Activity[][] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: unknown = null;
  call('exportActivities', params, stop.signal, false, (message) => {
    if (message.t === 'chunk') {
      pages.push(message.items);
      wake?.();
    }
  }).then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = error;
      finished = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      const page = pages.shift();
      if (page) {
        yield page;
        continue;
      }
      if (finished) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!finished) stop.abort();
  }
}
