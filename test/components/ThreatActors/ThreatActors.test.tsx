// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActors } from '../../../src/components/ThreatActors';
import type { ActivityPage } from '../../../src/core/adapter';
import { DEMO_DEFAULT_NOW } from '../../../src/core/dataset/generateDemoDataset';
import { AdapterError } from '../../../src/core/errors';
import type { Activity } from '../../../src/core/model';
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { anActivity } from '../../support/activityFixture';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';

const now = DEMO_DEFAULT_NOW;
const signal = new AbortController().signal;
const provider = { provider: { now: () => now } };
const memory = () => createMemoryAdapter({ seed: 31, activities: 300, hugeActivityAttempts: 0, live: false, now: () => now });

const grid = () => screen.findByRole('grid', { name: 'Threat actors for the current filters' });
const bodyRows = (g: HTMLElement) => within(g).getAllByRole('row').filter((r) => r.getAttribute('data-slot') === 'actor-row');
const ipOf = (row: HTMLElement) => row.querySelector('[data-slot="actor-ip"]')!.textContent;
const header = (g: HTMLElement, name: string) => within(g).getByRole('columnheader', { name: new RegExp(`^${name}`) });

function pageOf(items: Activity[]): ActivityPage {
  return { items, total: items.length, totalIsEstimate: false, nextCursor: null, counts: { active: items.length, under_review: 0, ignored: 0 } };
}

