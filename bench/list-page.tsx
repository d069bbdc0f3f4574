/**
 * Benchmark page: ThreatDeckProvider + FilterBar + ThreatActivityList over
 * 100,000 activities (memory adapter in the page or in a worker, or HTTP). Exposes `window.__bench` for
 * bench/list.bench.mjs (measurements run inside the page, in frames).
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpAdapter } from '../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../src/adapters/memory';
import { generateDemoDataset } from '../src/core/dataset';
import { connectPortAdapter } from '../src/adapters/worker/portAdapter';
import { FilterBar } from '../src/components/FilterBar';
import { ThreatActivityList } from '../src/components/ThreatActivityList';
import { createQuery, type ActivityQuery } from '../src/core/query';
import { ThreatDeckProvider } from '../src/hooks/ThreatDeckProvider';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import '../src/styles/index.css';

const params = new URLSearchParams(location.search);
const ACTIVITIES = Number(params.get('n') ?? 100_000);
/**
 * Where the 100k dataset lives: `?api=<url>` the reference server; `?adapter=worker`
 * the memory adapter in a Web Worker (connectPortAdapter); else the memory adapter in this page.
 */
const API = params.get('api');
const WORKER = params.get('adapter') === 'worker';
/** The newest activities generated before the adapter serves; the rest fill in off the critical path (as in the demo). */
const FIRST_CHUNK = 1_000;
const t0 = performance.now();
let completeMs: number | null = null;
const progressive = () => {
  const dataset = generateDemoDataset({ seed: 42, activities: ACTIVITIES, now: Date.now(), firstChunk: FIRST_CHUNK });
  void dataset.complete.then(() => (completeMs = performance.now()));
  return createMemoryAdapter({ dataset, live: false });
};
const memory: ThreatDeckAdapter = API
  ? createHttpAdapter({ baseUrl: API })
  : WORKER
    ? await connectPortAdapter(new Worker(`list-worker.js?n=${ACTIVITIES}`))
    : progressive();
const datasetMs = API ? 0 : performance.now() - t0;

/** Adapter calls as [start, end] intervals: separates the backend's cost from the component's. */
const calls: Array<[number, number]> = [];
const adapter: ThreatDeckAdapter = {
  ...memory,
  capabilities: { ...memory.capabilities, live: false },
  listActivities: async (params) => {
    const start = performance.now();
    try {
      return await memory.listActivities(params);
    } finally {
      calls.push([start, performance.now()]);
    }
  },
};
const adapterMsSince = (since: number) => calls.filter(([s]) => s >= since).reduce((sum, [s, e]) => sum + (e - s), 0);
const overlapsCall = (from: number, to: number) => calls.some(([s, e]) => s < to && e > from);

let setQueryFromBench: ((update: (q: ActivityQuery) => ActivityQuery) => void) | null = null;

function Page() {
  const [query, setQuery] = useState<ActivityQuery>(createQuery());
  setQueryFromBench = setQuery;
  return (
    <div style={{ padding: 16, display: 'grid', gap: 12 }}>
      <FilterBar query={query} onQueryChange={setQuery} />
      <ThreatActivityList query={query} onQueryChange={setQuery} style={{ ['--td-list-height' as string]: '640px' }} />
    </div>
  );
}

const rows = () => document.querySelectorAll('[data-slot="grid-body"] > [role="row"]');
const grid = () => document.querySelector<HTMLElement>('[data-slot="activity-grid"]');
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
/**
 * A frame is long when its rAF interval is over 50 ms by more than timer
 * jitter. rAF timestamps are vsync-aligned and coarsened to 0.1 ms, so a
 * three-vsync frame (50.0 ms at 60 Hz) reads as 49.9-50.1 ms; a frame really
 * over 50 ms reads 66.7 ms or more.
 */
const LONG_FRAME_MS = 51;

async function until(check: () => boolean, timeoutMs = 10_000): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timeout');
    await nextFrame();
  }
  return performance.now() - start;
}

const renderStart = performance.now();
createRoot(document.getElementById('root')!).render(
  <ThreatDeckProvider adapter={adapter}>
    <Page />
  </ThreatDeckProvider>,
);

