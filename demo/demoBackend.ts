/**
 * Where the demo's data comes from, started before the console's modules
 * are evaluated (startedBackend.ts is the entry's first import), so the
 * adapter worker generates its dataset on the other core while the page
 * evaluates React and the components and renders.
 *
 * `?api=http(s)://…` a backend speaking the REST contract; `?worker=1` the
 * memory adapter in a Web Worker; else the memory adapter in the page.
 * `?activities=N` sizes the demo dataset (20,000 by default).
 */
import { connectPortAdapter } from '../src/adapters/worker/portAdapter';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { DATASET_COMPLETE, startDemoAdapter } from './startDemoAdapter';

export interface DemoBackend {
  kind: 'http' | 'worker' | 'page';
  /** Dataset size (memory adapter). */
  activities: number;
  adapter: Promise<ThreatDeckAdapter>;
  /** Settles once the memory adapter's dataset is whole (its counts before are estimates); never for a backend. */
  complete: Promise<void>;
}

export function startDemoBackend(params: URLSearchParams): DemoBackend {
  const activities = Number(params.get('activities') ?? 20_000);
  const api = params.get('api');
  // Only http(s) backends; anything else in the URL falls back to the memory adapter.
  if (api && /^https?:\/\//.test(api)) {
    const adapter = import('../src/adapters/http/createHttpAdapter').then(({ createHttpAdapter }) => createHttpAdapter({ baseUrl: api }));
    return { kind: 'http', activities, adapter, complete: new Promise(() => {}) };
  }
  if (params.get('worker') === '1') {
    const worker = new Worker(new URL('./adapter.worker.ts', import.meta.url), { type: 'module' });
    const complete = new Promise<void>((resolve) =>
      worker.addEventListener('message', (event: MessageEvent) => {
        if ((event.data as { t?: unknown } | null)?.t === DATASET_COMPLETE) resolve();
      }),
    );
    worker.postMessage({ t: 'demo-config', activities });
    return { kind: 'worker', activities, adapter: connectPortAdapter(worker), complete };
  }
  const started = startDemoAdapter(activities);
  return { kind: 'page', activities, adapter: started.then((s) => s.adapter), complete: started.then((s) => s.complete) };
}
