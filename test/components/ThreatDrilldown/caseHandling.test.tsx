// @vitest-environment jsdom
/**
 * Case handling in the drilldown as an analyst uses it: the History tab
 * (note composer, history with who/when/what) and the assignee control, on
 * the memory adapter with its demo team; faults from withFaults.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { withFaults, type FaultOptions } from '../../../src/adapters/withFaults';
import { AssigneeControl } from '../../../src/components/Cases/AssigneeControl';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import { MAX_NOTE_LENGTH } from '../../../src/core/cases';
import { createQuery } from '../../../src/core/query';
import { useActivityDetail } from '../../../src/hooks/useActivityDetail';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { installJsdomShims } from './jsdomShims';

beforeAll(() => installJsdomShims());

const signal = () => new AbortController().signal;
const HOSTILE = '<img src=x onerror=alert(1)>';
const provider = { writeRetry: { retries: 2, delayMs: () => 50 } };

function Actions({ id }: { id: string }) {
  const detail = useActivityDetail(id);
  return detail.data ? <AssigneeControl activity={detail.data} currentUserId="u-ana" searchDebounceMs={0} /> : null;
}

async function setup(faults: FaultOptions = {}, users?: { id: string; name: string }[]) {
  const memory = createMemoryAdapter({ seed: 5, activities: 40, hugeActivityAttempts: 0, live: false, currentUserId: 'u-ana', ...(users ? { users } : {}) });
  const adapter = withFaults(memory, faults);
  const activity = (await memory.listActivities({ query: createQuery({ status: 'active', assignee: 'unassigned' }), pageSize: 1, signal: signal() })).items[0]!;
  const addNote = vi.spyOn(adapter, 'addNote');
  const notes = async () => (await memory.listNotes({ activityId: activity.id, limit: 100, signal: signal() })).items;
  const server = () => memory.getActivity({ id: activity.id, signal: signal() });
  const utils = renderWithProvider(<ThreatDrilldown activityId={activity.id} defaultTab="history" actions={<Actions id={activity.id} />} />, adapter, { provider });
  return { ...utils, activity, addNote, notes, server, memory };
}

describe('Drilldown History tab', () => {
  it('is the fifth tab with the cases capability; a note is added by keyboard, counted, kept as text and listed with its author', async () => {
    const user = userEvent.setup();
    const { notes, container } = await setup();
    const tabs = within(screen.getByRole('tablist')).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Overview', 'Timeline', 'Attempt', 'Remediation', 'History']);
    const panel = await screen.findByRole('tabpanel', { name: 'History' });
    const box = within(panel).getByRole('textbox', { name: 'Add a note (plain text, append-only)' });
    await user.type(box, `  ${HOSTILE} seen again  `);
    expect(within(panel).getByText(`${`${HOSTILE} seen again`.length} of 4,000 characters`)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(await within(panel).findByText('Note saved.')).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect((await notes()).map((n) => n.text)).toContain(`${HOSTILE} seen again`);
    const list = await within(panel).findByRole('list', { name: 'History of this activity' });
    const entry = await waitFor(() => {
      const e = within(list).getAllByRole('listitem').find((li) => li.getAttribute('data-kind') === 'note');
      expect(e).toBeDefined();
      return e!;
    });
    expect(entry).toHaveTextContent('Ana Lima');
    expect(entry).toHaveTextContent(`${HOSTILE} seen again`);
    expect(document.querySelector('img')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('a note over the cap is not sent and says why', async () => {
    const user = userEvent.setup();
    const { addNote } = await setup();
    const panel = await screen.findByRole('tabpanel', { name: 'History' });
    const box = within(panel).getByRole('textbox', { name: /Add a note/ });
    await user.click(box);
    await user.paste('x'.repeat(MAX_NOTE_LENGTH + 1));
    expect(within(panel).getByText('4,001 of 4,000 characters: too long')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(addNote).not.toHaveBeenCalled();
    expect(within(panel).getByText('The note is too long to save.')).toBeInTheDocument();
  });

  it('a failed note says nothing was saved and keeps the text', async () => {
    const user = userEvent.setup();
    const { notes } = await setup({ failOn: { addNote: { code: 'server', times: 1 } } });
    const panel = await screen.findByRole('tabpanel', { name: 'History' });
    const before = (await notes()).length;
    await user.type(within(panel).getByRole('textbox', { name: /Add a note/ }), 'keep me');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('The note could not be saved; nothing was saved.');
    expect(within(panel).getByRole('textbox', { name: /Add a note/ })).toHaveValue('keep me');
    expect(await notes()).toHaveLength(before);
  });

  it('a lost answer is retried with the same key (the memory adapter honours keys): one note', async () => {
    const user = userEvent.setup();
    const { notes, addNote } = await setup({ failAfterCommitOn: { addNote: { code: 'network', times: 1 } } });
    const panel = await screen.findByRole('tabpanel', { name: 'History' });
    const before = (await notes()).length;
    await user.type(within(panel).getByRole('textbox', { name: /Add a note/ }), 'only once');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(await within(panel).findByText('Note saved.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(new Set(addNote.mock.calls.map((c) => c[0].idempotencyKey)).size).toBe(1);
    expect((await notes()).filter((n) => n.text === 'only once')).toHaveLength(1);
    expect(await notes()).toHaveLength(before + 1);
  });

  it('an unknown outcome that stays unknown says so, not "nothing was saved"', async () => {
    const user = userEvent.setup();
    await setup({ failAfterCommitOn: { addNote: { code: 'network', times: 10 } } });
    const panel = await screen.findByRole('tabpanel', { name: 'History' });
    await user.type(within(panel).getByRole('textbox', { name: /Add a note/ }), 'maybe');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(await within(panel).findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent(/Could not confirm whether the note was saved/);
    expect(within(panel).getByRole('textbox', { name: /Add a note/ })).toHaveValue('maybe');
  });
});

describe('Drilldown assignee control', () => {
  it('assign to me, then to a user found by search, then unassign — each in the history with names', async () => {
    const user = userEvent.setup();
    const { server } = await setup();
    const button = await screen.findByRole('button', { name: 'Assignee: Unassigned' });
    button.focus();
    await user.keyboard('{Enter}');
    let dialog = await screen.findByRole('dialog', { name: 'Assign this activity' });
    await user.click(within(dialog).getByRole('button', { name: 'Assign to me' }));
    await waitFor(async () => expect((await server()).assigneeId).toBe('u-ana'));
    expect(await screen.findByRole('button', { name: 'Assignee: Ana Lima' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Assignee: Ana Lima' }));
    dialog = await screen.findByRole('dialog', { name: 'Assign this activity' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search users' }), 'ben');
    await waitFor(() => expect(within(dialog).queryByRole('radio', { name: 'Chen Wei' })).toBeNull());
    await user.click(within(dialog).getByRole('radio', { name: 'Ben Okafor' }));
    await waitFor(async () => expect((await server()).assigneeId).toBe('u-ben'));

    await user.click(await screen.findByRole('button', { name: 'Assignee: Ben Okafor' }));
    dialog = await screen.findByRole('dialog', { name: 'Assign this activity' });
    await user.click(within(dialog).getByRole('radio', { name: 'Unassigned' }));
    await waitFor(async () => expect((await server()).assigneeId).toBeUndefined());

    const list = await screen.findByRole('list', { name: 'History of this activity' });
    await waitFor(() => expect(within(list).getAllByRole('listitem').filter((li) => li.getAttribute('data-kind') === 'assignment')).toHaveLength(3));
    const texts = within(list).getAllByRole('listitem').filter((li) => li.getAttribute('data-kind') === 'assignment').map((li) => li.querySelector('[data-slot="history-what"]')!.textContent);
    expect(texts).toEqual(['Unassigned from Ben Okafor', 'Reassigned from Ana Lima to Ben Okafor', 'Assigned to Ana Lima']);
  });

  it('a failed assignment says nothing was saved and shows the assignee as before', async () => {
    const user = userEvent.setup();
    const { server } = await setup({ failOn: { assignActivities: { code: 'server', times: 5 } } });
    await user.click(await screen.findByRole('button', { name: 'Assignee: Unassigned' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Assign to me' }));
    expect(await screen.findByText('The assignee could not be changed; nothing was saved.', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Assignee: Unassigned' })).toBeInTheDocument();
    expect((await server()).assigneeId).toBeUndefined();
  });

  it('hostile user names are text', async () => {
    const user = userEvent.setup();
    await setup({}, [{ id: 'u-ana', name: 'Ana Lima' }, { id: 'u-evil', name: HOSTILE }]);
    await user.click(await screen.findByRole('button', { name: 'Assignee: Unassigned' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('radio', { name: HOSTILE }));
    expect(await screen.findByRole('button', { name: `Assignee: ${HOSTILE}` })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});
