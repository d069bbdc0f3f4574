/**
 * The demo's memory adapter in a Web Worker (`?worker=1`): the dataset, its
 * filtering and its garbage collection stay off the page's main thread. The
 * first message configures it (Vite needs static worker options, so the
 * dataset size cannot ride in them); the decisions of earlier visits are
 * restored from IndexedDB (see startDemoAdapter.ts); then it serves calls.
 */
import { serveAdapter, type AdapterPort } from '../src/adapters/worker/portAdapter';
import { DATASET_COMPLETE, startDemoAdapter } from './startDemoAdapter';

const scope = self as unknown as AdapterPort;
const configure = (event: MessageEvent) => {
  const data = event.data as { t?: string; activities?: unknown };
  if (data?.t !== 'demo-config') return;
  scope.removeEventListener('message', configure);
  const activities = typeof data.activities === 'number' && data.activities >= 0 ? data.activities : 20_000;
  // The page says hello right away; the restore is async: hold its messages until the adapter serves.
  const held: MessageEvent[] = [];
  const hold = (e: MessageEvent) => void held.push(e);
  scope.addEventListener('message', hold);
  void startDemoAdapter(activities).then(({ adapter, complete }) => {
    const listeners: Array<(event: MessageEvent) => void> = [];
    serveAdapter(adapter, {
      postMessage: (m) => scope.postMessage(m),
      addEventListener: (type, listener) => {
        listeners.push(listener);
        scope.addEventListener(type, listener);
      },
      removeEventListener: (type, listener) => scope.removeEventListener(type, listener),
    });
    scope.removeEventListener('message', hold);
    for (const event of held) for (const listener of listeners) listener(event);
    // Counts served while the dataset filled in were estimates: the page refetches once it is whole.
    void complete.then(() => scope.postMessage({ t: DATASET_COMPLETE }));
  });
};
scope.addEventListener('message', configure);
