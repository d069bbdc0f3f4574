// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { ListActivitiesParams } from '../../../src/core/adapter';
import { AdapterError } from '../../../src/core/errors';
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivities, makeActivity, mockGridViewport, NOW, pagedList } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const provider = { provider: { now: () => NOW, timeZone: 'UTC' } };


describe('ThreatActivityList: rendering and tabs', () => {
  test('shows status tabs with the adapter counts, every column, and is axe-clean', async () => {
    const rows = [
      makeActivity(0, { status: 'active', actor: { ip: '203.0.113.9', country: 'FR' }, endpoint: { method: 'POST', path: '/api/login', host: 'auth.example.com' } }),
      ...makeActivities(3, { status: 'under_review' }).map((a, i) => ({ ...a, id: `r${i}` })),
    ];
    const adapter = createTestAdapter({ listActivities: pagedList(() => rows) });
    const { container } = renderWithProvider(<ThreatActivityList />, adapter, provider);

    const grid = await screen.findByRole('grid', { name: 'Threat activities' });
    expect(screen.getByRole('tab', { name: /Active\s+1/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: /Under Review\s+3/ })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Ignored\s+0/ })).toBeInTheDocument();

    const headers = within(grid).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    expect(headers).toEqual(['', 'Severity', 'Endpoint', 'Host', 'Actor', 'Policy / Subcategory', 'Type', 'Successful exploit', 'Attempts', 'Last seen', 'In triage']);

    const [row] = bodyRows(grid);
    const cells = within(row!).getAllByRole('gridcell');
    expect(cells[1]).toHaveTextContent('Critical');
    expect(cells[2]).toHaveTextContent('POST /api/login');
    expect(cells[3]).toHaveTextContent('auth.example.com');
    expect(cells[4]).toHaveTextContent('203.0.113.9 FR');
    expect(cells[5]).toHaveTextContent('SQL Injection PolicySQL Injection');
    expect(cells[6]).toHaveTextContent('Rule-Based');
    expect(cells[7]).toHaveTextContent('Yes');
    expect(cells[8]).toHaveTextContent('1');
    // Relative for the eye, absolute for everyone (title + visually hidden text).
    const time = cells[9]!.querySelector('time')!;
    expect(time).toHaveAttribute('datetime', new Date(NOW).toISOString());
    expect(time).toHaveTextContent(/now.*Jan 15, 2026/);
    expect(time.getAttribute('title')).toMatch(/Jan 15, 2026/);

    expect(await axeViolations(container)).toEqual([]);
  });

  test('switching tabs puts the status in the query (uncontrolled) and reports it', async () => {
    const user = userEvent.setup({ delay: null });
    const rows = [makeActivity(1), makeActivity(2, { status: 'ignored', id: 'ign' })];
    const list = vi.fn(pagedList(() => rows));
    const onQueryChange = vi.fn();
    renderWithProvider(<ThreatActivityList onQueryChange={onQueryChange} />, createTestAdapter({ listActivities: list }), provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('tab', { name: /Ignored/ }));
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'ignored' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ query: expect.objectContaining({ status: 'ignored' }) })));
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(bodyRows(grid).map((r) => r.querySelector('[data-slot="endpoint-path"]')?.textContent)).toEqual(['/api/items/{id}/r2']));
  });

  test('controlled: the query prop decides the tab; clicks only ask the host', async () => {
    const user = userEvent.setup({ delay: null });
    const onQueryChange = vi.fn();
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(2)) });
    renderWithProvider(<ThreatActivityList query={createQuery({ status: 'active' })} onQueryChange={onQueryChange} />, adapter, provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('tab', { name: /Under Review/ }));
    expect(onQueryChange).toHaveBeenCalledWith(expect.objectContaining({ status: 'under_review' }));
    expect(screen.getByRole('tab', { name: /Active/ })).toHaveAttribute('aria-selected', 'true');
  });

  test('attacker-written values render as text only', async () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const rows = [makeActivity(0, { endpoint: { method: 'GET', path: payload, host: payload }, policy: { id: 'p', name: payload } })];
    renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => rows) }), provider);
    const grid = await screen.findByRole('grid');
    expect(grid.querySelector('img, script')).toBeNull();
    expect(within(grid).getAllByText(payload).length).toBeGreaterThan(0);
  });
});

