// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EventActions } from '../../../src/components/EventActions';
import { AdapterError } from '../../../src/core/errors';
import type { ActivityStatus } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import { useActivityList } from '../../../src/hooks/useActivityList';
import { createTestAdapter, type TestAdapterInput } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { deferred, makeActivity, makePage, NOW } from './activityFixture';

const provider = { now: () => NOW };

function ListProbe({ status }: { status: ActivityStatus }) {
  const list = useActivityList(createQuery({ status }));
  return (
    <section aria-label={`list ${status}`}>
      <p>
        counts: {list.counts ? `${list.counts.active}/${list.counts.under_review}/${list.counts.ignored}` : '-'} total: {list.total}
      </p>
      <ul>
        {list.rows.map((r) => (
          <li key={r.id}>{r.id}</li>
        ))}
      </ul>
    </section>
  );
}

describe('EventActions: which actions show', () => {
  it.each([
    // "Add reason" opens the optional reason of Mark for Review (see statusReasons.test).
    ['active', ['Mark for Review', 'Ignore', 'Add reason']],
    ['under_review', ['Ignore', 'Reactivate']],
    ['ignored', ['Reactivate']],
  ] as const)('for a %s activity shows %j', (status, labels) => {
    renderWithProvider(<EventActions activity={makeActivity({ status })} />, createTestAdapter());
    const group = screen.getByRole('group', { name: 'Actions for this activity' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(labels);
  });
});

describe('EventActions: status change', () => {
  it('marks for review, tells the host and shows the actions of the new status', async () => {
    const user = userEvent.setup();
    const setStatus = vi.fn().mockResolvedValue({ affected: 1 });
    const onStatusChanged = vi.fn();
    renderWithProvider(<EventActions activity={makeActivity()} onStatusChanged={onStatusChanged} />, createTestAdapter({ setStatus }), { provider });
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('status')).toHaveTextContent('1 activity marked for review.');
    expect(setStatus).toHaveBeenCalledTimes(1);
    expect(setStatus.mock.calls[0]![0]).toMatchObject({ ids: ['act-1'], status: 'under_review' });
    expect(onStatusChanged).toHaveBeenCalledWith({ target: { ids: ['act-1'] }, from: 'active', status: 'under_review', affected: 1 });
    const buttons = within(screen.getByRole('group')).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Ignore', 'Reactivate']);
    // The clicked button is gone; focus stays in the group.
    expect(buttons[0]).toHaveFocus();
  });

  it('is optimistic and rolls back rows and counts on failure, saying why', async () => {
    const user = userEvent.setup();
    const a1 = makeActivity({ id: 'act-1' });
    const a2 = makeActivity({ id: 'act-2' });
    const counts = { active: 2, under_review: 5, ignored: 1 };
    const listActivities = vi.fn(async ({ query }: { query: { status: ActivityStatus } }) =>
      makePage(query.status === 'active' ? [a1, a2] : [], counts),
    );
    const write = deferred<{ affected: number }>();
    const setStatus = vi.fn(() => write.promise);
    const onError = vi.fn();
    renderWithProvider(
      <>
        <ListProbe status="active" />
        <EventActions activity={a1} onError={onError} />
      </>,
      createTestAdapter({ listActivities, setStatus }),
      { provider },
    );
    const list = await screen.findByRole('region', { name: 'list active' });
    await within(list).findByText('act-1');
    expect(list).toHaveTextContent('counts: 2/5/1 total: 2');

    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(() => expect(within(list).queryByText('act-1')).not.toBeInTheDocument());
    expect(list).toHaveTextContent('counts: 1/6/1 total: 1');
    expect(within(list).getByText('act-2')).toBeInTheDocument();

    await act(async () => write.reject(new AdapterError('forbidden', 'nope')));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The status could not be changed; nothing was saved. You do not have permission to do this.');
    expect(within(list).getByText('act-1')).toBeInTheDocument();
    expect(list).toHaveTextContent('counts: 2/5/1 total: 2');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'forbidden' }), 'failed');
    // Back to the actions of the unchanged status.
    expect(screen.getByRole('button', { name: 'Mark for Review' })).toBeInTheDocument();
  });

  it('sends one request for a double click, even within the same frame', async () => {
    const write = deferred<{ affected: number }>();
    const setStatus = vi.fn(() => write.promise);
    renderWithProvider(<EventActions activity={makeActivity({ status: 'ignored' })} />, createTestAdapter({ setStatus }));
    const button = screen.getByRole('button', { name: 'Reactivate' });
    fireEvent.click(button);
    fireEvent.click(button);
    fireEvent.click(button);
    await act(async () => {
      write.resolve({ affected: 1 });
    });
    await screen.findByRole('status');
    expect(setStatus).toHaveBeenCalledTimes(1);
  });

  it('acts on every matching activity by query (minus the unticked ones), after confirming the dry-run count', async () => {
    const user = userEvent.setup();
    const setStatusByQuery = vi.fn().mockResolvedValue({ affected: 1200 });
    const query = createQuery({ status: 'active', search: 'sql' });
    renderWithProvider(
      <EventActions target={{ query, excludeIds: ['x1'] }} count={1200} />,
      createTestAdapter({ setStatusByQuery }),
    );
    expect(screen.getByRole('group', { name: 'Actions for 1,200 selected activities' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move 1,200 activities to Ignored?' });
    expect(setStatusByQuery).toHaveBeenCalledTimes(1);
    expect(setStatusByQuery.mock.calls[0]![0]).toMatchObject({ query, excludeIds: ['x1'], status: 'ignored', dryRun: true });
    await user.click(within(dialog).getByRole('button', { name: 'Move 1,200 activities' }));
    expect(await screen.findByRole('status')).toHaveTextContent('1,200 activities ignored.');
    expect(setStatusByQuery.mock.calls[1]![0]).toMatchObject({ query, excludeIds: ['x1'], status: 'ignored' });
    expect(setStatusByQuery.mock.calls[1]![0]).not.toHaveProperty('dryRun');
  });

  it('moves all matching rows and counts optimistically for a query target, and restores them on failure', async () => {
    const user = userEvent.setup();
    const rows = ['a', 'b', 'c'].map((id) => makeActivity({ id }));
    const counts = { active: 10, under_review: 0, ignored: 4 };
    const listActivities = vi.fn(async ({ query }: { query: { status: ActivityStatus } }) => ({
      ...makePage(query.status === 'active' ? rows : [], counts),
      total: query.status === 'active' ? 10 : 4,
    }));
    const write = deferred<{ affected: number }>();
    const setStatusByQuery = vi.fn((p: { dryRun?: boolean }) => (p.dryRun ? Promise.resolve({ affected: 9 }) : write.promise));
    renderWithProvider(
      <>
        <ListProbe status="active" />
        <EventActions target={{ query: createQuery({ status: 'active' }), excludeIds: ['b'] }} count={9} />
      </>,
      createTestAdapter({ listActivities, setStatusByQuery }),
    );
    const list = await screen.findByRole('region', { name: 'list active' });
    await within(list).findByText('a');
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    // Nothing moves before the confirmation.
    const dialog = await screen.findByRole('dialog', { name: 'Move 9 activities to Ignored?' });
    expect(within(list).getByText('a')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Move 9 activities' }));
    await waitFor(() => expect(within(list).queryByText('a')).not.toBeInTheDocument());
    // The page behind the open (modal) dialog is hidden from the accessibility tree.
    const shownRows = () => within(list).getAllByRole('listitem', { hidden: true }).map((li) => li.textContent);
    expect(shownRows()).toEqual(['b']);
    expect(list).toHaveTextContent('counts: 1/0/13 total: 1');
    await act(async () => write.reject(new AdapterError('server', 'boom')));
    // The failure is said where the analyst is: in the dialog.
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The server failed to handle the request.');
    expect(shownRows()).toEqual(['a', 'b', 'c']);
    expect(list).toHaveTextContent('counts: 10/0/4 total: 10');
  });

  it('explains instead of acting when the backend cannot act by query', async () => {
    const user = userEvent.setup();
    const setStatus = vi.fn();
    const { container } = renderWithProvider(
      <EventActions target={{ query: createQuery({ status: 'under_review' }) }} count={30} />,
      createTestAdapter({ setStatus }),
    );
    const reactivate = screen.getByRole('button', { name: 'Reactivate' });
    expect(reactivate).toHaveAttribute('aria-disabled', 'true');
    expect(reactivate).toHaveAccessibleDescription(/cannot act on all matching activities/);
    await user.click(reactivate);
    expect(setStatus).not.toHaveBeenCalled();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('acts on a selection of ids with the given status', async () => {
    const user = userEvent.setup();
    const setStatus = vi.fn().mockResolvedValue({ affected: 2 });
    renderWithProvider(<EventActions target={{ ids: ['a', 'b'] }} status="under_review" />, createTestAdapter({ setStatus }));
    // On a selection, Ignore is a plain status change (the suppression rule is per activity).
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(await screen.findByRole('status')).toHaveTextContent('2 activities ignored.');
    expect(setStatus.mock.calls[0]![0]).toMatchObject({ ids: ['a', 'b'], status: 'ignored' });
  });
});

describe('EventActions: Ignore dialog', () => {
  const summary =
    'Future detections by policy SQL Injection in body from actor 185.220.101.4 on POST /api/users/{id}/orders (host shop.example.com) will be suppressed.';

  it('is keyboard-operable: traps focus, closes on Escape and restores focus to the trigger', async () => {
    const user = userEvent.setup();
    renderWithProvider(<EventActions activity={makeActivity()} />, createTestAdapter({ ignore: vi.fn() }), { provider });
    await user.tab();
    await user.tab();
    const trigger = screen.getByRole('button', { name: 'Ignore' });
    expect(trigger).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Ignore this activity' });
    expect(dialog).toHaveAccessibleDescription(summary);
    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(trigger).toHaveFocus();
  });

  it('creates the rule with expiry, reason and existing activities, using only the keyboard', async () => {
    const user = userEvent.setup();
    const activity = makeActivity();
    const ignore = vi.fn().mockResolvedValue({
      rule: { id: 'r1', actorIp: activity.actor.ip, endpoint: activity.endpoint, policyId: 'pol-sqli', createdAt: NOW, expiresAt: NOW + 7 * 86_400_000, suppressedCount: 0 },
      affected: 3,
    });
    const setStatus = vi.fn();
    const onStatusChanged = vi.fn();
    const { baseElement } = renderWithProvider(<EventActions activity={activity} onStatusChanged={onStatusChanged} />, createTestAdapter({ ignore, setStatus }), {
      provider,
    });
    screen.getByRole('button', { name: 'Ignore' }).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    expect(await axeViolations(baseElement)).toEqual([]);
    // Radio group: arrow keys move between expiries.
    within(dialog).getByRole('radio', { name: '30 days' }).focus();
    await user.keyboard('{ArrowUp}');
    expect(within(dialog).getByRole('radio', { name: '7 days' })).toBeChecked();
    await user.tab();
    expect(within(dialog).getByRole('checkbox', { name: 'Also ignore existing activities that match this rule' })).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard('Known scanner from pentest');
    // Past the status reason (choice, details) to the footer.
    await user.tab();
    expect(within(dialog).getByRole('combobox', { name: 'Reason' })).toHaveFocus();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Ignore' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(ignore).toHaveBeenCalledTimes(1);
    expect(ignore.mock.calls[0]![0].rule).toEqual({
      actorIp: '185.220.101.4',
      endpoint: { method: 'POST', path: '/api/users/{id}/orders', host: 'shop.example.com' },
      policyId: 'pol-sqli',
      expiresAt: NOW + 7 * 86_400_000,
      reason: 'Known scanner from pentest',
      applyToExisting: true,
    });
    // The rule already covers this activity.
    expect(setStatus).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('Activity ignored.');
    expect(onStatusChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'ignored', affected: 3, rule: expect.objectContaining({ id: 'r1' }) }));
    expect(screen.getByRole('button', { name: 'Reactivate' })).toHaveFocus();
  });

  it('ignores this activity in the same request as the rule, with an idempotency key (no second status request)', async () => {
    const user = userEvent.setup();
    const ignore = vi.fn().mockResolvedValue({ rule: { id: 'r1' }, affected: 1 });
    const setStatus = vi.fn().mockResolvedValue({ affected: 1 });
    renderWithProvider(<EventActions activity={makeActivity()} />, createTestAdapter({ ignore, setStatus }), { provider });
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('radio', { name: 'Never expires' }));
    expect(screen.getByText('The rule never expires; remove it to see these detections again.')).toBeInTheDocument();
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Ignore' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(ignore).toHaveBeenCalledTimes(1);
    const params = ignore.mock.calls[0]![0];
    expect(params.rule).toMatchObject({ expiresAt: null, applyToExisting: false });
    expect(params.rule).not.toHaveProperty('reason');
    expect(params.activityIds).toEqual(['act-1']);
    expect(params.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(setStatus).not.toHaveBeenCalled();
  });

  it('keeps the dialog open with the values when the rule fails, and says why', async () => {
    const user = userEvent.setup();
    const ignore = vi.fn().mockRejectedValue(new AdapterError('conflict', 'exists'));
    renderWithProvider(<EventActions activity={makeActivity()} />, createTestAdapter({ ignore }), { provider });
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: '24 hours' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'noise');
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The activity could not be ignored; nothing was saved. Someone else changed this in the meantime. Reload and try again.',
    );
    expect(within(dialog).getByRole('radio', { name: '24 hours' })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Reason (optional)' })).toHaveValue('noise');
  });

  it('sends one rule for a double submit', async () => {
    const user = userEvent.setup();
    const write = deferred<never>();
    const ignore = vi.fn(() => write.promise);
    renderWithProvider(<EventActions activity={makeActivity()} defaultIgnoreOpen />, createTestAdapter({ ignore }), { provider });
    const submit = within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ignore' });
    fireEvent.click(submit);
    fireEvent.click(submit);
    await user.dblClick(submit);
    expect(ignore).toHaveBeenCalledTimes(1);
    await act(async () => write.reject(new AdapterError('network', 'down')));
  });

  it('explains and falls back to a plain status change when the backend has no suppression rules', async () => {
    const user = userEvent.setup();
    const setStatus = vi.fn().mockResolvedValue({ affected: 1 });
    renderWithProvider(<EventActions activity={makeActivity()} />, createTestAdapter({ setStatus }), { provider });
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveAccessibleDescription(/cannot create suppression rules: only this activity will be marked Ignored/);
    expect(within(dialog).queryByRole('radio')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    await waitFor(() => expect(setStatus).toHaveBeenCalledTimes(1));
    expect(setStatus.mock.calls[0]![0]).toMatchObject({ ids: ['act-1'], status: 'ignored' });
  });

  it('renders attacker-written names as text', async () => {
    const activity = makeActivity({
      policy: { id: 'p', name: '<img src=x onerror=alert(1)>' },
      endpoint: { method: 'GET', path: '/a/<script>alert(1)</script>', host: 'h"><b>x' },
    });
    const { baseElement } = renderWithProvider(<EventActions activity={activity} defaultIgnoreOpen />, createTestAdapter({ ignore: vi.fn() }), { provider });
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(baseElement.querySelector('img, script, b')).toBeNull();
  });
});

describe('EventActions: write modes', () => {
  function listAdapter(setStatus: TestAdapterInput['setStatus']) {
    const a1 = makeActivity({ id: 'act-1' });
    const a2 = makeActivity({ id: 'act-2' });
    const listActivities = vi.fn(async ({ query }: { query: { status: ActivityStatus } }) =>
      makePage(query.status === 'active' ? [a1, a2] : [], { active: 2, under_review: 0, ignored: 0 }),
    );
    return { a1, adapter: createTestAdapter({ listActivities, setStatus }) };
  }

  it('undoable: the row moves at once, nothing is sent during the grace period, and Undo puts it back', async () => {
    const user = userEvent.setup();
    const setStatus = vi.fn().mockResolvedValue({ affected: 1 });
    const { a1, adapter } = listAdapter(setStatus);
    renderWithProvider(
      <>
        <ListProbe status="active" />
        <EventActions activity={a1} mode="undoable" graceMs={60_000} />
      </>,
      adapter,
      { provider },
    );
    const list = await screen.findByRole('region', { name: 'list active' });
    await within(list).findByText('act-1');
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(() => expect(within(list).queryByText('act-1')).not.toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('Saving in a few seconds. Undo to keep the activity as it was.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Undone. Nothing was sent.')).toBeInTheDocument();
    expect(within(list).getByText('act-1')).toBeInTheDocument();
    expect(list).toHaveTextContent('counts: 2/0/0 total: 2');
    expect(setStatus).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Mark for Review' })).toBeInTheDocument();
  });

  it('undoable: sends once the grace period is over', async () => {
    const user = userEvent.setup();
    const setStatus = vi.fn().mockResolvedValue({ affected: 1 });
    const { a1, adapter } = listAdapter(setStatus);
    renderWithProvider(<EventActions activity={a1} mode="undoable" graceMs={50} />, adapter, { provider });
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByText('1 activity marked for review.')).toBeInTheDocument();
    expect(setStatus).toHaveBeenCalledTimes(1);
  });

  it('pessimistic: the list changes only once the backend answered', async () => {
    const user = userEvent.setup();
    const write = deferred<{ affected: number }>();
    const setStatus = vi.fn(() => write.promise);
    const { a1, adapter } = listAdapter(setStatus);
    renderWithProvider(
      <>
        <ListProbe status="active" />
        <EventActions activity={a1} mode="pessimistic" />
      </>,
      adapter,
      { provider },
    );
    const list = await screen.findByRole('region', { name: 'list active' });
    await within(list).findByText('act-1');
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(setStatus).toHaveBeenCalledTimes(1);
    expect(within(list).getByText('act-1')).toBeInTheDocument();
    expect(list).toHaveTextContent('counts: 2/0/0 total: 2');
    await act(async () => write.resolve({ affected: 1 }));
    expect(await screen.findByText('1 activity marked for review.')).toBeInTheDocument();
  });
});
