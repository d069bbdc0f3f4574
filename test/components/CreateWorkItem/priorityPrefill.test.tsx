// @vitest-environment jsdom
/** Issue 15 (Create work item): Priority starts from the severity; the analyst can still change it. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_WORK_ITEM_TARGETS } from '../../../src/adapters/memory';
import { CreateWorkItem } from '../../../src/components/CreateWorkItem';
import type { Severity } from '../../../src/core/model';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeActivity, makeAttempt, NOW } from '../EventActions/activityFixture';

function renderFor(severity: Severity) {
  const createWorkItem = vi.fn().mockResolvedValue({ targetId: 'jira-sec-bug', key: 'SEC-1', url: 'https://jira.example.com/browse/SEC-1', createdAt: NOW });
  const adapter = createTestAdapter({
    listWorkItemTargets: async () => [...DEMO_WORK_ITEM_TARGETS],
    createWorkItem,
    listAttempts: async () => ({ items: [makeAttempt()], total: 1, nextCursor: null }),
    getRemediation: async () => ({ steps: [], references: [] }),
  });
  renderWithProvider(<CreateWorkItem activity={makeActivity({ severity })} />, adapter, { provider: { now: () => NOW, timeZone: 'UTC' } });
  return createWorkItem;
}

describe('CreateWorkItem priority', () => {
  it.each([
    ['critical', 'Highest'],
    ['high', 'High'],
    ['medium', 'Medium'],
    ['low', 'Low'],
    ['info', 'Lowest'],
  ] as const)('prefills %s as %s', async (severity, label) => {
    const user = userEvent.setup();
    renderFor(severity);
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    const dialog = await screen.findByRole('dialog');
    const priority = await within(dialog).findByRole('combobox', { name: 'Priority (required)' });
    expect(within(priority).getByRole('option', { selected: true })).toHaveTextContent(label);
  });

  it('sends the prefilled priority without touching the field, and keeps a changed one', async () => {
    const user = userEvent.setup();
    const createWorkItem = renderFor('critical');
    await user.click(screen.getByRole('button', { name: 'Create work item' }));
    const dialog = await screen.findByRole('dialog');
    const priority = await within(dialog).findByRole('combobox', { name: 'Priority (required)' });
    await user.selectOptions(priority, 'medium');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await within(dialog).findByText(/Created SEC-1/);
    expect(createWorkItem.mock.calls[0]![0].values).toMatchObject({ priority: 'medium', summary: 'SQL Injection from 185.220.101.4 on POST /api/users/{id}/orders' });
  });
});
