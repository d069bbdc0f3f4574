/**
 * Render benchmark page: ThreatActivityList on the memory adapter (100k
 * activities, seed 5, no live traffic), the query controlled by the page so
 * the harness can change `filters.host` the way a host app would.
 * The measuring code lives in bench/render-vs-aggrid.bench.mjs; this page only
 * exposes mount / filter / DOM probes on `window.__renderBench`.
 */
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { createMemoryAdapter } from '../../src/adapters/memory';
import { defaultQuery, type ActivityQuery } from '../../src/core/query';
import { ThreatDeckProvider } from '../../src/hooks/ThreatDeckProvider';
import { ThreatActivityList } from '../../src/components/ThreatActivityList';
import '../../src/styles/index.css';
import type { RenderBenchTarget } from './render-target';

const setupStart = performance.now();
const adapter = createMemoryAdapter({ seed: 5, activities: 100_000, live: false });
const setupMs = performance.now() - setupStart;

let setQueryFromHarness: ((update: (q: ActivityQuery) => ActivityQuery) => void) | null = null;

function Page() {
  const [query, setQuery] = useState<ActivityQuery>(defaultQuery);
  setQueryFromHarness = setQuery;
  return (
    <ThreatDeckProvider adapter={adapter}>
      <ThreatActivityList query={query} onQueryChange={setQuery} />
    </ThreatDeckProvider>
  );
}

const target: RenderBenchTarget = {
  name: 'threatdeck ThreatActivityList',
  setupMs,
  activities: adapter.dataset.activities,
  mount(container) {
    createRoot(container).render(<Page />);
  },
  setHostFilter(host) {
    // flushSync: the state update is applied now, as a click handler's would be.
    flushSync(() => setQueryFromHarness?.((q) => ({ ...q, filters: { ...q.filters, host: [host] } })));
  },
  rows: () => document.querySelectorAll('[data-slot="activity-row"]'),
  hostCells: () => document.querySelectorAll('[data-slot="activity-row"] [data-column="host"]'),
  scroller: () => document.querySelector<HTMLElement>('[data-slot="activity-grid"]'),
  idle: () => document.querySelector('[data-slot="activity-grid"]')?.getAttribute('data-status') === 'idle',
};
window.__renderBench = target;
