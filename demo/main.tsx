/**
 * The demo console: ThreatActivityView on the in-memory adapter with simulated
 * live traffic. The query, the open activity and its tab live in the URL, as a host
 * would keep them. `?theme=dark` switches the theme; `?worker=1` runs the
 * memory adapter in a Web Worker (connectPortAdapter); `?api=http://127.0.0.1:4010`
 * talks to a backend speaking the REST contract instead (`npm run mock-server`).
 * On the memory adapter the triage decisions survive a reload (IndexedDB, per
 * dataset size); "Reset demo data" forgets them.
 */
import { QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpAdapter } from '../src/adapters/http/createHttpAdapter';
import { connectPortAdapter } from '../src/adapters/worker/portAdapter';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { queryFromSearchParams, queryToSearchParams, type ActivityQuery } from '../src/core/query';
import { ThreatDeckProvider, type ThemeName } from '../src/hooks/ThreatDeckProvider';
import { threatDeckKeys } from '../src/hooks/threatDeckKeys';
import { ThreatActivityView, viewLocationFromSearchParams, viewLocationToSearchParams, type ViewLocation } from '../src/components/ThreatActivityView';
import '../src/styles/index.css';
import './demo.css';
import { demoStateKey, indexedDbStorage } from './indexedDbStorage';
import { DATASET_COMPLETE, DEMO_SEED, startDemoAdapter } from './startDemoAdapter';

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  return { query: queryFromSearchParams(params), ...viewLocationFromSearchParams(params) };
}

function writeUrl(query: ActivityQuery, location: ViewLocation, theme: ThemeName) {
  const params = queryToSearchParams(query);
  // The demo's own switches survive a reload.
  const current = new URLSearchParams(window.location.search);
  for (const key of ['api', 'worker', 'activities']) {
    const value = current.get(key);
    if (value !== null) params.set(key, value);
  }
  viewLocationToSearchParams(location, params);
  if (theme !== 'light') params.set('theme', theme);
  const search = params.toString();
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}

function Demo() {
  const initial = useMemo(readUrl, []);
  const [theme, setTheme] = useState<ThemeName>(() => (new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light'));
  const [query, setQuery] = useState<ActivityQuery>(initial.query);
  const [open, setOpen] = useState<string | null>(initial.openActivityId);
  const [tab, setTab] = useState(initial.tab);
  const [view, setView] = useState(initial.view);
  const [actor, setActor] = useState<string | null>(initial.openActorIp);
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const activities = Number(params.get('activities') ?? 20_000);
  const inWorker = params.get('worker') === '1' && !params.get('api');
  const api = params.get('api');
  // Only http(s) backends; anything else in the URL falls back to the memory adapter.
  const http = useMemo(() => (api && /^https?:\/\//.test(api) ? createHttpAdapter({ baseUrl: api }) : null), [api]);
  const [memory, setMemory] = useState<ThreatDeckAdapter | null>(null);
  const [queryClient] = useState(() => new QueryClient());
  useEffect(() => {
    if (http) return;
    let current = true;
    // The first rows come from the newest activities while the rest are generated; the list's total
    // and counts are estimates until then, so refetch them once the dataset is whole.
    const refetchExact = () => current && void queryClient.invalidateQueries({ queryKey: threatDeckKeys.activities() });
    if (!inWorker) {
      void startDemoAdapter(activities).then(({ adapter, complete }) => {
        if (!current) return;
        setMemory(adapter);
        void complete.then(refetchExact);
      });
      return () => {
        current = false;
      };
    }
    const worker = new Worker(new URL('./adapter.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent) => {
      if ((event.data as { t?: unknown } | null)?.t === DATASET_COMPLETE) refetchExact();
    });
    worker.postMessage({ t: 'demo-config', activities });
    void connectPortAdapter(worker).then((connected) => current && setMemory(connected));
    return () => {
      current = false;
      worker.terminate();
    };
  }, [http, inWorker, activities, queryClient]);
  const adapter = http ?? memory;
  const [resetting, setResetting] = useState(false);
  const resetDemoData = async () => {
    setResetting(true);
    // The worker and the page share the origin's database: the page can forget the worker's log too.
    await indexedDbStorage.remove(demoStateKey(DEMO_SEED, activities)).catch(() => undefined);
    window.location.reload();
  };
  useEffect(() => writeUrl(query, { openActivityId: open, tab, view, openActorIp: actor }, theme), [query, open, tab, view, actor, theme]);
  // Exposed for the browser tests, which assert the adapter's state.
  useEffect(() => {
    (window as unknown as { __threatdeckAdapter?: unknown }).__threatdeckAdapter = adapter;
  }, [adapter]);

  if (!adapter) return <p className="demo-loading">{inWorker ? 'Starting the adapter worker…' : 'Loading the demo data…'}</p>;
  return (
    <ThreatDeckProvider adapter={adapter} queryClient={queryClient} theme={theme} className="demo-root">
      <header className="demo-header">
        <h1>Threat Activity</h1>
        <div className="demo-controls">
          {http ? null : (
            <button type="button" className="demo-reset" onClick={() => void resetDemoData()} disabled={resetting}>
              {resetting ? 'Resetting…' : 'Reset demo data'}
            </button>
          )}
          <label className="demo-theme">
            <input type="checkbox" checked={theme === 'dark'} onChange={(e) => setTheme(e.target.checked ? 'dark' : 'light')} /> Dark theme
          </label>
        </div>
      </header>
      <main className="demo-main">
        <ThreatActivityView
          query={query}
          onQueryChange={setQuery}
          openActivityId={open}
          onOpenActivityChange={setOpen}
          tab={tab}
          onTabChange={setTab}
          view={view}
          onViewChange={setView}
          openActorIp={actor}
          onOpenActorIpChange={setActor}
          ownAddresses={['198.51.100.10']}
        />
      </main>
    </ThreatDeckProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
