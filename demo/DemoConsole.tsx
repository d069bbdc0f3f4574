/**
 * The demo console: ThreatActivityView on the demo's backend (see
 * demoBackend.ts) with simulated live traffic. The query, the open activity
 * and its tab live in the URL, as a host would keep them. `?theme=dark`
 * switches the theme. On the memory adapter the triage decisions survive a
 * reload (IndexedDB, per dataset size); "Reset demo data" forgets them.
 */
import { QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { queryFromSearchParams, queryToSearchParams, type ActivityQuery } from '../src/core/query';
import { ThreatDeckProvider, type ThemeName } from '../src/hooks/ThreatDeckProvider';
import { threatDeckKeys } from '../src/hooks/threatDeckKeys';
import { ThreatActivityView, viewLocationFromSearchParams, viewLocationToSearchParams, type ViewLocation } from '../src/components/ThreatActivityView';
import '../src/styles/index.css';
import './demo.css';
import { demoStateKey, indexedDbStorage } from './indexedDbStorage';
import type { DemoBackend } from './demoBackend';
import { DEMO_SEED } from './startDemoAdapter';

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

function Demo({ backend }: { backend: DemoBackend }) {
  const initial = useMemo(readUrl, []);
  const [theme, setTheme] = useState<ThemeName>(() => (new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light'));
  const [query, setQuery] = useState<ActivityQuery>(initial.query);
  const [open, setOpen] = useState<string | null>(initial.openActivityId);
  const [tab, setTab] = useState(initial.tab);
  const [view, setView] = useState(initial.view);
  const [actor, setActor] = useState<string | null>(initial.openActorIp);
  const { activities } = backend;
  const [adapter, setAdapter] = useState<ThreatDeckAdapter | null>(null);
  const [queryClient] = useState(() => new QueryClient());
  useEffect(() => {
    let current = true;
    void backend.adapter.then((a) => current && setAdapter(a));
    // The first rows come from the newest activities while the rest are generated; the list's total
    // and counts are estimates until then, so refetch them once the dataset is whole.
    void backend.complete.then(() => current && void queryClient.invalidateQueries({ queryKey: threatDeckKeys.activities() }));
    return () => {
      current = false;
    };
  }, [backend, queryClient]);
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

  if (!adapter) return <p className="demo-loading">{backend.kind === 'worker' ? 'Starting the adapter worker…' : 'Loading the demo data…'}</p>;
  return (
    <ThreatDeckProvider adapter={adapter} queryClient={queryClient} theme={theme} className="demo-root">
      <header className="demo-header">
        <h1>Threat Activity</h1>
        <div className="demo-controls">
          {backend.kind === 'http' ? null : (
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

export function mountDemo(root: HTMLElement, backend: DemoBackend) {
  createRoot(root).render(
    <StrictMode>
      <Demo backend={backend} />
    </StrictMode>,
  );
}
