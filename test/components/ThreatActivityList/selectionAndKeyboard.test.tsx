// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityList, type BulkActionContext } from '../../../src/components/ThreatActivityList';
import type { BulkStatusParams, SetStatusParams } from '../../../src/core/adapter';
import { ThreatDeckProvider } from '../../../src/hooks/ThreatDeckProvider';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivities, mockGridViewport, NOW, pagedList } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const provider = { provider: { now: () => NOW } };
const selected = (grid: HTMLElement) => bodyRows(grid).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.getAttribute('aria-rowindex'));

describe('ThreatActivityList: activation', () => {
  test('click and Enter open the drilldown; the open row is aria-current', async () => {
    const user = userEvent.setup({ delay: null });
    const onOpen = vi.fn();
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(5)) });
    const { rerender } = renderWithProvider(<ThreatActivityList onOpenActivityChange={onOpen} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    await user.click(within(bodyRows(grid)[2]!).getByText('/api/items/{id}/r2'));
    expect(onOpen).toHaveBeenLastCalledWith('act-2');
    expect(grid).toHaveFocus();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith('act-3');

    rerender(
      <ThreatDeckProvider adapter={adapter} now={() => NOW}>
        <ThreatActivityList onOpenActivityChange={onOpen} openActivityId="act-3" />
      </ThreatDeckProvider>,
    );
    const current = bodyRows(screen.getByRole('grid')).filter((r) => r.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveAttribute('aria-rowindex', '5');
  });
});

describe('ThreatActivityList: keyboard (grid pattern)', () => {
  test('one tab stop; arrows, j/k, Home/End, PageUp/PageDown move aria-activedescendant', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(60)) });
    renderWithProvider(<ThreatActivityList pageSize={100} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    const active = () => {
      const id = grid.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.getAttribute('aria-rowindex') : null;
    };
    act(() => grid.focus());
    expect(active()).toBe('2');
    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('3');
    await user.keyboard('jj');
    expect(active()).toBe('5');
    await user.keyboard('k{ArrowUp}');
    expect(active()).toBe('3');
    await user.keyboard('{End}');
    expect(active()).toBe('61');
    await user.keyboard('{Home}');
    expect(active()).toBe('2');
    // 400px viewport, 40px rows: a page is 8 rows.
    await user.keyboard('{PageDown}');
    expect(active()).toBe('10');
    await user.keyboard('{PageUp}');
    expect(active()).toBe('2');
    // The focused row is outlined only through data-focused (styling contract).
    expect(document.getElementById(grid.getAttribute('aria-activedescendant')!)).toHaveAttribute('data-focused');
  });

  test('x and Space toggle, Shift extends a range, Escape clears; aria-selected follows', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(10)) });
    const { container } = renderWithProvider(<ThreatActivityList />, adapter, provider);
    const grid = await screen.findByRole('grid');
    act(() => grid.focus());
    await user.keyboard('x');
    expect(selected(grid)).toEqual(['2']);
    // With a focused, selected row and the selection toolbar shown.
    expect(await axeViolations(container)).toEqual([]);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Shift>}x{/Shift}');
    expect(selected(grid)).toEqual(['2', '3', '4', '5']);
    await user.keyboard('{ArrowDown} ');
    expect(selected(grid)).toEqual(['2', '3', '4', '5', '6']);
    await user.keyboard(' ');
    expect(selected(grid)).toEqual(['2', '3', '4', '5']);
    expect(screen.getByRole('toolbar', { name: 'Bulk actions' })).toHaveTextContent('4 selected');
    await user.keyboard('{Escape}');
    expect(selected(grid)).toEqual([]);
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
  });
});

