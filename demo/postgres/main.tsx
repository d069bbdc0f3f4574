/**
 * The demo console on the PostgreSQL-backed server (`npm run demo:postgres`):
 * the HTTP adapter, sending the development API key that the launcher
 * generated for this run. The key reaches the page through Vite's env
 * (VITE_THREATDECK_DEV_API_KEY), i.e. it is in the page's JavaScript: fine for
 * a throwaway local key, never for a real one (a real console gets a token
 * from its own sign-in and passes it through `headers`).
 */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHttpAdapter } from '../../src/adapters/http/createHttpAdapter';
import { createQuery, type ActivityQuery } from '../../src/core/query';
import { ThreatDeckProvider } from '../../src/hooks/ThreatDeckProvider';
import { ThreatActivityView, type ViewLocation } from '../../src/components/ThreatActivityView';
import '../../src/styles/index.css';
import '../demo.css';

const apiUrl = import.meta.env.VITE_THREATDECK_API_URL as string | undefined;
const devKey = import.meta.env.VITE_THREATDECK_DEV_API_KEY as string | undefined;

function Demo({ baseUrl, apiKey }: { baseUrl: string; apiKey: string }) {
  const adapter = useMemo(() => createHttpAdapter({ baseUrl, headers: { 'X-API-Key': apiKey } }), [baseUrl, apiKey]);
  const [query, setQuery] = useState<ActivityQuery>(() => createQuery());
  const [open, setOpen] = useState<string | null>(null);
  const [tab, setTab] = useState<ViewLocation['tab']>('overview');
  return (
    <ThreatDeckProvider adapter={adapter} theme="light" className="demo-root">
      <header className="demo-header">
        <h1>Threat Activity</h1>
        <p className="demo-controls">PostgreSQL-backed server at {baseUrl}</p>
      </header>
      <main className="demo-main">
        <ThreatActivityView query={query} onQueryChange={setQuery} openActivityId={open} onOpenActivityChange={setOpen} tab={tab} onTabChange={setTab} ownAddresses={['198.51.100.10']} />
      </main>
    </ThreatDeckProvider>
  );
}

const root = createRoot(document.getElementById('root')!);
if (!apiUrl || !/^https?:\/\//.test(apiUrl) || !devKey) {
  root.render(<p className="demo-loading">Start this page with npm run demo:postgres (it sets the server URL and a development key).</p>);
} else {
  root.render(
    <StrictMode>
      <Demo baseUrl={apiUrl} apiKey={devKey} />
    </StrictMode>,
  );
}
