// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CreateWorkItem } from '../../../src/components/CreateWorkItem';
import type { TestAdapterInput } from '../../../src/testing/createTestAdapter';
import { AdapterError } from '../../../src/core/errors';
import type { CreatedWorkItem, WorkItemTarget } from '../../../src/core/model';
import { useActivityDetail } from '../../../src/hooks/useActivityDetail';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { deferred, makeActivity, makeAttempt, NOW } from '../EventActions/activityFixture';

const provider = { now: () => NOW, timeZone: 'UTC' };
const SECRET = 'Bearer s3cr3t-token';

const TARGETS: WorkItemTarget[] = [
  {
    id: 'jira-sec-bug',
    system: 'jira',
    label: 'SEC · Bug',
    fields: [
      { id: 'summary', label: 'Summary', type: 'text', required: true, role: 'title', maxLength: 255 },
      { id: 'description', label: 'Description', type: 'longtext', required: true, role: 'description' },
      { id: 'priority', label: 'Priority', type: 'select', required: true, options: [{ value: 'high', label: 'High' }, { value: 'low', label: 'Low' }] },
      { id: 'labels', label: 'Labels', type: 'labels', required: false, options: [{ value: 'security', label: 'security' }] },
      { id: 'assignee', label: 'Assignee', type: 'assignee', required: false, options: [{ value: 'kchen', label: 'Kai Chen' }] },
    ],
  },
  {
    id: 'azure-issue',
    system: 'azure-boards',
    label: 'Azure Boards · Issue',
    fields: [
      { id: 'title', label: 'Title', type: 'text', required: true, role: 'title' },
      { id: 'area', label: 'Area path', type: 'select', required: true, options: [{ value: 'Security', label: 'Security' }] },
    ],
  },
];

const attempt = makeAttempt();

function adapterWith(overrides: TestAdapterInput = {}) {
  const created: CreatedWorkItem = { targetId: 'jira-sec-bug', key: 'SEC-123', url: 'https://jira.example.com/browse/SEC-123', createdAt: NOW };
  const createWorkItem = vi.fn().mockResolvedValue(created);
  const listWorkItemTargets = vi.fn().mockResolvedValue(TARGETS);
  const getActivity = vi.fn().mockResolvedValue({ ...makeActivity(), description: '', details: '', impact: '', references: [] });
  return {
    createWorkItem,
    listWorkItemTargets,
    getActivity,
    adapter: createTestAdapter({
      createWorkItem,
      listWorkItemTargets,
      getActivity,
      listAttempts: vi.fn().mockResolvedValue({ items: [attempt], total: 1, nextCursor: null }),
      getRemediation: vi.fn().mockResolvedValue({ steps: [{ title: 'Use parameterised queries', explanation: 'Bind values.' }], references: [] }),
      ...overrides,
    }),
  };
}

const valueOf = (el: HTMLElement) => (el as HTMLInputElement | HTMLTextAreaElement).value;

async function openForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Create work item' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create a work item' });
  await within(dialog).findByRole('textbox', { name: /Summary/ });
  await waitFor(() => expect(valueOf(within(dialog).getByRole('textbox', { name: /Description/ }))).toContain('curl'));
  return dialog;
}

