// @vitest-environment jsdom
/** The three actions against the memory adapter: the contract as the demo and stories use it. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { BlockIpButton } from '../../../src/components/BlockIpButton';
import { CreateWorkItem } from '../../../src/components/CreateWorkItem';
import { EventActions } from '../../../src/components/EventActions';
import { createQuery } from '../../../src/core/query';
import { useActivityDetail } from '../../../src/hooks/useActivityDetail';
import { useActivityList } from '../../../src/hooks/useActivityList';
import { renderWithProvider } from '../../support/renderWithProvider';

function FirstActivityActions() {
  const list = useActivityList(createQuery({ status: 'active', sort: { field: 'attemptCount', direction: 'desc' } }), { pageSize: 1 });
  const first = list.rows[0];
  const detail = useActivityDetail(first?.id);
  if (!first) return null;
  const activity = detail.data ?? first;
  return (
    <>
      <p data-testid="facts">
        status={activity.status} blocked={activity.blocked?.target ?? '-'} items={activity.workItems.map((w) => w.key).join(',') || '-'}
      </p>
      <EventActions activity={activity} />
      <BlockIpButton activity={activity} ownAddresses={[]} />
      <CreateWorkItem activity={activity} />
    </>
  );
}

describe('actions on the memory adapter', () => {
  it('block + undo, a Jira item saved onto the activity, and Ignore with a rule', async () => {
    const user = userEvent.setup();
    const adapter = createMemoryAdapter({ seed: 3, activities: 60, live: false });
    renderWithProvider(<FirstActivityActions />, adapter);
    const facts = await screen.findByTestId('facts');
    await waitFor(() => expect(facts).toHaveTextContent('status=active blocked=- items=-'));

    // Block (the demo IPs may be documentation ranges: confirm when asked).
    await user.click(screen.getByRole('button', { name: 'Block IP' }));
    let dialog = await screen.findByRole('dialog');
    const ack = within(dialog).queryByRole('checkbox', { name: /I understand the risk/ });
    if (ack) await user.click(ack);
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(facts).not.toHaveTextContent('blocked=-'));
    await user.click(screen.getByRole('button', { name: 'Unblock' }));
    await waitFor(() => expect(facts).toHaveTextContent('blocked=-'));

    // Work item: the adapter saves the link, the detail refetches and shows it.
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    dialog = await screen.findByRole('dialog');
    await user.selectOptions(await within(dialog).findByRole('combobox', { name: 'Priority (required)' }), 'high');
    await waitFor(() => expect((within(dialog).getByRole('textbox', { name: 'Description (required)' }) as HTMLTextAreaElement).value).toContain('curl '));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const created = await within(dialog).findByRole('link', { name: /^Open SEC-\d+$/ });
    const key = created.textContent!.replace('Open ', '');
    await waitFor(() => expect(facts).toHaveTextContent(`items=${key}`));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    // Ignore with a rule applied to existing matches.
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also ignore existing activities that match this rule' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ignore' }));
    await waitFor(async () => expect((await adapter.listSuppressionRules({ signal: new AbortController().signal, pageSize: 50 })).total).toBe(1));
  });
});
