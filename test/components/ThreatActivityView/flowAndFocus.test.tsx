// @vitest-environment jsdom
/**
 * Issue 15, "Flow and focus": closing the drilldown returns focus to the
 * list on the row that was open (Back, or Escape from any control in the
 * panel); a triage that takes the open activity out of the list moves on to
 * the next one; the grid's focused row, when it leaves, hands focus to its
 * neighbour instead of the top.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import type { ThreatDeckAdapter } from '../../../src/core/adapter';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import { neighbourStillListed } from '../../../src/components/ThreatActivityList/useRowFocus';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, mockGridViewport } from '../ThreatActivityList/listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const signal = () => new AbortController().signal;

/** The view on a 60-activity memory adapter (`prepare` changes its data first); `rows` are the first six listed. */
async function setup(props: Partial<Parameters<typeof ThreatActivityView>[0]> = {}, prepare?: (adapter: ThreatDeckAdapter) => Promise<unknown>) {
  const adapter = createMemoryAdapter({ seed: 11, activities: 60, hugeActivityAttempts: 0, live: false });
  await prepare?.(adapter);
  const rows = (await adapter.listActivities({ query: props.defaultQuery ?? createQuery(), pageSize: 6, signal: signal() })).items;
  const onOpen = vi.fn();
  renderWithProvider(<ThreatActivityView onOpenActivityChange={onOpen} {...props} />, adapter);
  const grid = await screen.findByRole('grid');
  await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(5));
  return { adapter, rows, onOpen, grid };
}

