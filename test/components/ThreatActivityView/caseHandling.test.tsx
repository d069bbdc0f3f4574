// @vitest-environment jsdom
/** The assembled console with case handling: SLA age in the list, assignee and History in the drilldown, host reasons. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import { createQuery } from '../../../src/core/query';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, mockGridViewport } from '../ThreatActivityList/listTestKit';
import { installJsdomShims } from '../ThreatDrilldown/jsdomShims';

let restoreViewport: () => void;
beforeAll(() => installJsdomShims());
beforeEach(() => {
  restoreViewport = mockGridViewport(600, 1600);
});
afterEach(() => restoreViewport());

const signal = () => new AbortController().signal;

test('triageSlaMs, statusReasons and currentUserId reach the list, the actions and the drilldown', async () => {
  const user = userEvent.setup({ delay: null });
  const adapter = createMemoryAdapter({ seed: 3, activities: 60, hugeActivityAttempts: 0, live: false, currentUserId: 'u-ana' });
  renderWithProvider(
    <ThreatActivityView triageSlaMs={1} statusReasons={[{ id: 'pentest', label: 'Scheduled pentest' }]} currentUserId="u-ana" defaultQuery={createQuery({ status: 'active', assignee: 'unassigned' })} />,
    adapter,
  );
  const grid = await screen.findByRole('grid');
  const [first] = bodyRows(grid);
  // An SLA of 1 ms: every Active activity with an activeSince is past it.
  expect(first!.querySelector('[data-slot="triage-age"]')).toHaveAttribute('data-state', 'breached');
  await user.click(within(first!).getAllByRole('gridcell')[2]!);
  // The filter bar's trigger reads the same ("Assignee: Unassigned" filter); this is the drilldown's control.
  const drilldownAssignee = async (name: string) =>
    waitFor(() => {
      const b = screen.getAllByRole('button', { name }).find((el) => el.getAttribute('data-slot') === 'assignee-button');
      expect(b).toBeDefined();
      return b!;
    });
  const assignee = await drilldownAssignee('Assignee: Unassigned');
  await user.click(screen.getByRole('button', { name: 'Add reason' }));
  expect(within(screen.getByRole('combobox', { name: 'Reason' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['No reason given', 'Scheduled pentest']);
  await user.click(assignee);
  await user.click(await screen.findByRole('button', { name: 'Assign to me' }));
  expect(await drilldownAssignee('Assignee: Ana Lima')).toBeInTheDocument();
  // Shortcut 5 shows the fifth tab, History, from inside the drilldown.
  screen.getByRole('tab', { name: 'Overview' }).focus();
  await user.keyboard('5');
  await waitFor(() => expect(screen.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true'));
  const history = await screen.findByRole('list', { name: 'History of this activity' });
  await waitFor(() => expect(history).toHaveTextContent('Assigned to Ana Lima'));
  const mine = (await adapter.listActivities({ query: createQuery({ status: 'active', assignee: 'me' }), pageSize: 5, signal: signal() })).items;
  expect(mine.length).toBeGreaterThan(0);
});
