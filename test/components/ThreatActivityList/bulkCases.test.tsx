// @vitest-environment jsdom
/**
 * Bulk assign and bulk note from the selection toolbar, by ids and by query
 * (bounded by what the list showed), on the memory adapter; faults from withFaults.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { withFaults, type FaultOptions } from '../../../src/adapters/withFaults';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { createQuery } from '../../../src/core/query';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, mockGridViewport } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const signal = () => new AbortController().signal;
const provider = { provider: { writeRetry: { retries: 2, delayMs: () => 50 } } };

function setup(faults: FaultOptions = {}) {
  const memory = createMemoryAdapter({ seed: 9, activities: 300, hugeActivityAttempts: 0, live: { intervalMs: 1e9, newActivityRate: 1 }, currentUserId: 'u-ana' });
  const adapter = withFaults(memory, faults);
  const assignedTo = async (userId: string) =>
    (await memory.listActivities({ query: createQuery({ status: 'active', assignee: { userId } }), pageSize: 1, signal: signal() })).total;
  const utils = renderWithProvider(<ThreatActivityList pageSize={50} />, adapter, provider);
  return { ...utils, memory, assignedTo };
}

async function selectFirstRows(user: ReturnType<typeof userEvent.setup>, n: number) {
  const grid = await screen.findByRole('grid');
  const rows = bodyRows(grid).slice(0, n);
  for (const row of rows) await user.click(within(row).getByRole('checkbox'));
}

describe('Selection toolbar: bulk assign and note', () => {
  test('assigns the selected rows (by ids) to a user chosen by keyboard; the dialog says how many', async () => {
    const user = userEvent.setup({ delay: null });
    const { assignedTo, baseElement } = setup();
    const before = await assignedTo('u-chen');
    await selectFirstRows(user, 2);
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Assign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign the selected activities' });
    expect(dialog).toHaveAccessibleDescription(/2 selected activities/);
    const select = within(dialog).getByRole('combobox', { name: 'Assignee' });
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Chen Wei' })).toBeInTheDocument());
    await user.selectOptions(select, 'Chen Wei');
    expect(await axeViolations(baseElement)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Assign 2 activities' }));
    expect(await screen.findByText('2 activities assigned.')).toBeInTheDocument();
    expect(await assignedTo('u-chen')).toBe(before + 2);
  });

  test('by query: "all that match" as the list showed them; later arrivals are left alone', async () => {
    const user = userEvent.setup({ delay: null });
    const { memory, assignedTo } = setup();
    const active = (await memory.listActivities({ query: createQuery({ status: 'active' }), pageSize: 1, signal: signal() })).total;
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all loaded activities' }));
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(toolbar).getByRole('button', { name: /^Select all .* that match$/ }));
    act(() => {
      memory.simulateLiveEvents(3);
    });
    await user.click(within(toolbar).getByRole('button', { name: 'Assign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign the selected activities' });
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Dana Novak' })).toBeInTheDocument());
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Assignee' }), 'Dana Novak');
    await user.click(within(dialog).getByRole('button', { name: `Assign ${active} activities` }));
    expect(await screen.findByText(/activities assigned\.$/)).toBeInTheDocument();
    // Every activity the list showed, and none of the three that arrived later.
    expect(await assignedTo('u-dana')).toBe(active);
    const unassigned = (await memory.listActivities({ query: createQuery({ status: 'active', assignee: 'unassigned' }), pageSize: 1, signal: signal() })).total;
    expect(unassigned).toBeGreaterThanOrEqual(3);
  });

  test('a bulk note: counted, hostile text kept as text; failure says nothing was saved and keeps the text', async () => {
    const user = userEvent.setup({ delay: null });
    const { memory } = setup({ failOn: { addNotes: { code: 'server', times: 1 } } });
    await selectFirstRows(user, 1);
    const toolbar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Add note…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a note to the selected activities' });
    const box = within(dialog).getByRole('textbox', { name: /Add a note/ });
    await user.type(box, '<b>shared</b> campaign');
    expect(within(dialog).getByText('22 of 4,000 characters')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add note to 1 activity' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The note could not be added; nothing was saved.');
    expect(box).toHaveValue('<b>shared</b> campaign');
    await user.click(within(dialog).getByRole('button', { name: 'Add note to 1 activity' }));
    expect(await screen.findByText('Note added to 1 activity.')).toBeInTheDocument();
    expect(document.querySelector('b')).toBeNull();
    // Exactly one activity of those listed got it, once.
    const listed = (await memory.listActivities({ query: createQuery(), pageSize: 50, signal: signal() })).items;
    let found = 0;
    for (const a of listed) found += (await memory.listNotes({ activityId: a.id, limit: 100, signal: signal() })).items.filter((n) => n.text === '<b>shared</b> campaign').length;
    expect(found).toBe(1);
  });

  test('an assignment whose answer stays lost says it could not be confirmed', async () => {
    const user = userEvent.setup({ delay: null });
    setup({ failAfterCommitOn: { assignActivities: { code: 'network', times: 10 } } });
    await selectFirstRows(user, 1);
    await user.click(within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Assign…' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Assign 1 activity' }));
    expect(await within(dialog).findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent(/Could not confirm whether the activities were assigned/);
  });
});
