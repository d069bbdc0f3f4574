// @vitest-environment jsdom
/**
 * Create work item under injected faults (memory adapter): a lost response is
 * retried with the same key and yields the one ticket; the draft survives
 * every failure and moving to another activity and back.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory';
import { CreateWorkItem } from '../../../src/components/CreateWorkItem';
import { createQuery } from '../../../src/core/query';
import { ThreatDeckProvider } from '../../../src/hooks/ThreatDeckProvider';
import { renderWithProvider } from '../../support/renderWithProvider';

const signal = () => new AbortController().signal;
const provider = { writeRetry: { retries: 2, delayMs: () => 150 } };
const valueOf = (el: HTMLElement) => (el as HTMLTextAreaElement).value;

async function setup(faults: Pick<MemoryAdapterOptions, 'failOn' | 'failAfterCommitOn'>) {
  const adapter = createMemoryAdapter({ seed: 6, activities: 30, hugeActivityAttempts: 0, live: false, ...faults });
  const [a, b] = (await adapter.listActivities({ query: createQuery(), pageSize: 2, signal: signal() })).items;
  const spy = vi.spyOn(adapter, 'createWorkItem');
  const items = async (id = a!.id) => (await adapter.getActivity({ id, signal: signal() })).workItems;
  return { adapter, a: a!, b: b!, spy, items };
}

async function fillAndCreate(user: ReturnType<typeof userEvent.setup>, title?: string) {
  await user.click(screen.getByRole('button', { name: 'Create work item' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create a work item' });
  await user.selectOptions(await within(dialog).findByRole('combobox', { name: 'Priority (required)' }), 'high');
  await waitFor(() => expect(valueOf(within(dialog).getByRole('textbox', { name: 'Description (required)' }))).toContain('curl '));
  if (title !== undefined) {
    const summary = within(dialog).getByRole('textbox', { name: 'Summary (required)' });
    await user.clear(summary);
    await user.type(summary, title);
  }
  await user.click(within(dialog).getByRole('button', { name: 'Create' }));
  return dialog;
}

const keysOf = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => (c[0] as { idempotencyKey?: string }).idempotencyKey);

describe('CreateWorkItem under faults', () => {
  it('response lost after the commit: says "checking", then the created key; one ticket', async () => {
    const user = userEvent.setup();
    const { adapter, a, spy, items } = await setup({ failAfterCommitOn: { createWorkItem: { code: 'network', times: 1 } } });
    renderWithProvider(<CreateWorkItem activity={a} />, adapter, { provider });
    const dialog = await fillAndCreate(user);
    expect(await within(dialog).findByText('Checking whether the work item was created…')).toBeInTheDocument();
    const created = await within(dialog).findByRole('link', { name: /^Open SEC-\d+$/ });
    const key = created.textContent!.replace('Open ', '');
    expect(within(dialog).getByText(`Created ${key}.`)).toBeInTheDocument();
    expect((await items()).map((w) => w.key)).toEqual([key]);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(new Set(keysOf(spy)).size).toBe(1);
  });

  it('still unknown after the retries: says it could not confirm (not "not created"), keeps the draft; the retry yields the same ticket', async () => {
    const user = userEvent.setup();
    const { adapter, a, spy, items } = await setup({ failAfterCommitOn: { createWorkItem: { code: 'timeout', times: 3 } } });
    renderWithProvider(<CreateWorkItem activity={a} />, adapter, { provider });
    const dialog = await fillAndCreate(user, 'Block this scanner');
    const alert = await within(dialog).findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Could not confirm whether the work item was created');
    expect(alert).toHaveTextContent('retrying is safe');
    expect(alert).not.toHaveTextContent('was not created');
    expect(within(dialog).getByRole('textbox', { name: 'Summary (required)' })).toHaveValue('Block this scanner');
    const first = await items();
    expect(first).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(`Created ${first[0]!.key}.`)).toBeInTheDocument();
    expect(await items()).toHaveLength(1);
    expect(new Set(keysOf(spy)).size).toBe(1);
  });

  it('failure before the commit: says it was not created, keeps the draft; the retry creates one', async () => {
    const user = userEvent.setup();
    const { adapter, a, items } = await setup({ failOn: { createWorkItem: { code: 'server', times: 1 } } });
    renderWithProvider(<CreateWorkItem activity={a} />, adapter, { provider });
    const dialog = await fillAndCreate(user, 'My title');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The work item was not created. Your draft is kept. The server failed to handle the request.');
    expect(within(dialog).getByRole('textbox', { name: 'Summary (required)' })).toHaveValue('My title');
    expect(await items()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await within(dialog).findByRole('link', { name: /^Open SEC-\d+$/ });
    expect(await items()).toHaveLength(1);
  });

  it('a definitive error says so and keeps the draft', async () => {
    const user = userEvent.setup();
    const { adapter, a, items } = await setup({ failOn: { createWorkItem: 'forbidden' } });
    renderWithProvider(<CreateWorkItem activity={a} />, adapter, { provider });
    const dialog = await fillAndCreate(user, 'Kept');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The work item was not created. Your draft is kept. You do not have permission to do this.');
    expect(within(dialog).getByRole('textbox', { name: 'Summary (required)' })).toHaveValue('Kept');
    expect(await items()).toEqual([]);
  });
});

describe('CreateWorkItem drafts', () => {
  it('the typed fields survive moving to another activity and back, and are cleared once created', async () => {
    const user = userEvent.setup();
    const { adapter, a, b } = await setup({});
    const view = (activity: typeof a) => (
      <ThreatDeckProvider adapter={adapter} writeRetry={provider.writeRetry}>
        <CreateWorkItem key={activity.id} activity={activity} />
      </ThreatDeckProvider>
    );
    const { rerender } = renderWithProvider(<></>, adapter);
    rerender(view(a));
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    let dialog = await screen.findByRole('dialog');
    const summary = await within(dialog).findByRole('textbox', { name: 'Summary (required)' });
    await user.clear(summary);
    await user.type(summary, 'Draft for A');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Priority (required)' }), 'high');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    rerender(view(b));
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('textbox', { name: 'Summary (required)' })).not.toHaveValue('Draft for A');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    rerender(view(a));
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('textbox', { name: 'Summary (required)' })).toHaveValue('Draft for A');
    expect(within(dialog).getByRole('combobox', { name: 'Priority (required)' })).toHaveValue('high');
    await waitFor(() => expect(valueOf(within(dialog).getByRole('textbox', { name: 'Description (required)' }))).toContain('curl '));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await within(dialog).findByRole('link', { name: /^Open SEC-\d+$/ });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('textbox', { name: 'Summary (required)' })).not.toHaveValue('Draft for A');
  });
});
