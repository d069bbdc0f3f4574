// @vitest-environment jsdom
/**
 * EventActions under injected faults on the memory adapter: for mark, ignore
 * and reactivate + lift, a failure before the commit, a response lost after
 * the commit, and a definitive error. What the UI says and what the backend
 * holds must agree; a retry never applies twice.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory';
import { EventActions } from '../../../src/components/EventActions';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import { useActivityDetail } from '../../../src/hooks/useActivityDetail';
import { renderWithProvider } from '../../support/renderWithProvider';
import { watchForText } from '../../support/watchForText';

const signal = () => new AbortController().signal;
// Long enough for the "checking" state to be seen between the lost response and the retry.
const provider = { writeRetry: { retries: 2, delayMs: () => 150 } };

async function setup(faults: Pick<MemoryAdapterOptions, 'failOn' | 'failAfterCommitOn'>, prepare?: (adapter: ReturnType<typeof createMemoryAdapter>, a: Activity) => Promise<void>) {
  const adapter = createMemoryAdapter({ seed: 5, activities: 40, hugeActivityAttempts: 0, live: false, ...faults });
  const first = (await adapter.listActivities({ query: createQuery({ status: 'active' }), pageSize: 1, signal: signal() })).items[0]!;
  await prepare?.(adapter, first);
  const spies = {
    setStatus: vi.spyOn(adapter, 'setStatus'),
    ignore: vi.spyOn(adapter, 'ignore'),
  };
  const server = async () => adapter.getActivity({ id: first.id, signal: signal() });
  const rules = async () => (await adapter.listSuppressionRules({ pageSize: 100, signal: signal() })).items;
  renderWithProvider(<Probe id={first.id} />, adapter, { provider });
  await screen.findByRole('group', { name: 'Actions for this activity' });
  return { adapter, activity: first, spies, server, rules };
}

function Probe({ id }: { id: string }) {
  const detail = useActivityDetail(id);
  return detail.data ? <EventActions activity={detail.data} /> : null;
}

const keysOf = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => (c[0] as { idempotencyKey?: string }).idempotencyKey);

describe('Mark for Review under faults', () => {
  it('failure before the commit: says nothing was saved, the backend agrees, and a retry applies it once', async () => {
    const user = userEvent.setup();
    const { spies, server } = await setup({ failOn: { setStatus: { code: 'server', times: 1 } } });
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The status could not be changed; nothing was saved. The server failed to handle the request.');
    expect((await server()).status).toBe('active');
    await user.click(await screen.findByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByText('1 activity marked for review.')).toBeInTheDocument();
    expect((await server()).status).toBe('under_review');
    expect(spies.setStatus).toHaveBeenCalledTimes(2);
    // The retry of the same intent reuses its key.
    expect(new Set(keysOf(spies.setStatus)).size).toBe(1);
  });

  it('response lost after the commit: says "checking", retries with the same key, then says it was saved', async () => {
    const user = userEvent.setup();
    const { spies, server } = await setup({ failAfterCommitOn: { setStatus: { code: 'network', times: 1 } } });
    const checking = watchForText('Checking whether the change was saved…');
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(() => expect(checking.seen()).toBe(true));
    checking.stop();
    expect(await screen.findByText('1 activity marked for review.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(spies.setStatus).toHaveBeenCalledTimes(2);
    const [k1, k2] = keysOf(spies.setStatus);
    expect(k1).toEqual(expect.any(String));
    expect(k2).toBe(k1);
    expect((await server()).status).toBe('under_review');
  });

  it('still unknown after the retries: never "nothing was saved"; the manual retry replays the one outcome', async () => {
    const user = userEvent.setup();
    const { spies, server } = await setup({ failAfterCommitOn: { setStatus: { code: 'timeout', times: 3 } } });
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The change could not be confirmed');
    expect(alert).toHaveTextContent('retrying is safe');
    expect(alert).not.toHaveTextContent('nothing was saved');
    // It was in fact saved.
    expect((await server()).status).toBe('under_review');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1 activity marked for review.')).toBeInTheDocument();
    expect(new Set(keysOf(spies.setStatus)).size).toBe(1);
  });

  it('a definitive error says so, and nothing changed', async () => {
    const user = userEvent.setup();
    const { server } = await setup({ failOn: { setStatus: 'forbidden' } });
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    expect((await server()).status).toBe('active');
    expect(screen.getByRole('button', { name: 'Mark for Review' })).toBeInTheDocument();
  });
});

describe('Ignore under faults', () => {
  async function submitIgnore(user: ReturnType<typeof userEvent.setup>, reason: string) {
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ignore this activity' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), reason);
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    return dialog;
  }

  it('shows what the rule would have matched, from the backend preview', async () => {
    const user = userEvent.setup();
    const { adapter, activity } = await setup({});
    const preview = await adapter.previewSuppressionRule({
      rule: { actorIp: activity.actor.ip, endpoint: activity.endpoint, policyId: activity.policy.id, expiresAt: null, applyToExisting: false },
      signal: signal(),
    });
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog');
    const activities = `${preview.activities} ${preview.activities === 1 ? 'activity' : 'activities'}`;
    const events = `${preview.events.toLocaleString('en')} ${preview.events === 1 ? 'event' : 'events'}`;
    expect(await within(dialog).findByText(`This rule would have matched ${activities} and ${events} in the last 30 days.`)).toBeInTheDocument();
  });

  it('failure before the commit: no rule, no status change, the dialog keeps the reason and says why; the retry makes one rule', async () => {
    const user = userEvent.setup();
    const { spies, server, rules } = await setup({ failOn: { ignore: { code: 'server', times: 1 } } });
    const dialog = await submitIgnore(user, 'pentest scanner');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The activity could not be ignored; nothing was saved. The server failed to handle the request.');
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('pentest scanner');
    expect(await rules()).toEqual([]);
    expect((await server()).status).toBe('active');

    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Activity ignored. Future matching detections will be suppressed.')).toBeInTheDocument();
    const made = await rules();
    expect(made).toHaveLength(1);
    expect(made[0]!.reason).toBe('pentest scanner');
    const after = await server();
    expect(after.status).toBe('ignored');
    expect(after.suppressedBy).toBe(made[0]!.id);
    // One request per attempt: the rule and the status are one operation.
    expect(spies.ignore).toHaveBeenCalledTimes(2);
    expect(spies.setStatus).not.toHaveBeenCalled();
  });

  it('response lost after the commit: "checking", then ignored, with exactly one rule', async () => {
    const user = userEvent.setup();
    const { spies, server, rules } = await setup({ failAfterCommitOn: { ignore: { code: 'network', times: 1 } } });
    const dialog = await submitIgnore(user, 'noise');
    expect(await within(dialog).findByText('Checking whether the activity was ignored…')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Activity ignored. Future matching detections will be suppressed.')).toBeInTheDocument();
    expect(await rules()).toHaveLength(1);
    expect((await server()).status).toBe('ignored');
    const [k1, k2] = keysOf(spies.ignore);
    expect(k2).toBe(k1);
    // The retry sent the very same request (same expiry), so the backend replayed it instead of refusing a conflict.
    expect(spies.ignore.mock.calls[1]![0].rule).toEqual(spies.ignore.mock.calls[0]![0].rule);
  });

  it('a definitive error says so in the dialog and keeps the input', async () => {
    const user = userEvent.setup();
    const { rules } = await setup({ failOn: { ignore: 'rate_limited' } });
    const dialog = await submitIgnore(user, 'keep me');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Too many requests. Try again in a moment.');
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('keep me');
    expect(await rules()).toEqual([]);
  });
});

describe('Reactivate and lift the rule under faults', () => {
  const ignoreFirst = async (adapter: ReturnType<typeof createMemoryAdapter>, a: Activity) => {
    await adapter.ignore({
      rule: { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null, applyToExisting: false },
      activityIds: [a.id],
      signal: signal(),
    });
  };

  async function reactivate(user: ReturnType<typeof userEvent.setup>) {
    await user.click(await screen.findByRole('button', { name: 'Reactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate this activity' });
    expect(within(dialog).getByRole('checkbox', { name: /Also remove the suppression rule/ })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    return dialog;
  }

  it('lifts the rule in the same operation; a failure before the commit keeps both, says so, and the retry lifts once', async () => {
    const user = userEvent.setup();
    const { spies, server, rules } = await setup({ failOn: { setStatus: { code: 'server', times: 1 } } }, ignoreFirst);
    expect(await rules()).toHaveLength(1);
    const dialog = await reactivate(user);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The status could not be changed; nothing was saved.');
    expect(await rules()).toHaveLength(1);
    expect((await server()).status).toBe('ignored');
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Activity reactivated. Its suppression rule was removed.')).toBeInTheDocument();
    expect(await rules()).toEqual([]);
    expect((await server()).status).toBe('active');
    expect(spies.setStatus.mock.calls.every((c) => c[0].liftRules === true)).toBe(true);
  });

  it('response lost after the commit: "checking", then reactivated and lifted (the replay reports the lifted rule)', async () => {
    const user = userEvent.setup();
    const { spies, server, rules } = await setup({ failAfterCommitOn: { setStatus: { code: 'network', times: 1 } } }, ignoreFirst);
    const checking = watchForText('Checking whether the change was saved…');
    await reactivate(user);
    await waitFor(() => expect(checking.seen()).toBe(true));
    checking.stop();
    expect(await screen.findByText('Activity reactivated. Its suppression rule was removed.')).toBeInTheDocument();
    expect(await rules()).toEqual([]);
    expect((await server()).status).toBe('active');
    expect(new Set(keysOf(spies.setStatus)).size).toBe(1);
  });

  it('can reactivate and keep the rule', async () => {
    const user = userEvent.setup();
    const { rules, server } = await setup({}, ignoreFirst);
    await user.click(await screen.findByRole('button', { name: 'Reactivate' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox', { name: /Also remove the suppression rule/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    expect(await screen.findByText('1 activity reactivated.')).toBeInTheDocument();
    expect(await rules()).toHaveLength(1);
    expect((await server()).status).toBe('active');
  });
});
