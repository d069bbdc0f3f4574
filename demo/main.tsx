/**
 * The demo console: ThreatActivityView on the in-memory adapter with simulated
 * live traffic. The query, the open activity and its tab live in the URL, as a host
 * would keep them. `?theme=dark` switches the theme; `?worker=1` runs the
 * memory adapter in a Web Worker (connectPortAdapter); `?api=http://127.0.0.1:4010`
 * talks to a backend speaking the REST contract instead (`npm run mock-server`).
 */
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpAdapter } from '../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../src/adapters/memory';
import { connectPortAdapter } from '../src/adapters/worker/portAdapter';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { queryFromSearchParams, queryToSearchParams, type ActivityQuery } from '../src/core/query';
import { ThreatDeckProvider, type ThemeName } from '../src/hooks/ThreatDeckProvider';
import { ThreatActivityView, viewLocationFromSearchParams, viewLocationToSearchParams, type ViewLocation } from '../src/components/ThreatActivityView';
import '../src/styles/index.css';
import './demo.css';

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
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const activities = Number(params.get('activities') ?? 20_000);
  const inWorker = params.get('worker') === '1' && !params.get('api');
  const [adapter, setAdapter] = useState<ThreatDeckAdapter | null>(() => {
    if (inWorker) return null;
    const api = params.get('api');
    // Only http(s) backends; anything else in the URL falls back to the memory adapter.
    if (api && /^https?:\/\//.test(api)) return createHttpAdapter({ baseUrl: api });
    return createMemoryAdapter({ seed: 2026, activities, latencyMs: [40, 160], live: { intervalMs: 4_000 } });
  });
  useEffect(() => {
    if (!inWorker) return;
    const worker = new Worker(new URL('./adapter.worker.ts', import.meta.url), { type: 'module' });
    worker.postMessage({ t: 'demo-config', activities });
    let current = true;
    void connectPortAdapter(worker).then((connected) => current && setAdapter(connected));
    return () => {
      current = false;
      worker.terminate();
    };
  }, [inWorker, activities]);
  useEffect(() => writeUrl(query, { openActivityId: open, tab }, theme), [query, open, tab, theme]);
  // Exposed for the browser tests, which assert the adapter's state.
  useEffect(() => {
    (window as unknown as { __threatdeckAdapter?: unknown }).__threatdeckAdapter = adapter;
  }, [adapter]);

  if (!adapter) return <p className="demo-loading">Starting the adapter worker…</p>;
  return (
    <ThreatDeckProvider adapter={adapter} theme={theme} className="demo-root">
      <header className="demo-header">
        <h1>Threat Activity</h1>
        <label className="demo-theme">
          <input type="checkbox" checked={theme === 'dark'} onChange={(e) => setTheme(e.target.checked ? 'dark' : 'light')} /> Dark theme
        </label>
      </header>
      <main className="demo-main">
        <ThreatActivityView
          query={query}
          onQueryChange={setQuery}
          openActivityId={open}
          onOpenActivityChange={setOpen}
          tab={tab}
          onTabChange={setTab}
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