describe('CreateWorkItem', () => {
  it('prefills title and redacted evidence, traps focus and restores it on Escape (keyboard only)', async () => {
    const user = userEvent.setup();
    const { adapter } = adapterWith();
    const { baseElement } = renderWithProvider(<CreateWorkItem activity={makeActivity()} />, adapter, { provider });
    await user.tab();
    const trigger = screen.getByRole('button', { name: 'Create work item' });
    expect(trigger).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    const summary = await within(dialog).findByRole('textbox', { name: 'Summary (required)' });
    expect(summary).toHaveValue('SQL Injection from 185.220.101.4 on POST /api/users/{id}/orders');
    const description = within(dialog).getByRole('textbox', { name: 'Description (required)' });
    await waitFor(() => expect(valueOf(description)).toContain("-H 'Authorization: [REDACTED]'"));
    const text = (description as HTMLTextAreaElement).value;
    expect(text).not.toContain('s3cr3t');
    expect(text).toContain('Severity: High');
    expect(text).toContain('Actor: 185.220.101.4 (DE)');
    expect(text).toContain('Attempts: 42');
    expect(text).toContain('1. Use parameterised queries: Bind values.');
    expect(await axeViolations(baseElement)).toEqual([]);
    for (let i = 0; i < 15; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(trigger).toHaveFocus();
  });

  it('creates once with the discovered fields, shows key and link, and refreshes the activity', async () => {
    const user = userEvent.setup();
    const { adapter, createWorkItem, getActivity } = adapterWith();
    const onCreated = vi.fn();
    function DetailProbe() {
      useActivityDetail('act-1');
      return null;
    }
    renderWithProvider(
      <>
        <DetailProbe />
        <CreateWorkItem activity={makeActivity()} onCreated={onCreated} />
      </>,
      adapter,
      { provider },
    );
    await waitFor(() => expect(getActivity).toHaveBeenCalledTimes(1));
    const dialog = await openForm(user);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Priority (required)' }), 'high');
    await user.type(within(dialog).getByRole('combobox', { name: 'Labels' }), 'security, api');
    await user.type(within(dialog).getByRole('combobox', { name: 'Assignee' }), 'kchen');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    const created = await within(dialog).findByRole('status');
    expect(created).toHaveTextContent('Created SEC-123.');
    expect(within(created).getByRole('link', { name: 'Open SEC-123' })).toHaveAttribute('href', 'https://jira.example.com/browse/SEC-123');
    expect(createWorkItem).toHaveBeenCalledTimes(1);
    const params = createWorkItem.mock.calls[0]![0];
    expect(params).toMatchObject({ targetId: 'jira-sec-bug', activityId: 'act-1' });
    expect(params.values).toMatchObject({
      summary: 'SQL Injection from 185.220.101.4 on POST /api/users/{id}/orders',
      priority: 'high',
      labels: ['security', 'api'],
      assignee: 'kchen',
    });
    expect(params.values.description).toContain('[REDACTED]');
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ key: 'SEC-123' }));
    // The adapter saved the link onto the activity; its detail refetches.
    await waitFor(() => expect(getActivity).toHaveBeenCalledTimes(2));

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Create work item' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Created SEC-123.');
  });

  it('validates before submit: errors linked to fields, first invalid focused, nothing sent', async () => {
    const user = userEvent.setup();
    const { adapter, createWorkItem } = adapterWith();
    renderWithProvider(<CreateWorkItem activity={makeActivity()} />, adapter, { provider });
    const dialog = await openForm(user);
    const summary = within(dialog).getByRole('textbox', { name: 'Summary (required)' });
    await user.clear(summary);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(summary).toHaveFocus();
    expect(summary).toHaveAttribute('aria-invalid', 'true');
    expect(summary).toHaveAccessibleDescription('Summary is required.');
    // Priority is prefilled from the severity, so it is not among the problems.
    expect(within(dialog).getByRole('combobox', { name: 'Priority (required)' })).not.toHaveAttribute('aria-invalid');
    expect(within(dialog).getByText('1 field needs attention.')).toBeInTheDocument();
    expect(createWorkItem).not.toHaveBeenCalled();
    // Fixing a field clears its error.
    await user.type(summary, 'x');
    expect(summary).not.toHaveAttribute('aria-invalid');
  });

  it('keeps the draft exactly as typed when the create fails, and says why', async () => {
    const user = userEvent.setup();
    const { adapter, createWorkItem } = adapterWith();
    createWorkItem.mockRejectedValueOnce(new AdapterError('invalid_request', 'no', { path: 'values.priority' }));
    const onError = vi.fn();
    renderWithProvider(<CreateWorkItem activity={makeActivity()} onError={onError} />, adapter, { provider });
    const dialog = await openForm(user);
    const summary = within(dialog).getByRole('textbox', { name: 'Summary (required)' });
    const description = within(dialog).getByRole('textbox', { name: 'Description (required)' });
    await user.clear(summary);
    await user.type(summary, '  My own title ');
    await user.clear(description);
    await user.type(description, 'Line 1{Enter}{Enter}  indented');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Priority (required)' }), 'low');
    await user.type(within(dialog).getByRole('combobox', { name: 'Labels' }), 'a,, b ');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The work item was not created. Your draft is kept. The request was rejected as invalid.',
    );
    expect(summary).toHaveValue('  My own title ');
    expect(description).toHaveValue('Line 1\n\n  indented');
    expect(within(dialog).getByRole('combobox', { name: 'Priority (required)' })).toHaveValue('low');
    // The tracker named the field it rejected.
    expect(within(dialog).getByRole('combobox', { name: 'Priority (required)' })).toHaveAccessibleDescription(
      'The tracker rejected Priority; check it and try again.',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Labels' })).toHaveValue('a,, b ');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_request' }), 'failed');

    // Retrying sends the same draft.
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await within(dialog).findByText('Created SEC-123.');
    expect(createWorkItem.mock.calls[1]![0].values).toEqual(createWorkItem.mock.calls[0]![0].values);
    expect(createWorkItem.mock.calls[1]![0].values).toMatchObject({ summary: '  My own title ', labels: ['a', 'b'] });
  });

  it('sends one create for a double click', async () => {
    const user = userEvent.setup();
    const write = deferred<CreatedWorkItem>();
    const { adapter, createWorkItem } = adapterWith();
    createWorkItem.mockImplementation(() => write.promise);
    renderWithProvider(<CreateWorkItem activity={makeActivity()} />, adapter, { provider });
    const dialog = await openForm(user);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Priority (required)' }), 'high');
    const submit = within(dialog).getByRole('button', { name: 'Create' });
    fireEvent.click(submit);
    fireEvent.click(submit);
    await user.dblClick(submit);
    await act(async () => write.resolve({ targetId: 'jira-sec-bug', key: 'SEC-9', url: 'https://jira.example.com/browse/SEC-9', createdAt: NOW }));
    await within(dialog).findByText('Created SEC-9.');
    expect(createWorkItem).toHaveBeenCalledTimes(1);
  });

  it('never renders a non-http link for the created item', async () => {
    const user = userEvent.setup();
    const { adapter, createWorkItem } = adapterWith();
    createWorkItem.mockResolvedValue({ targetId: 'jira-sec-bug', key: 'SEC-6', url: 'javascript:alert(1)', createdAt: NOW });
    renderWithProvider(<CreateWorkItem activity={makeActivity()} />, adapter, { provider });
    const dialog = await openForm(user);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Priority (required)' }), 'high');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const created = await within(dialog).findByRole('status');
    expect(created).toHaveTextContent('Created SEC-6. javascript:alert(1)');
    expect(within(created).queryByRole('link')).not.toBeInTheDocument();
  });

  it('includes the raw request when redaction is turned off, unless the description was edited', async () => {
    const user = userEvent.setup();
    const { adapter } = adapterWith();
    renderWithProvider(<CreateWorkItem activity={makeActivity()} />, adapter, { provider });
    const dialog = await openForm(user);
    const description = within(dialog).getByRole('textbox', { name: 'Description (required)' });
    const redact = within(dialog).getByRole('checkbox', { name: /Redact secrets/ });
    expect(redact).toBeChecked();
    await user.click(redact);
    expect(valueOf(description)).toContain(`Authorization: ${SECRET}`);
    await user.type(description, ' edited');
    await user.click(redact);
    expect(valueOf(description)).toContain(`Authorization: ${SECRET}`);
  });

  it('discovers the fields of another target and keeps the edited title', async () => {
    const user = userEvent.setup();
    const { adapter, createWorkItem } = adapterWith();
    renderWithProvider(<CreateWorkItem activity={makeActivity()} />, adapter, { provider });
    const dialog = await openForm(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Summary (required)' }), ' (prod)');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Project and type' }), 'azure-issue');
    expect(within(dialog).queryByRole('textbox', { name: /Description/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Title (required)' })).toHaveValue('SQL Injection from 185.220.101.4 on POST /api/users/{id}/orders (prod)');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Area path (required)' }), 'Security');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(createWorkItem).toHaveBeenCalledTimes(1));
    expect(createWorkItem.mock.calls[0]![0]).toMatchObject({
      targetId: 'azure-issue',
      values: { title: 'SQL Injection from 185.220.101.4 on POST /api/users/{id}/orders (prod)', area: 'Security' },
    });
  });

  it('says why when the targets cannot be loaded, and retries', async () => {
    const user = userEvent.setup();
    const listWorkItemTargets = vi.fn().mockRejectedValueOnce(new AdapterError('network', 'down')).mockResolvedValue(TARGETS);
    const { adapter } = adapterWith({ listWorkItemTargets });
    renderWithProvider(<CreateWorkItem activity={makeActivity()} defaultOpen />, adapter, { provider });
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The list of projects could not be loaded. The server could not be reached.');
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(await within(dialog).findByRole('textbox', { name: 'Summary (required)' })).toBeInTheDocument();
  });

  it('explains instead of opening when the backend has no work items', async () => {
    const user = userEvent.setup();
    const { container } = renderWithProvider(<CreateWorkItem activity={makeActivity()} />, createTestAdapter(), { provider });
    const trigger = screen.getByRole('button', { name: 'Create work item' });
    expect(trigger).toHaveAttribute('aria-disabled', 'true');
    expect(trigger).toHaveAccessibleDescription('This backend cannot create work items.');
    await user.click(trigger);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });
});
