/**
 * Browser side of the actor-pivot benchmark: ThreatActors over 100k activities
 * in the memory adapter (in the page), timed from mount to the first actor rows
 * and from a filter change (the shared query, as FilterBar would set it) to the
 * regrouped rows, then a sort change. Results go to window.__actorsBench.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryAdapter } from '../src/adapters/memory';
import { ThreatActors } from '../src/components/ThreatActors';
import { DEMO_DEFAULT_NOW } from '../src/core/dataset/generateDemoDataset';
import { SEVERITIES } from '../src/core/model';
import { createQuery, type ActivityQuery } from '../src/core/query';
import { ThreatDeckProvider } from '../src/hooks/ThreatDeckProvider';
import { createTestAdapter } from '../src/testing/createTestAdapter';

const params = new URLSearchParams(location.search);
const N = Number(params.get('activities') ?? 100_000);
const fallback = params.get('fallback') === '1';
const now = DEMO_DEFAULT_NOW;

const g0 = performance.now();
const memory = createMemoryAdapter({ seed: 7, activities: N, hugeActivityAttempts: 0, live: false, now: () => now });
const generateMs = performance.now() - g0;
// Without the capability: the hooks group the newest list pages.
const adapter = fallback ? createTestAdapter({ listActivities: (p) => memory.listActivities(p), getFacet: (p) => memory.getFacet(p) }) : memory;

let setQueryFromBench: (q: ActivityQuery) => void = () => {};
function Page() {
  const [query, setQuery] = useState(createQuery());
  useEffect(() => {
    setQueryFromBench = setQuery;
  }, []);
  return <ThreatActors query={query} onQueryChange={setQuery} />;
}

const waitFor = (test: () => boolean) =>
  new Promise<number>((resolve) => {
    const tick = () => (test() ? resolve(performance.now()) : requestAnimationFrame(tick));
    tick();
  });
const grid = () => document.querySelector('[data-slot="actor-grid"]');
const settled = () => !!grid() && grid()!.getAttribute('aria-busy') === null;
const firstIp = () => document.querySelector('[data-slot="actor-row"] [data-slot="actor-ip"]')?.textContent ?? '';
const rowCount = () => grid()?.getAttribute('aria-rowcount') ?? '';

async function run() {
  const t0 = performance.now();
  createRoot(document.getElementById('root')!).render(
    <ThreatDeckProvider adapter={adapter} now={() => now}>
      <Page />
    </ThreatDeckProvider>,
  );
  const t1 = await waitFor(() => document.querySelectorAll('[data-slot="actor-row"]').length > 0);
  const filters: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = `${rowCount()}|${firstIp()}`;
    const s0 = performance.now();
    setQueryFromBench(createQuery({ filters: { severity: [SEVERITIES[i % SEVERITIES.length]!] } }));
    const s1 = await waitFor(() => settled() && `${rowCount()}|${firstIp()}` !== before);
    filters.push(s1 - s0);
  }
  // Back to every activity, then one sort change by the header button.
  setQueryFromBench(createQuery());
  await waitFor(() => settled() && document.querySelectorAll('[data-slot="actor-row"]').length > 0);
  await new Promise((r) => setTimeout(r, 50));
  const before = firstIp();
  const sortButton = document.querySelector<HTMLButtonElement>('[data-column="attempts"] [data-slot="sort-button"]')!;
  const o0 = performance.now();
  sortButton.click();
  const o1 = await waitFor(() => settled() && firstIp() !== before);
  (window as unknown as { __actorsBench: unknown }).__actorsBench = {
    activities: N,
    fallback,
    generateMs,
    firstRowsMs: t1 - t0,
    filterMs: filters,
    sortMs: o1 - o0,
    actors: Number(rowCount()) - 1,
    domRows: document.querySelectorAll('[data-slot="actor-row"]').length,
  };
}
void run();
