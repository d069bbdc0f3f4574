// @vitest-environment jsdom
/**
 * The selection toolbar's writes: bounded by what the list showed (asOf),
 * confirmed with the server's dry-run count, one write per activity whoever
 * asks, and honest under injected faults.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory';
import { EventActions } from '../../../src/components/EventActions';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { BulkStatusParams, SetStatusParams } from '../../../src/core/adapter';
import { AdapterError, type AdapterErrorCode } from '../../../src/core/errors';
import { createQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { deferred, makeActivities, mockGridViewport, NOW, pagedList } from './listTestKit';
import { watchForText } from '../../support/watchForText';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const signal = () => new AbortController().signal;
const provider = { provider: { writeRetry: { retries: 2, delayMs: () => 150 } } };

function memory(options: Partial<MemoryAdapterOptions> = {}) {
  // New live events are always new activities (an interval long enough never to tick by itself).
  return createMemoryAdapter({ seed: 9, activities: 400, hugeActivityAttempts: 0, live: { intervalMs: 1e9, newActivityRate: 1 }, ...options });
}

const countOf = async (adapter: MemoryAdapter, status: 'active' | 'under_review' | 'ignored') =>
  (await adapter.listActivities({ query: createQuery({ status }), pageSize: 1, signal: signal() })).total;

/** Counts per status now, to compare against after a write. */
async function baseline(adapter: MemoryAdapter) {
  return { active: await countOf(adapter, 'active'), under_review: await countOf(adapter, 'under_review'), ignored: await countOf(adapter, 'ignored') };
}

/** Faults on the real bulk write only (the dry run before it is a read and must answer). */
function faultBulkWrite(adapter: MemoryAdapter, when: 'before' | 'after', code: AdapterErrorCode, times = 1) {
  const real = adapter.setStatusByQuery.bind(adapter);
  let n = 0;
  const spy = vi.fn(async (params: BulkStatusParams) => {
    if (params.dryRun) return real(params);
    n++;
    if (n <= times && when === 'before') throw new AdapterError(code, 'Injected failure.');
    const result = await real(params);
    if (n <= times) throw new AdapterError(code, 'Injected lost response.');
    return result;
  });
  adapter.setStatusByQuery = spy;
  return spy;
}

async function selectAllMatching(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('grid');
  await user.click(screen.getByRole('checkbox', { name: 'Select all loaded activities' }));
  const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
  await user.click(within(toolbar).getByRole('button', { name: /^Select all .* that match$/ }));
  return toolbar;
}

describe('Selection toolbar: "select all N matching" is bounded by what the list showed', () => {
  test('activities that arrive after the list loaded are neither counted nor changed (564 shown → 564 affected)', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    const before = await baseline(adapter);
    const shown = before.active;
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
    const toolbar = await selectAllMatching(user);
    expect(toolbar).toHaveTextContent(`All ${shown} activities that match are selected`);

    // Live traffic: new activities in this status after the analyst looked.
    act(() => {
      adapter.simulateLiveEvents(3);
    });
    expect(await countOf(adapter, 'active')).toBe(shown + 3);

    await user.click(within(toolbar).getByRole('button', { name: 'Mark for Review' }));
    const dialog = await screen.findByRole('dialog', { name: `Move ${shown} activities to Under Review?` });
    expect(dialog).toHaveAccessibleDescription(/The server counted \d+ activities in your selection as the list showed it/);
    // Nothing changed before the confirmation.
    expect(await countOf(adapter, 'under_review')).toBe(before.under_review);
    await user.click(within(dialog).getByRole('button', { name: `Move ${shown} activities` }));
    expect(await screen.findByText(`${shown} activities moved to Under Review.`)).toBeInTheDocument();
    expect(await countOf(adapter, 'under_review')).toBe(before.under_review + shown);
    expect(await countOf(adapter, 'active')).toBe(3);
  });

  test('cancelling the confirmation changes nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    const before = await baseline(adapter);
    const shown = before.active;
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
    const toolbar = await selectAllMatching(user);
    await user.click(within(toolbar).getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog', { name: `Move ${shown} activities to Ignored?` });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await countOf(adapter, 'ignored')).toBe(before.ignored);
    expect(screen.getByRole('toolbar', { name: 'Bulk actions' })).toHaveTextContent(`All ${shown} activities that match are selected`);
  });
});

