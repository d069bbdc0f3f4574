// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FilterBar } from '../../../src/components/FilterBar';
import type { ListUsersParams } from '../../../src/core/adapter';
import type { User } from '../../../src/core/cases';
import { AdapterError } from '../../../src/core/errors';
import { createQuery, queryFromSearchParams, queryToSearchParams, type ActivityQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { NOW } from '../ThreatActivityList/listTestKit';
import { stubResizeObserver } from '../../support/stubResizeObserver';

stubResizeObserver();

const HOSTILE = '<img src=x onerror=alert(1)>';
const USERS: User[] = [
  { id: 'u-ana', name: 'Ana Lima' },
  { id: 'u-ben', name: 'Ben Okafor' },
  { id: 'u-evil', name: HOSTILE },
  { id: 'u-gone', name: 'Gone User', deleted: true },
];

function caseMethods(listUsers = vi.fn(async ({ search }: ListUsersParams) => {
  const items = USERS.filter((u) => !search || u.name.toLowerCase().includes(search.toLowerCase()));
  return { items, total: items.length, nextCursor: null };
})) {
  const never = () => Promise.reject(new AdapterError('unsupported', 'not in this test'));
  return { listUsers, assignActivities: never, addNote: never, addNotes: never, listNotes: never, listHistory: never };
}

function renderBar(query: ActivityQuery, adapterMethods = caseMethods()) {
  const onQueryChange = vi.fn();
  const adapter = createTestAdapter({ ...adapterMethods });
  const utils = renderWithProvider(<FilterBar query={query} onQueryChange={onQueryChange} searchDebounceMs={0} />, adapter, { provider: { now: () => NOW } });
  return { ...utils, onQueryChange };
}

describe('FilterBar: assignee filter', () => {
  test('"Assigned to me" and "Unassigned" by keyboard set query.assignee; the URL keeps it', async () => {
    const user = userEvent.setup({ delay: null });
    const { onQueryChange, container } = renderBar(createQuery());
    const trigger = screen.getByRole('button', { name: 'Assignee' });
    trigger.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Assignee' });
    expect(within(dialog).getByRole('radio', { name: 'Anyone' })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: 'Assigned to me' }));
    const me = onQueryChange.mock.lastCall![0] as ActivityQuery;
    expect(me.assignee).toBe('me');
    expect(queryFromSearchParams(queryToSearchParams(me)).assignee).toBe('me');
    expect(await axeViolations(container)).toEqual([]);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(trigger).toHaveFocus();
  });

  test('a specific user from the searchable list; hostile names are text; deleted users are not offered', async () => {
    const user = userEvent.setup({ delay: null });
    const { onQueryChange } = renderBar(createQuery());
    await user.click(screen.getByRole('button', { name: 'Assignee' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('radio', { name: HOSTILE })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(within(dialog).queryByRole('radio', { name: /Gone User/ })).toBeNull();
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search users' }), 'ben');
    await waitFor(() => expect(within(dialog).queryByRole('radio', { name: 'Ana Lima' })).toBeNull());
    await user.click(within(dialog).getByRole('radio', { name: 'Ben Okafor' }));
    const q = onQueryChange.mock.lastCall![0] as ActivityQuery;
    expect(q.assignee).toEqual({ userId: 'u-ben' });
    expect(queryFromSearchParams(queryToSearchParams(q)).assignee).toEqual({ userId: 'u-ben' });
  });

  test('the active assignee is a chip that names the user and removes the filter; Clear all clears it', async () => {
    const user = userEvent.setup({ delay: null });
    const { onQueryChange } = renderBar(createQuery({ assignee: { userId: 'u-evil' } }));
    const chip = await screen.findByRole('button', { name: `Remove filter Assignee: ${HOSTILE}` });
    expect(document.querySelector('img')).toBeNull();
    await user.click(chip);
    expect((onQueryChange.mock.lastCall![0] as ActivityQuery).assignee).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(onQueryChange.mock.lastCall![0]).not.toHaveProperty('assignee');
  });

  test('"Unassigned" chip by keyboard; an unknown user id shows as the id', async () => {
    const user = userEvent.setup({ delay: null });
    const { onQueryChange, unmount } = renderBar(createQuery({ assignee: 'unassigned' }));
    const chip = screen.getByRole('button', { name: 'Remove filter Assignee: Unassigned' });
    chip.focus();
    await user.keyboard('{Enter}');
    expect((onQueryChange.mock.lastCall![0] as ActivityQuery).assignee).toBeUndefined();
    unmount();
    renderBar(createQuery({ assignee: { userId: 'u-nobody' } }));
    expect(await screen.findByRole('button', { name: 'Remove filter Assignee: u-nobody' })).toBeInTheDocument();
  });

  test('a failed user list says so and retries; without case handling there is no assignee filter', async () => {
    const user = userEvent.setup({ delay: null });
    let fail = true;
    const listUsers = vi.fn(async () => {
      if (fail) throw new AdapterError('network', 'down');
      return { items: USERS, total: USERS.length, nextCursor: null };
    });
    const { unmount } = renderBar(createQuery(), caseMethods(listUsers));
    await user.click(screen.getByRole('button', { name: 'Assignee' }));
    const alert = await within(await screen.findByRole('dialog')).findByRole('alert');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('radio', { name: 'Ana Lima' })).toBeInTheDocument();
    unmount();
    renderWithProvider(<FilterBar query={createQuery()} onQueryChange={() => {}} />, createTestAdapter({}), { provider: { now: () => NOW } });
    expect(screen.queryByRole('button', { name: 'Assignee' })).toBeNull();
  });
});
