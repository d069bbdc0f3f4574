// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { FilterBar } from '../../../src/components/FilterBar';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { FacetParams, FacetResult, ListActivitiesParams } from '../../../src/core/adapter';
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivity, mockGridViewport, NOW, pagedList } from '../ThreatActivityList/listTestKit';

stubResizeObserver();
let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const provider = { provider: { now: () => NOW } };
const ACTOR_VALUES = Array.from({ length: 5000 }, (_, i) => `198.51.${Math.floor(i / 250)}.${i % 250}`);

/** Facets like a backend: searchable, limited, with counts. */
function facetFake() {
  return vi.fn(async ({ field, search, limit = 100 }: FacetParams): Promise<FacetResult> => {
    const values =
      field === 'actor'
        ? ACTOR_VALUES
        : field === 'type'
          ? ['rule-based', 'anomaly']
          : field === 'severity'
            ? ['critical', 'high', 'medium', 'low', 'info']
            : field === 'successfulExploit'
              ? ['yes', 'no']
              : [`${field}-a`, `${field}-b`];
    const matching = values.filter((v) => !search || v.includes(search));
    return { field, options: matching.slice(0, limit).map((value, i) => ({ value, count: 1000 - i })), totalOptions: matching.length };
  });
}

describe('FilterBar', () => {
  test('every control is labelled; axe-clean closed and with a filter open', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createTestAdapter({ getFacet: facetFake() });
    const { container } = renderWithProvider(<FilterBar />, adapter, provider);
    const bar = screen.getByRole('search', { name: 'Filters' });
    expect(within(bar).getByRole('searchbox', { name: 'Search activities' })).toBeInTheDocument();
    for (const name of ['Actor', 'URL', 'Host', 'Type', 'Latest Attack Subcategory', 'Successful Exploit', 'Severity']) {
      expect(within(bar).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(within(bar).getByRole('combobox', { name: 'Time range' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Type' }));
    await screen.findByRole('checkbox', { name: /Rule-Based/ });
    expect(await axeViolations(container)).toEqual([]);
  });

  test('search is debounced: fast typing applies once, with the final text', async () => {
    const user = userEvent.setup({ delay: null });
    const onQueryChange = vi.fn();
    renderWithProvider(<FilterBar onQueryChange={onQueryChange} searchDebounceMs={80} />, createTestAdapter({}), provider);
    await user.type(screen.getByRole('searchbox', { name: 'Search activities' }), 'sqli');
    expect(onQueryChange).not.toHaveBeenCalled();
    await waitFor(() => expect(onQueryChange).toHaveBeenCalledTimes(1));
    expect(onQueryChange.mock.calls[0]![0]).toEqual(createQuery({ search: 'sqli' }));
  });

  test('facets: counts from the adapter, searchable, limited for thousands of values, multi-select', async () => {
    const user = userEvent.setup({ delay: null });
    const getFacet = facetFake();
    const onQueryChange = vi.fn();
    renderWithProvider(<FilterBar onQueryChange={onQueryChange} searchDebounceMs={10} facetLimit={50} />, createTestAdapter({ getFacet }), provider);
    await user.click(screen.getByRole('button', { name: 'Actor' }));
    const options = await screen.findByRole('group', { name: 'Actor values' });
    await waitFor(() => expect(within(options).getAllByRole('checkbox')).toHaveLength(50));
    expect(within(options).getByRole('checkbox', { name: '198.51.0.0, 1,000' })).toBeInTheDocument();
    expect(screen.getByText('Showing 50 of 5,000. Type to narrow the list.')).toBeInTheDocument();
    expect(getFacet).toHaveBeenLastCalledWith(expect.objectContaining({ field: 'actor', limit: 50 }));

    await user.type(screen.getByRole('searchbox', { name: 'Search Actor' }), '198.51.19.24');
    await waitFor(() => expect(getFacet).toHaveBeenLastCalledWith(expect.objectContaining({ field: 'actor', search: '198.51.19.24' })));
    await waitFor(() => expect(within(options).getAllByRole('checkbox').map((c) => c.closest('label')?.querySelector('[data-slot="facet-value"]')?.textContent)).toEqual(['198.51.19.24', '198.51.19.240', '198.51.19.241', '198.51.19.242', '198.51.19.243', '198.51.19.244', '198.51.19.245', '198.51.19.246', '198.51.19.247', '198.51.19.248', '198.51.19.249']));
    await user.click(within(options).getByRole('checkbox', { name: /^198\.51\.19\.24,/ }));
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.objectContaining({ filters: expect.objectContaining({ actor: ['198.51.19.24'] }) }));
    await user.click(within(options).getByRole('checkbox', { name: /^198\.51\.19\.249,/ }));
    expect(onQueryChange.mock.lastCall![0].filters.actor).toEqual(['198.51.19.24', '198.51.19.249']);
    expect(screen.getByRole('button', { name: 'Actor: 2 selected' })).toBeInTheDocument();
  });

  test('keyboard only: open a filter, pick a value, close it, remove its chip', async () => {
    const user = userEvent.setup({ delay: null });
    const onQueryChange = vi.fn();
    renderWithProvider(<FilterBar onQueryChange={onQueryChange} searchDebounceMs={10} />, createTestAdapter({ getFacet: facetFake() }), provider);
    await user.tab(); // search box
    expect(screen.getByRole('searchbox', { name: 'Search activities' })).toHaveFocus();
    for (let i = 0; i < 7; i++) await user.tab(); // Actor, URL, Host, Type, Subcategory, Exploit, Severity
    const severity = screen.getByRole('button', { name: 'Severity' });
    expect(severity).toHaveFocus();
    await user.keyboard('{Enter}');
    const critical = await screen.findByRole('checkbox', { name: 'Critical, 1,000' });
    await user.tab();
    expect(critical).toHaveFocus();
    await user.keyboard(' ');
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.objectContaining({ filters: expect.objectContaining({ severity: ['critical'] }) }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Severity values' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Severity: 1 selected' })).toHaveFocus();
    const chip = screen.getByRole('button', { name: 'Remove filter Severity: Critical' });
    chip.focus();
    await user.keyboard('{Enter}');
    expect(onQueryChange.mock.lastCall![0].filters.severity).toEqual([]);
  });

  test('chips for every active filter; remove one; clear all keeps status and sort; time presets', async () => {
    const user = userEvent.setup({ delay: null });
    const onQueryChange = vi.fn();
    const start = createQuery({ status: 'ignored', search: 'login', filters: { host: ['api.example.com'], type: ['anomaly'], successfulExploit: ['yes'] }, sort: { field: 'severity', direction: 'asc' } });
    renderWithProvider(<FilterBar defaultQuery={start} onQueryChange={onQueryChange} />, createTestAdapter({}), provider);
    const chips = screen.getByRole('list', { name: 'Active filters' });
    expect(within(chips).getAllByRole('button').map((b) => b.textContent)).toEqual(['Search: login ×', 'Host: api.example.com ×', 'Type: Anomaly ×', 'Successful Exploit: Yes ×']);
    await user.click(screen.getByRole('button', { name: 'Remove filter Host: api.example.com' }));
    expect(onQueryChange.mock.lastCall![0]).toEqual({ ...start, filters: { ...start.filters, host: [] } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), 'Last 7 days');
    expect(onQueryChange.mock.lastCall![0].time).toEqual({ preset: '7d' });
    expect(within(chips).getByRole('button', { name: 'Remove filter Time range: Last 7 days' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(onQueryChange.mock.lastCall![0]).toEqual(createQuery({ status: 'ignored', sort: { field: 'severity', direction: 'asc' } }));
    expect(screen.queryByRole('list', { name: 'Active filters' })).toBeNull();
    expect(screen.getByRole('searchbox', { name: 'Search activities' })).toHaveValue('');
  });

  test('controlled: the search box follows the query from outside', () => {
    const adapter = createTestAdapter({});
    const { rerender } = renderWithProvider(<FilterBar query={createQuery({ search: 'one' })} />, adapter, provider);
    expect(screen.getByRole('searchbox', { name: 'Search activities' })).toHaveValue('one');
    rerender(
      <FilterBarInProvider adapter={adapter}>
        <FilterBar query={createQuery({ search: 'two' })} />
      </FilterBarInProvider>,
    );
    expect(screen.getByRole('searchbox', { name: 'Search activities' })).toHaveValue('two');
  });

  test('with the list: typing fast, older answers arriving late never replace the latest result', async () => {
    // A few ms between keys: each keystroke commits (debounce 0) and starts its own request.
    const user = userEvent.setup({ delay: 5 });
    const all = ['/s', '/sq', '/sql', '/sqli-target'].map((path, i) => makeActivity(i, { endpoint: { method: 'GET', path, host: 'h' } }));
    const ok = pagedList(() => all);
    const list = vi.fn(async (p: ListActivitiesParams) => {
      // The shorter (older) the search, the later the answer.
      await new Promise((r) => setTimeout(r, p.query.search ? 150 / p.query.search.length : 0));
      return ok(p);
    });
    function Host() {
      const [query, setQuery] = useState<ActivityQuery>(createQuery());
      return (
        <>
          <FilterBar query={query} onQueryChange={setQuery} searchDebounceMs={0} />
          <ThreatActivityList query={query} onQueryChange={setQuery} />
        </>
      );
    }
    renderWithProvider(<Host />, createTestAdapter({ listActivities: list, getFacet: facetFake() }), provider);
    await screen.findByRole('grid');
    await user.type(screen.getByRole('searchbox', { name: 'Search activities' }), 'sqli');
    const paths = () => bodyRows(screen.getByRole('grid')).map((r) => r.querySelector('[data-slot="endpoint-path"]')?.textContent);
    await waitFor(() => expect(paths()).toEqual(['/sqli-target']));
    await new Promise((r) => setTimeout(r, 200));
    expect(paths()).toEqual(['/sqli-target']);
    expect(new Set(list.mock.calls.map((c) => c[0].query.search)).size).toBeGreaterThan(2);
  });
});

import { ThreatDeckProvider } from '../../../src/hooks/ThreatDeckProvider';
import { stubResizeObserver } from '../../support/stubResizeObserver';
function FilterBarInProvider({ adapter, children }: { adapter: ReturnType<typeof createTestAdapter>; children: React.ReactNode }) {
  return (
    <ThreatDeckProvider adapter={adapter} now={() => NOW}>
      {children}
    </ThreatDeckProvider>
  );
}