describe('ThreatActivityList: sort and columns', () => {
  test('sorting goes to the adapter as part of the query; only sortable fields get a sort button', async () => {
    const user = userEvent.setup({ delay: null });
    const list = vi.fn(pagedList(() => makeActivities(3)));
    const onQueryChange = vi.fn();
    const adapter = createTestAdapter({ listActivities: list, capabilities: { sortableFields: ['lastSeen', 'attemptCount'] } });
    renderWithProvider(<ThreatActivityList onQueryChange={onQueryChange} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    const lastSeen = within(grid).getByRole('columnheader', { name: /Last seen/ });
    expect(lastSeen).toHaveAttribute('aria-sort', 'descending');
    expect(within(within(grid).getByRole('columnheader', { name: 'Host' })).queryByRole('button')).toBeNull();

    await user.click(within(grid).getByRole('button', { name: /Attempts/ }));
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.objectContaining({ sort: { field: 'attemptCount', direction: 'desc' } }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ query: expect.objectContaining({ sort: { field: 'attemptCount', direction: 'desc' } }) })));
    expect(within(grid).getByRole('columnheader', { name: /Attempts/ })).toHaveAttribute('aria-sort', 'descending');
    expect(within(grid).getByRole('columnheader', { name: /Last seen/ })).not.toHaveAttribute('aria-sort');

    await user.click(within(grid).getByRole('button', { name: /Attempts/ }));
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.objectContaining({ sort: { field: 'attemptCount', direction: 'asc' } }));
  });

  test('the host sets column visibility and order', async () => {
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(2)) });
    renderWithProvider(
      <ThreatActivityList columnVisibility={{ host: false, type: false }} columnOrder={['lastSeen', 'endpoint', 'severity']} />,
      adapter,
      provider,
    );
    const grid = await screen.findByRole('grid');
    const headers = within(grid).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    expect(headers).toEqual(['', 'Last seen', 'Endpoint', 'Severity', 'Actor', 'Policy / Subcategory', 'Successful exploit', 'Attempts', 'In triage']);
    const firstRowCells = within(bodyRows(grid)[0]!).getAllByRole('gridcell');
    expect(firstRowCells).toHaveLength(9);
    expect(firstRowCells[2]).toHaveTextContent('GET /api/items/{id}/r0');
  });
});

