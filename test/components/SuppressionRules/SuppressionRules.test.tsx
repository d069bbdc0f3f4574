// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SuppressionRules } from '../../../src/components/SuppressionRules';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { AdapterError } from '../../../src/core/errors';
import type { ActivityPage } from '../../../src/core/adapter';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { makeRule, makeRules, NOW, rulesBackend } from './collectionTestKit';

const provider = { provider: { now: () => NOW, timeZone: 'UTC' } };

function rulesAdapter(backend: ReturnType<typeof rulesBackend>, overrides: Parameters<typeof createTestAdapter>[0] = {}) {
  return createTestAdapter({
    listSuppressionRules: backend.listSuppressionRules,
    deleteSuppressionRule: backend.deleteSuppressionRule,
    ...overrides,
    capabilities: { suppressionRules: true, ...overrides.capabilities },
  });
}

// A selector keeps jsdom fast with hundreds of rows (role queries compute styles per node).
const bodyRowsOf = (table: HTMLElement) => [...table.querySelectorAll<HTMLElement>('tbody > tr')];

describe('SuppressionRules', () => {
  test('lists each rule with actor, endpoint, policy, reason, created, expiry, hits and last hit, as text; axe-clean', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const backend = rulesBackend([
      makeRule(1, { actorIp: '203.0.113.9', endpoint: { method: 'POST', host: 'auth.example.com', path: '/login' }, policyId: 'credential-stuffing', reason: hostile, suppressedCount: 1234, lastHitAt: NOW - 5 * 60_000, expiresAt: NOW + 86_400_000 }),
      makeRule(2, { expiresAt: null, lastHitAt: null }),
    ]);
    const { container } = renderWithProvider(<SuppressionRules />, rulesAdapter(backend), provider);

    const table = await screen.findByRole('table', { name: 'Active suppression rules' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Actor', 'Endpoint', 'Policy', 'Reason', 'Created', 'Expires', 'Hits', 'Last hit', 'Actions']);

    const [first, second] = bodyRowsOf(table);
    expect(within(first!).getByRole('rowheader')).toHaveTextContent('203.0.113.9');
    const cells = within(first!).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('POST auth.example.com/login');
    expect(cells[1]).toHaveTextContent('credential-stuffing');
    // Attacker-written text stays text: no element is made from it.
    expect(cells[2]).toHaveTextContent(hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(cells[3]).toHaveTextContent('Jan 15, 2026');
    expect(cells[4]).toHaveTextContent('Jan 16, 2026');
    expect(cells[5]).toHaveTextContent('1,234');
    expect(cells[6]).toHaveTextContent(/5 min\. ago/);
    expect(within(second!).getAllByRole('cell')[4]).toHaveTextContent('Never expires');
    expect(within(second!).getAllByRole('cell')[6]).toHaveTextContent('Never');
    expect(screen.getByText('Showing 2 of 2 rules')).toBeInTheDocument();
    expect(backend.calls[0]).toEqual({ state: 'active', pageSize: 50 });

    expect(await axeViolations(container)).toEqual([]);
  });

  test('Active / Expired tabs ask the backend for that state and report it', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend([makeRule(1, { actorIp: '198.51.100.1' }), makeRule(2, { actorIp: '192.0.2.44', expiresAt: NOW - 3_600_000 })]);
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const adapter = rulesAdapter(backend, {
      listSuppressionRules: async (params) => {
        if (params.state === 'expired') await gate;
        return backend.listSuppressionRules(params);
      },
    });
    const onStateChange = vi.fn();
    renderWithProvider(<SuppressionRules onStateChange={onStateChange} />, adapter, provider);

    await screen.findByRole('table', { name: 'Active suppression rules' });
    expect(screen.queryByText('192.0.2.44')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Expired' }));
    // While the expired rules load, the active ones are not passed off as expired.
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
    expect(screen.queryByText('198.51.100.1')).not.toBeInTheDocument();
    openGate();

    const table = await screen.findByRole('table', { name: 'Expired suppression rules' });
    expect(screen.getByRole('tab', { name: 'Expired' })).toHaveAttribute('aria-selected', 'true');
    expect(within(table).getByRole('rowheader', { name: '192.0.2.44' })).toBeInTheDocument();
    expect(within(table).getByText(/^Expired Jan 15, 2026/)).toBeInTheDocument();
    expect(onStateChange).toHaveBeenLastCalledWith('expired');
    expect(backend.calls.at(-1)).toMatchObject({ state: 'expired' });
  });

  test('search narrows the list on the backend; no match says so and Clear search restores the list', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend([makeRule(1, { reason: 'Pentest by ACME' }), makeRule(2, { reason: 'Uptime probe' })]);
    renderWithProvider(<SuppressionRules />, rulesAdapter(backend), provider);
    const table = await screen.findByRole('table');
    expect(bodyRowsOf(table)).toHaveLength(2);

    const box = screen.getByRole('searchbox', { name: 'Search suppression rules' });
    await user.type(box, 'acme{Enter}');
    await waitFor(() => expect(bodyRowsOf(screen.getByRole('table'))).toHaveLength(1));
    expect(screen.getByRole('table')).toHaveTextContent('Pentest by ACME');
    expect(backend.calls.at(-1)).toMatchObject({ search: 'acme' });

    await user.clear(box);
    await user.type(box, 'nothing-like-this{Enter}');
    expect(await screen.findByText('No suppression rules match “nothing-like-this”.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    await waitFor(() => expect(bodyRowsOf(screen.getByRole('table'))).toHaveLength(2));
    expect(box).toHaveValue('');
  });

  test('pages: Load more fetches the next page until the end, hundreds of rules', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend(makeRules(260, { expiresAt: null }));
    renderWithProvider(<SuppressionRules pageSize={100} />, rulesAdapter(backend), provider);

    const table = await screen.findByRole('table');
    expect(bodyRowsOf(table)).toHaveLength(100);
    expect(screen.getByText('Showing 100 of 260 rules')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(200));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(260));
    expect(screen.getByText('Showing 260 of 260 rules')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(backend.calls.map((c) => c.cursor)).toEqual([undefined, '100', '200']);
  });

  test('everything is reachable with Tab and works with Enter: state tabs, search, the list, each Delete, Load more', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend(makeRules(6, { expiresAt: null }));
    renderWithProvider(<SuppressionRules pageSize={3} />, rulesAdapter(backend), provider);
    await screen.findByRole('table');
    act(() => screen.getByRole('tab', { name: 'Active' }).focus());
    await user.tab();
    expect(screen.getByRole('searchbox', { name: 'Search suppression rules' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('region', { name: 'Active suppression rules' })).toHaveFocus();
    for (const ip of ['198.51.0.1', '198.51.0.2', '198.51.0.3']) {
      await user.tab();
      expect(document.activeElement).toHaveAccessibleName(new RegExp(`^Delete rule for ${ip.replace(/\./g, '\\.')} on`));
    }
    await user.tab();
    expect(screen.getByRole('button', { name: 'Load more' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(bodyRowsOf(screen.getByRole('table'))).toHaveLength(6));
  });

  test('scrolling the end of the list into view loads the next page (infinite scroll)', async () => {
    type Watch = { callback: IntersectionObserverCallback; root: Element | Document | null; targets: Element[] };
    const watches: Watch[] = [];
    class FakeIntersectionObserver {
      private watch: Watch;
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        this.watch = { callback, root: options?.root ?? null, targets: [] };
        watches.push(this.watch);
      }
      observe(target: Element) {
        this.watch.targets.push(target);
      }
      unobserve() {}
      disconnect() {
        this.watch.targets = [];
      }
      takeRecords() {
        return [];
      }
    }
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    try {
      const backend = rulesBackend(makeRules(120, { expiresAt: null }));
      renderWithProvider(<SuppressionRules pageSize={50} />, rulesAdapter(backend), provider);
      const table = await screen.findByRole('table');
      expect(bodyRowsOf(table)).toHaveLength(50);
      const scrollArea = screen.getByRole('region', { name: 'Active suppression rules' });
      const scrolledToEnd = () =>
        act(() => {
          for (const w of watches.filter((w) => w.targets.length > 0 && w.root === scrollArea)) {
            w.callback([{ isIntersecting: true, target: w.targets[0]! } as unknown as IntersectionObserverEntry], {} as IntersectionObserver);
          }
        });
      scrolledToEnd();
      await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(100));
      scrolledToEnd();
      await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(120));
      expect(backend.calls.map((c) => c.cursor)).toEqual([undefined, '50', '100']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('Delete asks first, from the keyboard; Cancel keeps the rule; confirm deletes once, refreshes the activities and moves focus on', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend([makeRule(1, { actorIp: '203.0.113.1' }), makeRule(2, { actorIp: '203.0.113.2' }), makeRule(4, { actorIp: '203.0.113.4' })]);
    const emptyPage: ActivityPage = { items: [], total: 0, totalIsEstimate: false, nextCursor: null, counts: { active: 0, under_review: 0, ignored: 0 } };
    const listActivities = vi.fn(async () => emptyPage);
    const adapter = rulesAdapter(backend, { listActivities });
    const deleteSpy = vi.spyOn(adapter, 'deleteSuppressionRule');
    renderWithProvider(
      <>
        <ThreatActivityList />
        <SuppressionRules />
      </>,
      adapter,
      provider,
    );
    await screen.findByRole('table');
    await waitFor(() => expect(listActivities).toHaveBeenCalledTimes(1));

    const deleteSecond = screen.getByRole('button', { name: /^Delete rule for 203\.0\.113\.2 on/ });
    act(() => deleteSecond.focus());
    await user.keyboard('{Enter}');
    let dialog = await screen.findByRole('dialog', { name: 'Delete this suppression rule?' });
    expect(dialog).toHaveTextContent(/from actor 203\.0\.113\.2 on DELETE payments\.example\.com\/api\/v1\/items\/\{id\}\/r2 will show again/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deleteSecond).toHaveFocus();
    expect(deleteSpy).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    dialog = await screen.findByRole('dialog', { name: 'Delete this suppression rule?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete rule' });
    await user.dblClick(confirm);

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deleteSpy).toHaveBeenCalledTimes(1);
    expect(deleteSpy.mock.calls[0]![0]).toMatchObject({ ruleId: 'rule-2' });
    expect(await screen.findByText('Suppression rule for 203.0.113.2 deleted.')).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).queryByRole('rowheader', { name: '203.0.113.2' })).not.toBeInTheDocument();
    // The row's successor takes focus, so the analyst can go on from there.
    expect(screen.getByRole('button', { name: /^Delete rule for 203\.0\.113\.4 on/ })).toHaveFocus();
    await waitFor(() => expect(listActivities).toHaveBeenCalledTimes(2));
  });

  test('a failed delete keeps the dialog open and says why; a retry succeeds', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend([makeRule(1, { actorIp: '203.0.113.1' })]);
    let fail = true;
    const adapter = rulesAdapter(backend, {
      deleteSuppressionRule: async (params) => {
        if (fail) throw new AdapterError('forbidden', 'no');
        return backend.deleteSuppressionRule(params);
      },
    });
    renderWithProvider(<SuppressionRules />, adapter, provider);
    await user.click(await screen.findByRole('button', { name: /^Delete rule for 203\.0\.113\.1/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The rule was not deleted. You do not have permission to do this.');
    expect(await axeViolations(document.body)).toEqual([]);
    expect(screen.getByRole('dialog')).toBe(dialog);
    // The list behind the modal still holds the rule.
    expect(within(screen.getByRole('table', { hidden: true })).getByText('203.0.113.1')).toBeInTheDocument();

    fail = false;
    await user.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('No active suppression rules. A rule is created when an activity is ignored.')).toBeInTheDocument();
  });

  test('a delete whose answer was lost is not reported as "not deleted"; repeating it is safe (already gone counts as deleted)', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend([makeRule(1, { actorIp: '203.0.113.1' }), makeRule(2, { actorIp: '203.0.113.2' })]);
    let dropAnswer = true;
    const adapter = rulesAdapter(backend, {
      deleteSuppressionRule: async (params) => {
        if (!dropAnswer) return backend.deleteSuppressionRule(params);
        // The server commits (or already had); every answer is lost on the way back.
        await backend.deleteSuppressionRule(params).catch(() => undefined);
        throw new AdapterError('network', 'connection reset');
      },
    });
    renderWithProvider(<SuppressionRules />, adapter, provider);
    await user.click(await screen.findByRole('button', { name: /^Delete rule for 203\.0\.113\.1/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    // (A write hook that re-checks lost answers before giving up may take a few seconds.)
    const alert = await within(dialog).findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('may already be deleted');
    expect(alert).not.toHaveTextContent('not deleted');

    dropAnswer = false;
    await user.click(within(dialog).getByRole('button', { name: 'Delete rule' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Suppression rule for 203.0.113.1 deleted.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('table')).queryByRole('rowheader', { name: '203.0.113.1' })).not.toBeInTheDocument());
    expect(backend.deleted[0]).toBe('rule-1');
    expect(new Set(backend.deleted)).toEqual(new Set(['rule-1']));
    expect(backend.store.rules.map((r) => r.id)).toEqual(['rule-2']);
  });

  test('a failed load says why and Retry loads the rules; a failed next page keeps the loaded rules', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = rulesBackend(makeRules(30, { expiresAt: null }));
    let failures = 1;
    let failNext = false;
    const adapter = rulesAdapter(backend, {
      listSuppressionRules: async (params) => {
        if (failures > 0) {
          failures--;
          throw new AdapterError('network', 'down');
        }
        if (failNext && params.cursor) throw new AdapterError('server', 'boom');
        return backend.listSuppressionRules(params);
      },
    });
    renderWithProvider(<SuppressionRules pageSize={20} />, adapter, provider);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load suppression rules. The server could not be reached.');
    failNext = true;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    const table = await screen.findByRole('table');
    expect(bodyRowsOf(table)).toHaveLength(20);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    const partial = await screen.findByRole('alert');
    expect(partial).toHaveTextContent('Could not load more suppression rules.');
    expect(bodyRowsOf(table)).toHaveLength(20);
    failNext = false;
    await user.click(within(partial).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(bodyRowsOf(table)).toHaveLength(30));
  });

  test('a malformed rule from the backend is a typed error, not a crash', async () => {
    const adapter = createTestAdapter({
      capabilities: { suppressionRules: true },
      listSuppressionRules: async () => ({ items: [{ ...makeRule(1), endpoint: null }], total: 1, nextCursor: null }) as never,
    });
    renderWithProvider(<SuppressionRules />, adapter, provider);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server sent data threatdeck could not read.');
  });

  test('loading, unsupported and read-only backends say what they are', async () => {
    const loading = renderWithProvider(
      <SuppressionRules />,
      createTestAdapter({ capabilities: { suppressionRules: true }, listSuppressionRules: () => new Promise(() => undefined) }),
      provider,
    );
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Suppression rules' })).toHaveAttribute('data-status', 'loading');
    loading.unmount();

    const unsupported = renderWithProvider(<SuppressionRules />, createTestAdapter(), provider);
    expect(screen.getByText('This backend does not list suppression rules.')).toBeInTheDocument();
    unsupported.unmount();

    const backend = rulesBackend([makeRule(1)]);
    renderWithProvider(<SuppressionRules />, createTestAdapter({ capabilities: { suppressionRules: true }, listSuppressionRules: backend.listSuppressionRules }), provider);
    const table = await screen.findByRole('table');
    expect(within(table).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    expect(screen.getByText('This backend cannot delete suppression rules.')).toBeInTheDocument();
  });
});
