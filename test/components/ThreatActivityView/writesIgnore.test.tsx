// @vitest-environment jsdom
/**
 * Ignore inside ThreatActivityView: the optimistic update marks the cached
 * detail ignored at once, which used to swap EventActions' buttons and take
 * the pending dialog with it (a failure then said nothing and lost the
 * reason). The dialog must survive, and drafts survive moving between
 * activities.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import { createQuery } from '../../../src/core/query';
import { renderWithProvider } from '../../support/renderWithProvider';
import { mockGridViewport } from '../ThreatActivityList/listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const signal = () => new AbortController().signal;
const provider = { provider: { writeRetry: { retries: 2, delayMs: () => 300 } } };

async function setup(faults: Pick<MemoryAdapterOptions, 'failOn' | 'failAfterCommitOn'> = {}) {
  // Latency lets the optimistic update render before the write fails (as on any real network).
  const adapter = createMemoryAdapter({ seed: 11, activities: 80, hugeActivityAttempts: 0, live: false, latencyMs: 40, ...faults });
  const [first, second] = (await adapter.listActivities({ query: createQuery(), pageSize: 2, signal: signal() })).items;
  renderWithProvider(<ThreatActivityView defaultOpenActivityId={first!.id} />, adapter, provider);
  const region = await screen.findByRole('region', { name: 'Activity details' });
  // Asking the backend takes its latency, while the view settles: inside act, those updates are flushed, not warned about.
  const rules = () => act(async () => (await adapter.listSuppressionRules({ pageSize: 50, signal: signal() })).items);
  const server = () => act(async () => adapter.getActivity({ id: first!.id, signal: signal() }));
  return { adapter, first: first!, second: second!, region, rules, server };
}

async function openIgnore(user: ReturnType<typeof userEvent.setup>, region: HTMLElement) {
  const actions = await within(region).findByRole('group', { name: 'Actions for this activity' });
  await user.click(within(actions).getByRole('button', { name: 'Ignore' }));
  return screen.findByRole('dialog', { name: 'Ignore this activity' });
}

describe('ThreatActivityView: Ignore', () => {
  test('a failed Ignore keeps its dialog open with the reason and says why, though the detail was marked ignored at once', async () => {
    const user = userEvent.setup({ delay: null });
    const { region, rules, server, second } = await setup({ failOn: { ignore: { code: 'server', times: 1 } } });
    const dialog = await openIgnore(user, region);
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'known pentest');
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The activity could not be ignored; nothing was saved. The server failed to handle the request.');
    expect(screen.getByRole('dialog', { name: 'Ignore this activity' })).toBe(dialog);
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('known pentest');
    expect(await rules()).toEqual([]);
    expect((await server()).status).toBe('active');

    // The retry from the same dialog succeeds: one rule, the activity ignored, the dialog closed.
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await rules()).toHaveLength(1);
    expect((await server()).status).toBe('ignored');
    // The activity left the Active list, so the drilldown moved on to the next one (advanceAfterTriage).
    await waitFor(() => expect(within(region).getAllByText(second.endpoint.path).length).toBeGreaterThan(0));
  });

  test('a lost response says "checking" inside the dialog, then ignored, with one rule', async () => {
    const user = userEvent.setup({ delay: null });
    const { region, rules, server } = await setup({ failAfterCommitOn: { ignore: { code: 'network', times: 1 } } });
    const dialog = await openIgnore(user, region);
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    // Found at all is the point: the dialog said "checking" between the lost response and the retry.
    await within(dialog).findByText('Checking whether the activity was ignored…');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await rules()).toHaveLength(1);
    expect((await server()).status).toBe('ignored');
  });

  test('the ignore reason and expiry survive moving to the next activity and back', async () => {
    const user = userEvent.setup({ delay: null });
    const { region, first, second } = await setup();
    let dialog = await openIgnore(user, region);
    await user.click(within(dialog).getByRole('radio', { name: '7 days' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'half typed');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(within(region).getByRole('button', { name: 'Next activity' }));
    await waitFor(() => expect(within(region).getAllByText(second.endpoint.path).length).toBeGreaterThan(0));
    dialog = await openIgnore(user, region);
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(within(region).getByRole('button', { name: 'Previous activity' }));
    await waitFor(() => expect(within(region).getAllByText(first.endpoint.path).length).toBeGreaterThan(0));
    dialog = await openIgnore(user, region);
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('half typed');
    expect(within(dialog).getByRole('radio', { name: '7 days' })).toBeChecked();
  });
});