describe('Selection toolbar: bulk by query under faults', () => {
  test('failure before the commit: nothing moved, the dialog says so, the selection stays; the retry moves them once', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    const spy = faultBulkWrite(adapter, 'before', 'server');
    const before = await baseline(adapter);
    const shown = before.active;
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
    const toolbar = await selectAllMatching(user);
    await user.click(within(toolbar).getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog', { name: `Move ${shown} activities to Ignored?` });
    await user.click(within(dialog).getByRole('button', { name: `Move ${shown} activities` }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not change the status. The server failed to handle the request.');
    expect(await countOf(adapter, 'ignored')).toBe(before.ignored);
    await user.click(within(dialog).getByRole('button', { name: `Move ${shown} activities` }));
    expect(await screen.findByText(`${shown} activities moved to Ignored.`)).toBeInTheDocument();
    expect(await countOf(adapter, 'ignored')).toBe(before.ignored + shown);
    const writes = spy.mock.calls.filter((c) => !c[0].dryRun);
    expect(writes).toHaveLength(2);
    expect(writes[1]![0].idempotencyKey).toBe(writes[0]![0].idempotencyKey);
  });

  test('response lost after the commit: "checking", then the one outcome, moved once', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    const spy = faultBulkWrite(adapter, 'after', 'network');
    const before = await baseline(adapter);
    const shown = before.active;
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
    const toolbar = await selectAllMatching(user);
    await user.click(within(toolbar).getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog', { name: `Move ${shown} activities to Ignored?` });
    const checking = watchForText('Checking whether the change was saved…');
    await user.click(within(dialog).getByRole('button', { name: `Move ${shown} activities` }));
    await waitFor(() => expect(checking.seen()).toBe(true));
    checking.stop();
    // The replay answers with the first outcome: all of them, not "0 moved" from a second application.
    expect(await screen.findByText(`${shown} activities moved to Ignored.`)).toBeInTheDocument();
    expect(await countOf(adapter, 'ignored')).toBe(before.ignored + shown);
    expect(spy.mock.calls.filter((c) => !c[0].dryRun)).toHaveLength(2);
  });

  test('a definitive error says so and changes nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory();
    faultBulkWrite(adapter, 'before', 'forbidden', 99);
    const before = await baseline(adapter);
    const shown = before.active;
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
    const toolbar = await selectAllMatching(user);
    await user.click(within(toolbar).getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: `Move ${shown} activities` }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    expect(await countOf(adapter, 'ignored')).toBe(before.ignored);
  });
});

describe('Selection toolbar: bulk by ids under faults', () => {
  test('failure before the commit keeps the selection and says so; lost response says "checking" then the count', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = memory({ failOn: { setStatus: { code: 'server', times: 1 } }, failAfterCommitOn: { setStatus: { code: 'network', times: 1 } } });
    const spy = vi.spyOn(adapter, 'setStatus');
    const before = await baseline(adapter);
    renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(within(grid).getAllByRole('checkbox').length).toBeGreaterThan(3));
    const boxes = within(grid).getAllByRole('checkbox').slice(1, 3);
    for (const box of boxes) await user.click(box);
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not change the status. The server failed to handle the request.');
    expect(screen.getByRole('toolbar', { name: 'Bulk actions' })).toHaveTextContent('2 selected');
    expect(await countOf(adapter, 'under_review')).toBe(before.under_review);

    const checking = watchForText('Checking whether the change was saved…');
    await user.click(within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Mark for Review' }));
    await waitFor(() => expect(checking.seen()).toBe(true));
    checking.stop();
    expect(await screen.findByText('2 activities moved to Under Review.')).toBeInTheDocument();
    expect(await countOf(adapter, 'under_review')).toBe(before.under_review + 2);
    expect(new Set(spy.mock.calls.map((c) => c[0].idempotencyKey)).size).toBe(1);
  });
});

describe('Selection toolbar: one write per activity', () => {
  test('a double click in one frame sends one write', async () => {
    const user = userEvent.setup({ delay: null });
    const write = deferred<{ affected: number }>();
    const setStatus = vi.fn((_p: SetStatusParams) => write.promise);
    const adapter = createTestAdapter({ listActivities: pagedList(() => makeActivities(5)), setStatus });
    renderWithProvider(<ThreatActivityList />, adapter, { provider: { now: () => NOW } });
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select GET /api/items/{id}/r1 from 10.0.0.1' }));
    const button = within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Mark for Review' });
    fireEvent.click(button);
    fireEvent.click(button);
    await act(async () => write.resolve({ affected: 1 }));
    expect(await screen.findByText('1 activity moved to Under Review.')).toBeInTheDocument();
    expect(setStatus).toHaveBeenCalledTimes(1);
  });

  test('EventActions and the toolbar cannot both write one activity', async () => {
    const user = userEvent.setup({ delay: null });
    const rows = makeActivities(5);
    const write = deferred<{ affected: number }>();
    const setStatus = vi.fn((_p: SetStatusParams) => write.promise);
    const adapter = createTestAdapter({ listActivities: pagedList(() => rows), setStatus });
    renderWithProvider(
      <>
        <ThreatActivityList />
        <EventActions activity={rows[1]!} />
      </>,
      adapter,
      { provider: { now: () => NOW } },
    );
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select GET /api/items/{id}/r1 from 10.0.0.1' }));
    const actions = screen.getByRole('group', { name: 'Actions for this activity' });
    await user.click(within(actions).getByRole('button', { name: 'Mark for Review' }));
    expect(setStatus).toHaveBeenCalledTimes(1);

    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    const ignore = within(toolbar).getByRole('button', { name: 'Ignore' });
    // The toolbar shows that a write holds the selected activity.
    expect(ignore).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(ignore);
    expect(setStatus).toHaveBeenCalledTimes(1);
    await act(async () => write.resolve({ affected: 1 }));
  });
});