/** The row the grid's keyboard focus is on (aria-activedescendant). */
function focusedRow(grid: HTMLElement): HTMLElement | null {
  const id = grid.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

function expectFocusOnRowOf(grid: HTMLElement, activity: Activity) {
  expect(grid).toHaveFocus();
  const row = focusedRow(grid);
  expect(row).not.toBeNull();
  expect(within(row!).getByText(activity.endpoint.path)).toBeInTheDocument();
}

describe('ThreatActivityView: flow and focus', () => {
  test('Back returns focus to the list, on the row that was open (also after stepping to the next one)', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows, onOpen, grid } = await setup();
    act(() => grid.focus());
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    expect(region).toHaveFocus();

    await user.click(within(region).getByRole('button', { name: 'Next activity' }));
    expect(onOpen).toHaveBeenLastCalledWith(rows[2]!.id);
    await user.click(within(region).getByRole('button', { name: 'Back to list' }));

    expect(screen.queryByRole('region', { name: 'Activity details' })).not.toBeInTheDocument();
    expectFocusOnRowOf(grid, rows[2]!);
  });

  test('Escape from a control inside the panel (a tab, an action button) closes it and focuses the open row', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows, onOpen, grid } = await setup();
    await user.click(within(bodyRows(grid)[3]!).getAllByRole('gridcell')[2]!);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    await user.click(within(region).getByRole('tab', { name: 'Timeline' }));
    expect(within(region).getByRole('tab', { name: 'Timeline' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(onOpen).toHaveBeenLastCalledWith(null);
    expect(screen.queryByRole('region', { name: 'Activity details' })).not.toBeInTheDocument();
    expectFocusOnRowOf(grid, rows[3]!);

    // Again from an action button in the header.
    await user.keyboard('{Enter}');
    const again = await screen.findByRole('region', { name: 'Activity details' });
    const review = await within(again).findByRole('button', { name: 'Mark for Review' });
    act(() => review.focus());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Activity details' })).not.toBeInTheDocument();
    expectFocusOnRowOf(grid, rows[3]!);
  });

  test('Escape inside a dialog opened from the panel closes only the dialog', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows } = await setup({ defaultOpenActivityId: null });
    await user.click(within(bodyRows(screen.getByRole('grid'))[0]!).getAllByRole('gridcell')[2]!);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    await waitFor(() => expect(within(region).getAllByText(rows[0]!.endpoint.path).length).toBeGreaterThan(0));
    await user.click(await within(region).findByRole('button', { name: 'Ignore' }));
    await screen.findByRole('dialog', { name: 'Ignore this activity' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('region', { name: 'Activity details' })).toBeInTheDocument();
  });

  test('Mark for Review moves on to the next activity, keeps focus in the panel and says so', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows, onOpen, adapter } = await setup({ defaultOpenActivityId: null });
    await user.click(within(bodyRows(screen.getByRole('grid'))[1]!).getAllByRole('gridcell')[2]!);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    await user.click(await within(region).findByRole('button', { name: 'Mark for Review' }));

    await waitFor(() => expect(onOpen).toHaveBeenLastCalledWith(rows[2]!.id));
    await waitFor(() => expect(within(region).getAllByText(rows[2]!.endpoint.path).length).toBeGreaterThan(0));
    expect(within(region).getByText('Moved to Under Review; showing the next activity.')).toHaveAttribute('role', 'status');
    expect(region.contains(document.activeElement)).toBe(true);
    expect((await adapter.getActivity({ id: rows[1]!.id, signal: signal() })).status).toBe('under_review');
  });

  test('Reactivate on Under Review moves on to the next activity still under review', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows, onOpen, adapter, grid } = await setup({ defaultQuery: createQuery({ status: 'under_review' }) }, async (a) => {
      const active = (await a.listActivities({ query: createQuery(), pageSize: 6, signal: signal() })).items;
      await a.setStatus({ ids: active.map((x) => x.id), status: 'under_review', signal: signal() });
    });
    await user.click(within(bodyRows(grid)[1]!).getAllByRole('gridcell')[2]!);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    await user.click(await within(region).findByRole('button', { name: 'Reactivate' }));

    await waitFor(() => expect(onOpen).toHaveBeenLastCalledWith(rows[2]!.id));
    await waitFor(() => expect(within(region).getAllByText(rows[2]!.endpoint.path).length).toBeGreaterThan(0));
    expect(within(region).getByText('Moved to Active; showing the next activity.')).toHaveAttribute('role', 'status');
    expect(region.contains(document.activeElement)).toBe(true);
    expect((await adapter.getActivity({ id: rows[1]!.id, signal: signal() })).status).toBe('active');
  });

  test('with advanceAfterTriage={false} the drilldown stays on the triaged activity', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows, onOpen } = await setup({ advanceAfterTriage: false });
    await user.click(within(bodyRows(screen.getByRole('grid'))[1]!).getAllByRole('gridcell')[2]!);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    await user.click(await within(region).findByRole('button', { name: 'Mark for Review' }));
    expect(await within(region).findByText('1 activity marked for review.')).toBeInTheDocument();
    expect(within(region).getAllByText(rows[1]!.endpoint.path).length).toBeGreaterThan(0);
    expect(onOpen).toHaveBeenLastCalledWith(rows[1]!.id);
  });

  test('when the focused row leaves the list, focus goes to the next row, not the top', async () => {
    const user = userEvent.setup({ delay: null });
    const { rows, grid } = await setup();
    act(() => grid.focus());
    await user.keyboard('{ArrowDown}{ArrowDown}x');
    expectFocusOnRowOf(grid, rows[2]!);
    const toolbar = await screen.findByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Mark for Review' }));
    await waitFor(() => expect(within(grid).queryByText(rows[2]!.endpoint.path)).not.toBeInTheDocument());

    act(() => grid.focus());
    await waitFor(() => expectFocusOnRowOf(grid, rows[3]!));
  });

  test('the neighbour of a row that left is the next one still listed, or the previous when it was last', () => {
    const before = ['a', 'b', 'c', 'd'].map((id) => ({ id }) as Activity);
    const listed = (ids: string[]) => (id: string) => ids.indexOf(id);
    expect(neighbourStillListed(before, 1, listed(['a', 'c', 'd']))).toBe('c');
    // Two rows left at once: the next one that is still there.
    expect(neighbourStillListed(before, 1, listed(['a', 'd']))).toBe('d');
    expect(neighbourStillListed(before, 3, listed(['a', 'b', 'c']))).toBe('c');
    expect(neighbourStillListed(before, 0, listed([]))).toBeNull();
  });
});