describe('ThreatActivityList: selection and bulk actions', () => {
  test('checkbox, shift-click range, select all loaded; bulk by ids reports the affected count', async () => {
    const user = userEvent.setup({ delay: null });
    const setStatus = vi.fn(async ({ ids }: SetStatusParams) => ({ affected: ids.length }));
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(6)), setStatus });
    renderWithProvider(<ThreatActivityList />, adapter, provider);
    const grid = await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select GET /api/items/{id}/r1 from 10.0.0.1' }));
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('checkbox', { name: 'Select GET /api/items/{id}/r3 from 10.0.0.3' }));
    await user.keyboard('{/Shift}');
    expect(selected(grid)).toEqual(['3', '4', '5']);

    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(within(toolbar).getByText('3 selected')).toBeInTheDocument();
    // Active tab: the two other statuses are offered.
    expect(within(toolbar).getAllByRole('button').map((b) => b.textContent)).toEqual(['Mark for Review', 'Ignore', 'Clear selection']);
    await user.click(within(toolbar).getByRole('button', { name: 'Mark for Review' }));
    expect(setStatus).toHaveBeenCalledWith(expect.objectContaining({ ids: ['act-1', 'act-2', 'act-3'], status: 'under_review' }));
    expect(await screen.findByText('3 activities moved to Under Review.')).toHaveAttribute('role', 'status');
    expect(selected(screen.getByRole('grid'))).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded activities' }));
    expect(selected(screen.getByRole('grid'))).toHaveLength(6);
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded activities' }));
    expect(selected(screen.getByRole('grid'))).toHaveLength(0);
  });

  test('"select all N that match" dry-runs the query with exclusions, confirms the server count, then writes it', async () => {
    const user = userEvent.setup({ delay: null });
    const setStatusByQuery = vi.fn(async (_p: BulkStatusParams) => ({ affected: 4242 }));
    const rows = makeActivities(250);
    const adapter = createTestAdapter({ listActivities: pagedList(() => rows), setStatusByQuery });
    const slot = vi.fn((ctx: BulkActionContext) => <button type="button">Host action {ctx.count}</button>);
    const { container } = renderWithProvider(<ThreatActivityList pageSize={100} renderBulkActions={slot} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded activities' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Select all 250 activities that match' }));
    expect(toolbar).toHaveTextContent('All 250 activities that match are selected');
    // Untick one: it is excluded.
    act(() => grid.focus());
    await user.keyboard('x');
    expect(toolbar).toHaveTextContent('249 selected');
    expect(within(toolbar).getByRole('button', { name: 'Host action 249' })).toBeInTheDocument();
    expect(slot).toHaveBeenLastCalledWith(expect.objectContaining({ count: 249, target: expect.objectContaining({ query: expect.objectContaining({ status: 'active' }), excludeIds: ['act-0'] }) }));
    expect(await axeViolations(container)).toEqual([]);

    await user.click(within(toolbar).getByRole('button', { name: 'Ignore' }));
    // First a dry run: the confirmation shows the server's count before anything changes.
    const dialog = await screen.findByRole('dialog', { name: 'Move 4,242 activities to Ignored?' });
    expect(setStatusByQuery).toHaveBeenCalledTimes(1);
    expect(setStatusByQuery.mock.calls[0]![0]).toMatchObject({ dryRun: true, status: 'ignored', excludeIds: ['act-0'] });
    await user.click(within(dialog).getByRole('button', { name: 'Move 4,242 activities' }));
    expect(await screen.findByText('4,242 activities moved to Ignored.')).toBeInTheDocument();
    expect(setStatusByQuery).toHaveBeenCalledTimes(2);
    const params = setStatusByQuery.mock.calls[1]![0];
    expect(params.dryRun).toBeUndefined();
    expect(params.status).toBe('ignored');
    expect(params.excludeIds).toEqual(['act-0']);
    expect(params.idempotencyKey).toEqual(expect.any(String));
    expect(params.query).toEqual(expect.objectContaining({ status: 'active', search: '' }));
  });

  test('without bulk-by-query the "select all that match" offer is hidden', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(250)), capabilities: { bulkByQuery: false } });
    renderWithProvider(<ThreatActivityList pageSize={100} />, adapter, provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded activities' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(toolbar).toHaveTextContent('100 selected');
    expect(within(toolbar).queryByRole('button', { name: /that match/ })).toBeNull();
  });

  test('selection resets when the query changes', async () => {
    const user = userEvent.setup({ delay: null });
    const rows = makeActivities(4).map((a, i) => ({ ...a, status: i < 2 ? ('active' as const) : ('ignored' as const) }));
    renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => rows) }), provider);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: /r0 from/ }));
    expect(screen.getByRole('toolbar', { name: 'Bulk actions' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Ignored/ }));
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
    // Ignored tab offers Reactivate and Mark for Review.
    await screen.findByRole('checkbox', { name: /r2 from/ });
    await user.click(screen.getByRole('checkbox', { name: /r2 from/ }));
    expect(within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Reactivate',
      'Mark for Review',
      'Clear selection',
    ]);
  });
});

describe('ThreatActivityList: live updates', () => {
  test('a polite banner counts new activities; rows change only when the user merges', async () => {
    const user = userEvent.setup({ delay: null });
    let rows = makeActivities(3);
    let emit: ((e: Parameters<NonNullable<Parameters<NonNullable<ReturnType<typeof createTestAdapter>['subscribe']>>[0]['onEvent']>>[0]) => void) | null = null;
    const list = vi.fn(pagedList(() => rows));
    const adapter = createTestAdapter({
      listActivities: list,
      subscribe: async ({ onEvent }) => {
        emit = onEvent;
      },
    });
    renderWithProvider(<ThreatActivityList />, adapter, provider);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(emit).not.toBeNull());
    const fresh = makeActivities(2).map((a, i) => ({ ...a, id: `new-${i}`, endpoint: { ...a.endpoint, path: `/fresh/${i}` }, lastSeen: NOW + 1000 }));
    act(() => {
      for (const a of fresh) emit!({ type: 'activity', activity: a, isNew: true });
      emit!({ type: 'activity', activity: fresh[0]!, isNew: true }); // duplicate event
      emit!({ type: 'activity', activity: { ...fresh[1]!, id: 'other-status', status: 'ignored' }, isNew: true });
    });
    const banner = document.querySelector('[data-slot="live-banner"]')!;
    expect(banner).toHaveAttribute('aria-live', 'polite');
    expect(banner).toHaveTextContent('2 new activities');
    // Nothing moved under the cursor.
    expect(bodyRows(grid)).toHaveLength(3);
    const callsBefore = list.mock.calls.length;
    rows = [...fresh, ...rows];
    await user.click(screen.getByRole('button', { name: 'Show new activities' }));
    await waitFor(() => expect(bodyRows(screen.getByRole('grid'))).toHaveLength(5));
    expect(list.mock.calls.length).toBeGreaterThan(callsBefore);
    expect(banner).not.toHaveTextContent(/new/);
  });

  test('no banner region when the adapter cannot subscribe', async () => {
    renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => makeActivities(1)) }), provider);
    await screen.findByRole('grid');
    expect(document.querySelector('[data-slot="live-banner"]')).toBeNull();
  });
});