declare global {
  interface Window {
    __bench: {
      datasetMs: number;
      /** Navigation start → this module starts running (HTML, script and stylesheet fetched, parsed, imports evaluated). */
      scriptStartMs: number;
      /** Navigation start → the page's script fully received. */
      scriptFetchedMs: number;
      /** Navigation start → every activity generated and indexed (memory adapter in the page; null before). */
      completeMs: () => number | null;
      firstRows: () => Promise<number>;
      /** Navigation start → first rows in the DOM: page load, dataset and first page together (what a user waits). */
      firstRowsFromNavigation: () => Promise<number>;
      searchChange: (text: string) => Promise<{ totalMs: number; adapterMs: number }>;
      filterChange: (severity: string) => Promise<{ totalMs: number; adapterMs: number }>;
      scroll: (
        frames: number,
        pxPerFrame: number,
      ) => Promise<{ maxDomRows: number; frames: number; longFrames: number; rawOver50: number; longFramesWithoutAdapter: number; maxFrameMs: number; p95FrameMs: number; framesOver17: number; meanFrameMs: number; rowsLoaded: number }>;
    };
  }
}

window.__bench = {
  datasetMs,
  scriptStartMs: t0,
  scriptFetchedMs: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes('list-page.js'))?.responseEnd ?? 0,
  completeMs: () => completeMs,
  firstRows: async () => {
    await until(() => rows().length > 0);
    return performance.now() - renderStart;
  },
  // performance.now() counts from navigation start.
  firstRowsFromNavigation: async () => {
    await until(() => rows().length > 0);
    return performance.now();
  },
  /** Search change → every rendered row shows the text (the first search at 100k builds whatever its index needs). */
  searchChange: async (text) => {
    const start = performance.now();
    setQueryFromBench!((q) => ({ ...q, search: text }));
    await until(() => {
      const g = grid();
      const r = rows();
      if (!g || g.getAttribute('aria-busy') === 'true' || r.length === 0) return false;
      return [...r].every((row) => (row.textContent ?? '').includes(text));
    });
    return { totalMs: performance.now() - start, adapterMs: adapterMsSince(start) };
  },
  /** Filter change → every rendered row has the new severity (and the grid is not busy). */
  filterChange: async (severity) => {
    const start = performance.now();
    setQueryFromBench!((q) => ({ ...q, filters: { ...q.filters, severity: [severity as 'critical'] } }));
    await until(() => {
      const g = grid();
      const r = rows();
      if (!g || g.getAttribute('aria-busy') === 'true' || r.length === 0) return false;
      return [...r].every((row) => row.querySelector(`[data-severity="${severity}"]`));
    });
    return { totalMs: performance.now() - start, adapterMs: adapterMsSince(start) };
  },
  scroll: async (frames, pxPerFrame) => {
    const g = grid()!;
    g.scrollTop = 0;
    await nextFrame();
    let last = await nextFrame();
    let maxDomRows = 0;
    const durations: number[] = [];
    let longWithoutAdapter = 0;
    for (let i = 0; i < frames; i++) {
      g.scrollTop += pxPerFrame;
      const now = await nextFrame();
      durations.push(now - last);
      if (now - last > LONG_FRAME_MS && !overlapsCall(last, now)) longWithoutAdapter++;
      last = now;
      maxDomRows = Math.max(maxDomRows, rows().length);
    }
    const sorted = [...durations].sort((a, b) => a - b);
    return {
      maxDomRows,
      frames,
      longFrames: durations.filter((d) => d > LONG_FRAME_MS).length,
      rawOver50: durations.filter((d) => d > 50).length,
      longFramesWithoutAdapter: longWithoutAdapter,
      maxFrameMs: sorted[sorted.length - 1] ?? 0,
      // Frames that missed at least one vsync (a finer signal than > 50 ms on a noisy machine).
      framesOver17: durations.filter((d) => d > 17.5).length,
      meanFrameMs: durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length),
      p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      rowsLoaded: Number(g.getAttribute('aria-rowcount')) - 1,
    };
  },
};
