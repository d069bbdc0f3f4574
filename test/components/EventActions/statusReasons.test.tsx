// @vitest-environment jsdom
/**
 * A reason on Ignore and Mark for Review, as the analyst gives it: Mark for
 * Review stays one click, "Add reason" opens the optional fields, the host's
 * choices replace the catalog's, a required reason blocks the write until
 * given. What the backend keeps (its history) is the check, on the memory
 * adapter; faults come from withFaults.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { withFaults, type FaultOptions } from '../../../src/adapters/withFaults';
import { EventActions } from '../../../src/components/EventActions';
import type { StatusReasonChoice } from '../../../src/components/EventActions';
import type { HistoryEntry } from '../../../src/core/cases';
import { createQuery } from '../../../src/core/query';
import { useActivityDetail } from '../../../src/hooks/useActivityDetail';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';

const signal = () => new AbortController().signal;
const provider = { writeRetry: { retries: 2, delayMs: () => 50 } };
const HOSTILE = '<img src=x onerror=alert(1)>';

interface Props {
  statusReasons?: StatusReasonChoice[];
  requireReason?: boolean;
}

async function setup(props: Props = {}, faults: FaultOptions = {}) {
  const memory = createMemoryAdapter({ seed: 5, activities: 40, hugeActivityAttempts: 0, live: false, currentUserId: 'u-ana' });
  const adapter = withFaults(memory, faults);
  const first = (await memory.listActivities({ query: createQuery({ status: 'active' }), pageSize: 1, signal: signal() })).items[0]!;
  const setStatus = vi.spyOn(adapter, 'setStatus');
  const history = async () => (await memory.listHistory({ activityId: first.id, limit: 100, signal: signal() })).items;
  const statusEntries = async () => (await history()).filter((h): h is Extract<HistoryEntry, { kind: 'status' }> => h.kind === 'status');
  const utils = renderWithProvider(<Probe id={first.id} {...props} />, adapter, { provider });
  await screen.findByRole('group', { name: 'Actions for this activity' });
  return { ...utils, activity: first, setStatus, statusEntries, server: () => memory.getActivity({ id: first.id, signal: signal() }) };
}

function Probe({ id, ...props }: { id: string } & Props) {
  const detail = useActivityDetail(id);
  return detail.data ? <EventActions activity={detail.data} {...props} /> : null;
}

describe('Mark for Review with a reason', () => {
  it('stays one click without a reason; the history has the change and no reason', async () => {
    const user = userEvent.setup();
    const { setStatus, statusEntries, server } = await setup();
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(async () => expect((await server()).status).toBe('under_review'));
    expect(setStatus.mock.calls[0]![0]).not.toHaveProperty('reason');
    const [entry] = await statusEntries();
    expect(entry).toMatchObject({ from: 'active', to: 'under_review' });
    expect(entry!.reason).toBeUndefined();
  });

  it('"Add reason" is a disclosure (keyboard); the choice and text go with the write and are kept in the history', async () => {
    const user = userEvent.setup();
    const { statusEntries, server, container } = await setup();
    const toggle = screen.getByRole('button', { name: 'Add reason' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const fields = screen.getByRole('group', { name: 'Reason for the change (kept in the history)' });
    const select = within(fields).getByRole('combobox', { name: 'Reason' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['No reason given', 'False positive', 'Expected traffic', 'Duplicate', 'Needs investigation']);
    await user.selectOptions(select, 'needs-investigation');
    await user.type(within(fields).getByRole('textbox', { name: 'Details' }), `  ${HOSTILE}  `);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(async () => expect((await server()).status).toBe('under_review'));
    const [entry] = await statusEntries();
    expect(entry!.reason).toEqual({ choice: 'needs-investigation', text: HOSTILE });
    expect(document.querySelector('img')).toBeNull();
  });

  it('required by the host: the write waits for a reason and says so', async () => {
    const user = userEvent.setup();
    const { setStatus, statusEntries, server } = await setup({ requireReason: true, statusReasons: [{ id: 'pentest', label: 'Scheduled pentest' }] });
    expect(screen.queryByRole('button', { name: 'Add reason' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a reason or write one.');
    expect(setStatus).not.toHaveBeenCalled();
    const fields = screen.getByRole('group', { name: 'Reason for the change (kept in the history) (required)' });
    await user.selectOptions(within(fields).getByRole('combobox', { name: 'Reason' }), 'Scheduled pentest');
    expect(screen.queryByText('Choose a reason or write one.')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(async () => expect((await server()).status).toBe('under_review'));
    expect((await statusEntries())[0]!.reason).toEqual({ choice: 'pentest' });
  });

  it('a failed write keeps the reason and says nothing was saved; a retry sends it once', async () => {
    const user = userEvent.setup();
    const { statusEntries, server } = await setup({}, { failOn: { setStatus: { code: 'server', times: 1 } } });
    await user.click(screen.getByRole('button', { name: 'Add reason' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reason' }), 'duplicate');
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/nothing was saved/);
    expect((await server()).status).toBe('active');
    expect(screen.getByRole('combobox', { name: 'Reason' })).toHaveValue('duplicate');
    await user.click(await screen.findByRole('button', { name: 'Mark for Review' }));
    await waitFor(async () => expect((await server()).status).toBe('under_review'));
    const entries = await statusEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.reason).toEqual({ choice: 'duplicate' });
  });

  it('a lost answer (unknown outcome) is checked with the same key and applied once, reason included', async () => {
    const user = userEvent.setup();
    const { setStatus, statusEntries, server } = await setup({}, { failAfterCommitOn: { setStatus: { code: 'network', times: 1 } } });
    await user.click(screen.getByRole('button', { name: 'Add reason' }));
    await user.type(screen.getByRole('textbox', { name: 'Details' }), 'same actor as yesterday');
    await user.click(screen.getByRole('button', { name: 'Mark for Review' }));
    await waitFor(async () => expect((await server()).status).toBe('under_review'));
    await waitFor(() => expect(screen.queryByText(/Checking/)).toBeNull());
    const keys = setStatus.mock.calls.map((c) => (c[0] as { idempotencyKey?: string }).idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    const entries = await statusEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.reason).toEqual({ text: 'same actor as yesterday' });
  });
});

describe('Ignore with a reason', () => {
  it('the dialog keeps the rule reason and adds the status reason; both are kept where they belong', async () => {
    const user = userEvent.setup();
    const { statusEntries, server } = await setup();
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog');
    const fields = within(dialog).getByRole('group', { name: 'Why ignore it (kept in the history)' });
    await user.selectOptions(within(fields).getByRole('combobox', { name: 'Reason' }), 'false-positive');
    await user.type(within(fields).getByRole('textbox', { name: 'Details' }), 'health check bot');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (optional)' }), 'known scanner');
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    await waitFor(async () => expect((await server()).status).toBe('ignored'));
    expect((await statusEntries())[0]!.reason).toEqual({ choice: 'false-positive', text: 'health check bot' });
  });

  it('required: the dialog does not submit without a reason', async () => {
    const user = userEvent.setup();
    const { server } = await setup({ requireReason: true });
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose a reason or write one.');
    expect((await server()).status).toBe('active');
    await user.type(within(dialog).getByRole('textbox', { name: 'Details' }), 'lab traffic');
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    await waitFor(async () => expect((await server()).status).toBe('ignored'));
  });
});