describe('ThreatActors', () => {
  test('one row per actor of the query, in the backend’s order, with every column; axe-clean', async () => {
    const adapter = memory();
    const { container } = renderWithProvider(<ThreatActors />, adapter, provider);
    const g = await grid();
    const expected = await adapter.listActors!({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 100, signal });
    expect(g).toHaveAttribute('aria-rowcount', String(expected.total + 1));
    expect(screen.getByText(`${expected.total} actors`)).toBeInTheDocument();
    const rows = bodyRows(g);
    expect(rows.length).toBeGreaterThan(0);
    // Windowed: never every actor in the DOM when there are more than fit.
    expect(rows.length).toBeLessThan(Math.max(expected.total, 41));
    rows.forEach((row, i) => expect(ipOf(row)).toBe(expected.items[i]!.ip));
    const first = expected.items[0]!;
    const cells = within(rows[0]!).getAllByRole('gridcell');
    expect(cells.map((c) => c.getAttribute('data-column'))).toEqual(['actor', 'country', 'activities', 'endpoints', 'subcategories', 'firstSeen', 'lastSeen', 'attempts', 'severity', 'blocked']);
    expect(cells[2]).toHaveTextContent(String(first.activities));
    expect(cells[7]).toHaveTextContent(first.attempts.toLocaleString('en-US'));
    for (const name of ['Actor', 'Country', 'Activities', 'Endpoints', 'Subcategories', 'First seen', 'Last seen', 'Attempts', 'Highest severity', 'Blocked']) {
      expect(header(g, name)).toBeInTheDocument();
    }
    expect(header(g, 'Last seen')).toHaveAttribute('aria-sort', 'descending');
    expect(await axeViolations(container)).toEqual([]);
  });

  test('a header sorts by its field (most first, then reversed), by pointer and by keyboard', async () => {
    const user = userEvent.setup();
    const adapter = memory();
    const sorts: string[] = [];
    renderWithProvider(<ThreatActors onSortChange={(s) => sorts.push(`${s.field}:${s.direction}`)} />, adapter, provider);
    const g = await grid();
    await user.click(within(header(g, 'Attempts')).getByRole('button'));
    await waitFor(() => expect(header(g, 'Attempts')).toHaveAttribute('aria-sort', 'descending'));
    const desc = await adapter.listActors!({ query: createQuery(), sort: { field: 'attempts', direction: 'desc' }, pageSize: 100, signal });
    await waitFor(() => expect(ipOf(bodyRows(g)[0]!)).toBe(desc.items[0]!.ip));
    expect(header(g, 'Last seen')).not.toHaveAttribute('aria-sort');
    within(header(g, 'Attempts')).getByRole('button').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(header(g, 'Attempts')).toHaveAttribute('aria-sort', 'ascending'));
    const asc = await adapter.listActors!({ query: createQuery(), sort: { field: 'attempts', direction: 'asc' }, pageSize: 100, signal });
    await waitFor(() => expect(ipOf(bodyRows(g)[0]!)).toBe(asc.items[0]!.ip));
    expect(sorts).toEqual(['attempts:desc', 'attempts:asc']);
    // Columns the backend cannot sort on offer no button.
    expect(within(header(g, 'Country')).queryByRole('button')).toBeNull();
  });

  test('keyboard: one tab stop, arrows / Home / End move the row focus, Enter opens the actor, Escape closes back to the row', async () => {
    const user = userEvent.setup();
    const opened: Array<string | null> = [];
    renderWithProvider(<ThreatActors onOpenActorIpChange={(ip) => opened.push(ip)} />, memory(), provider);
    const g = await grid();
    await user.tab();
    expect(g).toHaveFocus();
    const focusedRow = () => document.getElementById(g.getAttribute('aria-activedescendant')!)!;
    expect(focusedRow()).toHaveAttribute('aria-rowindex', '2');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedRow()).toHaveAttribute('aria-rowindex', '4');
    await user.keyboard('{ArrowUp}');
    expect(focusedRow()).toHaveAttribute('aria-rowindex', '3');
    await user.keyboard('{End}');
    const last = Number(g.getAttribute('aria-rowcount'));
    await waitFor(() => expect(focusedRow()).toHaveAttribute('aria-rowindex', String(last)));
    await user.keyboard('{Home}');
    await waitFor(() => expect(focusedRow()).toHaveAttribute('aria-rowindex', '2'));
    const ip = ipOf(focusedRow())!;
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('region', { name: `Actor ${ip}` });
    expect(panel).toHaveFocus();
    expect(opened).toEqual([ip]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: `Actor ${ip}` })).toBeNull());
    expect(g).toHaveFocus();
    expect(focusedRow()).toHaveAttribute('aria-rowindex', '2');
    expect(opened).toEqual([ip, null]);
  });

  test('the drilldown lists all the actor’s activities for the query, each opening through onActivityOpen; its facts match the row', async () => {
    const user = userEvent.setup();
    const adapter = memory();
    const asked: string[] = [];
    renderWithProvider(<ThreatActors onActivityOpen={(id) => asked.push(id)} />, adapter, provider);
    const g = await grid();
    const row = bodyRows(g)[0]!;
    const ip = ipOf(row)!;
    await user.click(row);
    const panel = await screen.findByRole('region', { name: `Actor ${ip}` });
    const list = await within(panel).findByRole('list', { name: 'Activities of this actor' });
    const theirs = await adapter.listActivities({ query: createQuery({ filters: { actor: [ip] } }), pageSize: 50, signal });
    const entries = within(list).getAllByRole('button');
    expect(entries).toHaveLength(Math.min(50, theirs.total));
    expect(within(panel).getByText(`Showing ${entries.length} of ${theirs.total}`)).toBeInTheDocument();
    await user.click(entries[0]!);
    expect(asked).toEqual([theirs.items[0]!.id]);
    const actor = (await adapter.listActors!({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 1, signal })).items[0]!;
    const fact = (name: string) => within(panel).getByText(name, { selector: 'dt' }).nextElementSibling!;
    expect(fact('Activities')).toHaveTextContent(String(actor.activities));
    expect(fact('Attempts')).toHaveTextContent(actor.attempts.toLocaleString('en-US'));
    // One timeline across the activities.
    expect(await within(panel).findByRole('listbox', { name: /Attempts over time across this actor/ })).toBeInTheDocument();
  });

  test('Block from the actor drilldown blocks the actor’s IP; the row then says so', async () => {
    const user = userEvent.setup();
    const adapter = memory();
    renderWithProvider(<ThreatActors />, adapter, provider);
    const g = await grid();
    const row = bodyRows(g).find((r) => r.querySelector('[data-slot="actor-blocked"]')?.getAttribute('data-state') === 'unblocked')!;
    const ip = ipOf(row)!;
    await user.click(row);
    const panel = await screen.findByRole('region', { name: `Actor ${ip}` });
    await user.click(await within(panel).findByRole('button', { name: 'Block IP' }));
    const dialog = await screen.findByRole('dialog', { name: 'Block an IP address' });
    expect(within(dialog).getByRole('textbox', { name: /IP/ })).toHaveValue(ip);
    // Escape in the dialog closes the dialog only, not the actor drilldown behind it.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('region', { name: `Actor ${ip}` })).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Block IP' }));
    const again = await screen.findByRole('dialog', { name: 'Block an IP address' });
    await user.click(within(again).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(within(panel).getByRole('button', { name: 'Unblock' })).toBeInTheDocument());
    const blocks = await adapter.listBlocks!({ state: 'active', pageSize: 50, signal });
    expect(blocks.items.map((b) => b.target)).toContain(ip);
    const rowOf = () => bodyRows(g).find((r) => ipOf(r) === ip)!;
    await waitFor(() => expect(rowOf().querySelector('[data-slot="actor-blocked"]')).toHaveAttribute('data-state', 'blocked'));
  });

  test('loading, error with retry, and empty with the filters that caused it', async () => {
    const user = userEvent.setup();
    const inner = memory();
    let calls = 0;
    const failing = createTestAdapter({
      capabilities: { actors: true },
      listActivities: (p) => inner.listActivities(p),
      listActors: (p) => (calls++ === 0 ? Promise.reject(new AdapterError('server', 'boom')) : inner.listActors!(p)),
    });
    const view = renderWithProvider(<ThreatActors />, failing, provider);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the threat actors…');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the threat actors.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await grid()).toBeInTheDocument();
    view.unmount();

    const seen: ActivityQuery[] = [];
    renderWithProvider(<ThreatActors defaultQuery={createQuery({ filters: { host: ['no-such-host.example'] } })} onQueryChange={(q) => seen.push(q)} />, memory(), provider);
    expect(await screen.findByText('No activities match these filters.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(seen.at(-1)!.filters.host).toEqual([]);
    expect(await grid()).toBeInTheDocument();
  });

  test('a new query from the shared filters regroups the actors', async () => {
    const adapter = memory();
    const all = await adapter.listActors!({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 5, signal });
    const ip = all.items[0]!.ip;
    function Host() {
      const [query, setQuery] = useState(createQuery());
      return (
        <>
          <button type="button" onClick={() => setQuery(createQuery({ filters: { actor: [ip] } }))}>
            filter
          </button>
          <ThreatActors query={query} onQueryChange={setQuery} />
        </>
      );
    }
    const user = userEvent.setup();
    renderWithProvider(<Host />, adapter, provider);
    const g = await grid();
    expect(bodyRows(g).length).toBeGreaterThan(1);
    await user.click(screen.getByRole('button', { name: 'filter' }));
    await waitFor(() => expect(bodyRows(g).map(ipOf)).toEqual([ip]));
    expect(screen.getByText('1 actor')).toBeInTheDocument();
  });

  test('attacker-written IPs, labels, countries and subcategories stay text, in the grid and the drilldown', async () => {
    const user = userEvent.setup();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const activity = anActivity({
      id: 'hostile-1',
      actor: { ip: '198.51.100.9<script>', country: '<b>XX</b>', label: hostile },
      subcategory: `${hostile}<svg onload=alert(1)>`,
      endpoint: { method: 'GET', path: '/x"><iframe src=javascript:alert(1)>', host: 'h' },
    });
    const adapter = createTestAdapter({ listActivities: async () => pageOf([activity]), getFacet: async () => ({ options: [] }) as never });
    const { container } = renderWithProvider(<ThreatActors onActivityOpen={() => {}} />, adapter, provider);
    const g = await grid();
    const row = bodyRows(g)[0]!;
    expect(row).toHaveTextContent('198.51.100.9<script>');
    expect(row).toHaveTextContent(hostile);
    expect(row).toHaveTextContent('<b>XX</b>');
    await user.click(row);
    const panel = await screen.findByRole('region', { name: 'Actor 198.51.100.9<script>' });
    await within(panel).findByRole('list', { name: 'Activities of this actor' });
    expect(panel).toHaveTextContent('/x"><iframe src=javascript:alert(1)>');
    expect(container.querySelector('img, script, svg[onload], iframe, b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