describe('ThreatActivityList: states', () => {
  test('loading shows a skeleton with a status message', async () => {
    const adapter = createTestAdapter({ listActivities: () => new Promise(() => {}) });
    const { container } = renderWithProvider(<ThreatActivityList />, adapter, provider);
    expect(screen.getByText('Loading…')).toHaveAttribute('role', 'status');
    expect(container.querySelector('[data-slot="list-skeleton"]')).toBeInTheDocument();
    expect(screen.queryByRole('grid')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('empty names the filters that caused it and clears them all', async () => {
    const user = userEvent.setup({ delay: null });
    const onQueryChange = vi.fn();
    const adapter = createTestAdapter({ listActivities: pagedList(() => []) });
    const query = createQuery({ search: 'zzz', filters: { severity: ['critical'], host: ['a.example'] }, time: { preset: '24h' }, sort: { field: 'attemptCount', direction: 'asc' } });
    const { container } = renderWithProvider(<ThreatActivityList defaultQuery={query} onQueryChange={onQueryChange} />, adapter, provider);
    expect(await screen.findByText('No activities match these filters.')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Active filters' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Search: zzz',
      'Host: a.example',
      'Severity: Critical',
      'Time range: Last 24 hours',
    ]);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    const cleared: ActivityQuery = onQueryChange.mock.calls.at(-1)![0];
    expect(cleared).toEqual(createQuery({ sort: { field: 'attemptCount', direction: 'asc' } }));
  });

  test('empty without filters says the status is empty', async () => {
    renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => []) }), provider);
    expect(await screen.findByText('No activities with status Active.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear all filters' })).toBeNull();
  });

  test('error shows the typed message and retries', async () => {
    const user = userEvent.setup({ delay: null });
    let fail = true;
    const ok = pagedList(() => makeActivities(2));
    const list = vi.fn(async (p: ListActivitiesParams) => {
      if (fail) throw new AdapterError('forbidden', 'no');
      return ok(p);
    });
    const { container } = renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: list }), provider);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load activities.');
    expect(alert).toHaveTextContent('You do not have permission to do this.');
    expect(await axeViolations(container)).toEqual([]);
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    const grid = await screen.findByRole('grid');
    expect(bodyRows(grid)).toHaveLength(2);
  });

  test('partial: a later page fails, loaded rows stay, an inline error retries that page', async () => {
    const user = userEvent.setup({ delay: null });
    let failSecond = true;
    const ok = pagedList(() => makeActivities(150));
    const list = vi.fn(async (p: ListActivitiesParams) => {
      if (p.cursor && failSecond) throw new AdapterError('network', 'down');
      return ok(p);
    });
    renderWithProvider(<ThreatActivityList pageSize={100} />, createTestAdapter({ listActivities: list }), provider);
    const grid = await screen.findByRole('grid');
    await act(async () => {
      grid.scrollTop = 90 * 40;
      fireEvent.scroll(grid);
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load more activities.');
    expect(alert).toHaveTextContent('The server could not be reached');
    expect(bodyRows(grid).length).toBeGreaterThan(0);
    expect(grid).toHaveAttribute('aria-rowcount', '151');
    failSecond = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await act(async () => {
      grid.scrollTop = 140 * 40;
      fireEvent.scroll(grid);
    });
    await waitFor(() => expect(within(grid).getByText('/api/items/{id}/r149')).toBeInTheDocument());
  });
});

describe('ThreatActivityList: stale responses', () => {
  test('typing fast: older queries that resolve later never replace the latest result', async () => {
    const all = [
      makeActivity(1, { endpoint: { method: 'GET', path: '/a-only', host: 'h' } }),
      makeActivity(2, { endpoint: { method: 'GET', path: '/ab-only', host: 'h' } }),
      makeActivity(3, { endpoint: { method: 'GET', path: '/abc-target', host: 'h' } }),
    ];
    const ok = pagedList(() => all);
    // Older (shorter) searches answer later than newer ones, ignoring abort.
    const delays: Record<string, number> = { '': 0, a: 120, ab: 60, abc: 10 };
    const list = vi.fn(async (p: ListActivitiesParams) => {
      await new Promise((r) => setTimeout(r, delays[p.query.search] ?? 0));
      return ok(p);
    });
    function Host() {
      const [query, setQuery] = useState(createQuery());
      return (
        <>
          <input aria-label="search" value={query.search} onChange={(e) => setQuery({ ...query, search: e.target.value })} />
          <ThreatActivityList query={query} onQueryChange={setQuery} />
        </>
      );
    }
    const user = userEvent.setup({ delay: null });
    renderWithProvider(<Host />, createTestAdapter({ listActivities: list }), provider);
    const grid = await screen.findByRole('grid');
    await user.type(screen.getByLabelText('search'), 'abc');
    const paths = () => bodyRows(screen.getByRole('grid')).map((r) => r.querySelector('[data-slot="endpoint-path"]')?.textContent);
    await waitFor(() => expect(paths()).toEqual(['/abc-target']));
    // Let the older answers land; the list keeps the latest query's rows.
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(paths()).toEqual(['/abc-target']);
    expect(grid.isConnected).toBe(true);
    expect(list.mock.calls.map((c) => c[0].query.search)).toEqual(expect.arrayContaining(['a', 'ab', 'abc']));
  });
});

