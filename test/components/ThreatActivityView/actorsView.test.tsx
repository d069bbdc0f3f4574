// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import {
  ThreatActivityView,
  viewLocationFromSearchParams,
  viewLocationToSearchParams,
  type ThreatActivityViewName,
} from '../../../src/components/ThreatActivityView';
import { DEMO_DEFAULT_NOW } from '../../../src/core/dataset/generateDemoDataset';
import { createQuery, queryFromSearchParams, queryToSearchParams, type ActivityQuery } from '../../../src/core/query';
import { renderWithProvider } from '../../support/renderWithProvider';

const now = DEMO_DEFAULT_NOW;
const signal = new AbortController().signal;
const provider = { provider: { now: () => now } };
const memory = () => createMemoryAdapter({ seed: 41, activities: 300, hugeActivityAttempts: 0, live: false, now: () => now });
const actorGrid = () => screen.findByRole('grid', { name: 'Threat actors for the current filters' });
const actorRows = (g: HTMLElement) => within(g).getAllByRole('row').filter((r) => r.getAttribute('data-slot') === 'actor-row');
const ipOf = (row: HTMLElement) => row.querySelector('[data-slot="actor-ip"]')!.textContent!;

describe('ThreatActivityView: Activities | Actors', () => {
  test('the Actors view pivots the same query under the same FilterBar; a filter removed there holds for the activities', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    const views: ThreatActivityViewName[] = [];
    const severity = createQuery({ filters: { severity: ['critical'] } });
    renderWithProvider(<ThreatActivityView defaultQuery={severity} onViewChange={(v) => views.push(v)} />, adapter, provider);
    const switcher = await screen.findByRole('tablist', { name: 'Views' });
    expect(within(switcher).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Activities', 'Actors', 'Suppression rules', 'Blocks']);
    await user.click(within(switcher).getByRole('tab', { name: 'Actors' }));
    // Manual activation: the tab is chosen with Enter / click.
    expect(views).toEqual(['actors']);
    const g = await actorGrid();
    const critical = await adapter.listActors!({ query: severity, sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 1, signal });
    await waitFor(() => expect(g).toHaveAttribute('aria-rowcount', String(critical.total + 1)));
    const filters = screen.getByRole('search', { name: /filter/i });
    await user.click(within(filters).getByRole('button', { name: /Remove filter .*Critical/i }));
    const all = await adapter.listActors!({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 1, signal });
    await waitFor(() => expect(g).toHaveAttribute('aria-rowcount', String(all.total + 1)));
    expect(all.total).toBeGreaterThan(critical.total);
    await user.click(within(switcher).getByRole('tab', { name: 'Activities' }));
    const list = await adapter.listActivities({ query: createQuery(), pageSize: 1, signal });
    await waitFor(() => expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', String(list.total + 1)));
  });

  test('an activity opened from the actor drilldown opens in the activity drilldown', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    const opened: Array<string | null> = [];
    const views: ThreatActivityViewName[] = [];
    renderWithProvider(
      <ThreatActivityView defaultView="actors" onViewChange={(v) => views.push(v)} onOpenActivityChange={(id) => opened.push(id)} />,
      adapter,
      provider,
    );
    const g = await actorGrid();
    const row = actorRows(g)[0]!;
    const ip = ipOf(row);
    await user.click(row);
    const panel = await screen.findByRole('region', { name: `Actor ${ip}` });
    const list = await within(panel).findByRole('list', { name: 'Activities of this actor' });
    const theirs = await adapter.listActivities({ query: createQuery({ filters: { actor: [ip] } }), pageSize: 1, signal });
    await user.click(within(list).getAllByRole('button')[0]!);
    expect(views).toEqual(['activities']);
    expect(opened).toEqual([theirs.items[0]!.id]);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    await waitFor(() => expect(within(region).getAllByText(theirs.items[0]!.endpoint.path).length).toBeGreaterThan(0));
  });

  test('the view and the open actor survive a reload through the URL; junk in the URL shows the activities', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    window.history.replaceState(null, '', '/');
    function UrlHost() {
      const [initial] = useState(() => {
        const params = new URLSearchParams(window.location.search);
        return { query: queryFromSearchParams(params), ...viewLocationFromSearchParams(params) };
      });
      const [query, setQuery] = useState<ActivityQuery>(initial.query);
      const [view, setView] = useState(initial.view);
      const [actor, setActor] = useState(initial.openActorIp);
      const write = (next: { view?: ThreatActivityViewName; actor?: string | null }) => {
        const location = { openActivityId: null, tab: 'overview' as const, view: next.view ?? view, openActorIp: next.actor !== undefined ? next.actor : actor };
        window.history.replaceState(null, '', `?${viewLocationToSearchParams(location, queryToSearchParams(query)).toString()}`);
      };
      return (
        <ThreatActivityView
          query={query}
          onQueryChange={setQuery}
          view={view}
          onViewChange={(v) => (setView(v), write({ view: v }))}
          openActorIp={actor}
          onOpenActorIpChange={(ip) => (setActor(ip), write({ actor: ip }))}
        />
      );
    }
    const first = renderWithProvider(<UrlHost />, adapter, provider);
    await user.click(await screen.findByRole('tab', { name: 'Actors' }));
    const row = actorRows(await actorGrid())[1]!;
    const ip = ipOf(row);
    await user.click(row);
    await screen.findByRole('region', { name: `Actor ${ip}` });
    const params = new URLSearchParams(window.location.search);
    expect(params.get('view')).toBe('actors');
    expect(params.get('actor')).toBe(ip);
    first.unmount();

    renderWithProvider(<UrlHost />, adapter, provider);
    expect(await screen.findByRole('tab', { name: 'Actors' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('region', { name: `Actor ${ip}` })).toBeInTheDocument();

    expect(viewLocationFromSearchParams(new URLSearchParams('view=<script>&actor=1.2.3.4'))).toMatchObject({ view: 'activities', openActorIp: null });
    expect(viewLocationFromSearchParams(new URLSearchParams(`view=actors&actor=${'9'.repeat(500)}`))).toMatchObject({ view: 'actors', openActorIp: null });
    expect(viewLocationToSearchParams({ openActivityId: null, tab: 'overview', view: 'activities', openActorIp: '1.2.3.4' }).toString()).toBe('');
    window.history.replaceState(null, '', '/');
  });
});
