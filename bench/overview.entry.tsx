/**
 * Browser side of the overview benchmark: ThreatOverview over 100k activities
 * in the memory adapter (in the page), timed from mount to the first chart and
 * from a click on a top-list bar to the updated chart. Results go to
 * window.__overviewBench.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryAdapter } from '../src/adapters/memory';
import { ThreatOverview } from '../src/components/ThreatOverview';
import { DEMO_DEFAULT_NOW } from '../src/core/dataset/generateDemoDataset';
import { createQuery } from '../src/core/query';
import { ThreatDeckProvider } from '../src/hooks/ThreatDeckProvider';
import { createTestAdapter } from '../src/testing/createTestAdapter';

const params = new URLSearchParams(location.search);
const N = Number(params.get('activities') ?? 100_000);
const fallback = params.get('fallback') === '1';
const now = DEMO_DEFAULT_NOW;

const g0 = performance.now();
const memory = createMemoryAdapter({ seed: 7, activities: N, hugeActivityAttempts: 0, live: false, now: () => now });
const generateMs = performance.now() - g0;
// Without the capability: the hooks' fallback over list pages and facets.
const adapter = fallback ? createTestAdapter({ listActivities: (p) => memory.listActivities(p), getFacet: (p) => memory.getFacet(p) }) : memory;

function Page() {
  const [query, setQuery] = useState(createQuery());
  return <ThreatOverview query={query} onQueryChange={setQuery} />;
}

const waitFor = (test: () => boolean) =>
  new Promise<number>((resolve) => {
    const tick = () => (test() ? resolve(performance.now()) : requestAnimationFrame(tick));
    tick();
  });
const summary = () => document.querySelector('[data-slot="overview-summary"]')?.textContent ?? '';

async function run() {
  const t0 = performance.now();
  createRoot(document.getElementById('root')!).render(
    <ThreatDeckProvider adapter={adapter} now={() => now}>
      <Page />
    </ThreatDeckProvider>,
  );
  const t1 = await waitFor(() => document.querySelectorAll('.td-overview-bar').length > 0);
  const filters: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = summary();
    const bars = document.querySelectorAll<HTMLButtonElement>('[data-field="severity"] button');
    const s0 = performance.now();
    bars[i % bars.length]!.click();
    const s1 = await waitFor(() => summary() !== before && document.querySelector('[data-slot="overview"]')?.getAttribute('aria-busy') === 'false');
    filters.push(s1 - s0);
  }
  (window as unknown as { __overviewBench: unknown }).__overviewBench = {
    activities: N,
    fallback,
    generateMs,
    firstChartMs: t1 - t0,
    filterMs: filters,
    bars: document.querySelectorAll('.td-overview-bar').length,
  };
}
void run();