describe('ThreatActivityList: CSV export', () => {
  test('exports every matching activity through exportActivities, formula-safe', async () => {
    const user = userEvent.setup({ delay: null });
    const loaded = makeActivities(3);
    const all = makeActivities(250).map((a, i) => (i === 7 ? { ...a, endpoint: { ...a.endpoint, host: '=HYPERLINK("http://evil")' } } : a));
    const exportActivities = vi.fn(async function* () {
      yield all.slice(0, 100);
      yield all.slice(100);
    });
    const onExportCsv = vi.fn();
    const adapter = createTestAdapter({ listActivities: pagedList(() => loaded), exportActivities });
    renderWithProvider(<ThreatActivityList onExportCsv={onExportCsv} />, adapter, provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(onExportCsv).toHaveBeenCalledTimes(1));
    expect(exportActivities).toHaveBeenCalledWith(expect.objectContaining({ query: expect.objectContaining({ status: 'active' }) }));
    const [csv, filename] = onExportCsv.mock.calls[0]!;
    const lines = (csv as string).split('\r\n');
    expect(lines[0]).toBe('ID,Status,Severity,Method,Endpoint,Host,Actor IP,Country,Policy,Category,Latest attack subcategory,Type,Successful exploit,Attempts,First seen (UTC),Last seen (UTC)');
    expect(lines).toHaveLength(252); // header + 250 + trailing empty
    expect(lines[8]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(filename).toMatch(/^threat-activities-active-.*\.csv$/);
    expect(screen.getByText('Exported 250 activities.')).toBeInTheDocument();
  });

  test('with case handling, the assignee (user id) and active-since time are the last columns', async () => {
    const user = userEvent.setup({ delay: null });
    const rows = makeActivities(2).map((a, i) => (i === 0 ? { ...a, assigneeId: 'u-ana', activeSince: NOW - 3_600_000 } : a));
    const none = async () => ({ items: [], total: 0, nextCursor: null });
    const cases = { listUsers: none, listNotes: none, listHistory: none, assignActivities: async () => ({ affected: 0 }), addNotes: async () => ({ affected: 0 }), addNote: async () => { throw new AdapterError('server', 'unused'); } };
    const onExportCsv = vi.fn();
    renderWithProvider(<ThreatActivityList onExportCsv={onExportCsv} />, createTestAdapter({ listActivities: pagedList(() => rows), ...cases, capabilities: { cases: true } }), provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(onExportCsv).toHaveBeenCalledTimes(1));
    const lines = (onExportCsv.mock.calls[0]![0] as string).split('\r\n');
    expect(lines[0]).toMatch(/,Last seen \(UTC\),Assignee \(user id\),Active since \(UTC\)$/);
    expect(lines[1]).toMatch(new RegExp(`,u-ana,${new Date(NOW - 3_600_000).toISOString().replace(/[.]/g, '\\.')}$`));
    expect(lines[2]).toMatch(/,,$/);
  });

  test('without exportActivities, pages listActivities to the end; a failure says so', async () => {
    const user = userEvent.setup({ delay: null });
    const all = makeActivities(2500);
    const ok = pagedList(() => all);
    let failExport = true;
    const list = vi.fn(async (p: ListActivitiesParams) => {
      if (p.pageSize === 1000 && failExport) throw new AdapterError('rate_limited', 'slow down');
      return ok(p);
    });
    const onExportCsv = vi.fn();
    renderWithProvider(<ThreatActivityList onExportCsv={onExportCsv} />, createTestAdapter({ listActivities: list }), provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not export the activities.');
    failExport = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(onExportCsv).toHaveBeenCalledTimes(1));
    expect((onExportCsv.mock.calls[0]![0] as string).split('\r\n')).toHaveLength(2502);
    expect(list.mock.calls.filter((c) => c[0].pageSize === 1000).map((c) => c[0].cursor)).toEqual([undefined, undefined, '1000', '2000']);
  });
});
