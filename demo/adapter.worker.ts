/**
 * The demo's memory adapter in a Web Worker (`?worker=1`): the dataset, its
 * filtering and its garbage collection stay off the page's main thread. The
 * first message configures it (Vite needs static worker options, so the
 * dataset size cannot ride in them); then it serves calls.
 */
import { createMemoryAdapter } from '../src/adapters/memory';
import { serveAdapter, type AdapterPort } from '../src/adapters/worker/portAdapter';

const scope = self as unknown as AdapterPort;
const configure = (event: MessageEvent) => {
  const data = event.data as { t?: string; activities?: unknown };
  if (data?.t !== 'demo-config') return;
  scope.removeEventListener('message', configure);
  const activities = typeof data.activities === 'number' && data.activities >= 0 ? data.activities : 20_000;
  serveAdapter(createMemoryAdapter({ seed: 2026, activities, latencyMs: [40, 160], live: { intervalMs: 4_000 } }), scope);
};
scope.addEventListener('message', configure);
