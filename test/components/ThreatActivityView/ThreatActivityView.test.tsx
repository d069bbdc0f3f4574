// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import { createQuery } from '../../../src/core/query';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { blocksBackend, makeBlock, makeRule, NOW, rulesBackend } from '../SuppressionRules/collectionTestKit';
import { bodyRows, makeActivities, mockGridViewport, pagedList } from '../ThreatActivityList/listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

async function firstIds(adapter: ReturnType<typeof createMemoryAdapter>, n: number) {
  const page = await adapter.listActivities({ query: createQuery(), pageSize: n, signal: new AbortController().signal });
  return page.items;
}

describe('ThreatActivityView', () => {
  test('opens an activity from the list, steps to the next one, closes with Escape; axe-clean', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createMemoryAdapter({ seed: 11, activities: 300, hugeActivityAttempts: 0, live: false });
    const [first, second] = await firstIds(adapter, 2);
    const onOpen = vi.fn();
    // A fixed clock: relative times ("5 sec. ago") then never tick on their own while the test runs.
    const now = Date.now();
    const { container } = renderWithProvider(<ThreatActivityView onOpenActivityChange={onOpen} />, adapter, { provider: { now: () => now } });

    const grid = await screen.findByRole('grid');
    expect(screen.queryByRole('region', { name: 'Activity details' })).not.toBeInTheDocument();
    await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(2));
    await user.click(within(bodyRows(grid)[0]!).getAllByRole('gridcell')[2]!);

    expect(onOpen).toHaveBeenLastCalledWith(first!.id);
    const region = await screen.findByRole('region', { name: 'Activity details' });
    expect(region).toHaveFocus();
    // The drilldown header names the open activity, and its actions are there.
    await waitFor(() => expect(within(region).getAllByText(first!.endpoint.path).length).toBeGreaterThan(0));
    expect(await within(region).findByRole('button', { name: /Mark for Review/i })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);

    await user.click(within(region).getByRole('button', { name: 'Next activity' }));
    expect(onOpen).toHaveBeenLastCalledWith(second!.id);
    await user.click(within(region).getByRole('button', { name: 'Previous activity' }));
    expect(onOpen).toHaveBeenLastCalledWith(first!.id);

    act(() => region.focus());
    await user.keyboard('{Escape}');
    expect(onOpen).toHaveBeenLastCalledWith(null);
    expect(screen.queryByRole('region', { name: 'Activity details' })).not.toBeInTheDocument();
  });

  test('the side panel resizes from the keyboard within its bounds', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createMemoryAdapter({ seed: 11, activities: 50, hugeActivityAttempts: 0, live: false });
    const [first] = await firstIds(adapter, 1);
    renderWithProvider(<ThreatActivityView defaultOpenActivityId={first!.id} defaultPanelWidth={560} />, adapter);
    const splitter = await screen.findByRole('separator', { name: 'Resize the activity panel' });
    act(() => splitter.focus());
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(splitter).toHaveAttribute('aria-valuenow', '608');
    await user.keyboard('{End}');
    expect(splitter).toHaveAttribute('aria-valuenow', '360');
    await user.keyboard('{ArrowRight}');
    expect(splitter).toHaveAttribute('aria-valuenow', '360');
  });

  test('query and open activity are controllable, and every part can be replaced through slots', async () => {
    const adapter = createMemoryAdapter({ seed: 11, activities: 50, hugeActivityAttempts: 0, live: false });
    const query = createQuery({ status: 'under_review' });
    renderWithProvider(
      <ThreatActivityView
        query={query}
        openActivityId="custom"
        slots={{
          filterBar: (p) => <p>custom filters for {p.query.status}</p>,
          drilldown: (p) => <p>custom drilldown of {p.activityId}</p>,
        }}
      />,
      adapter,
    );
    expect(screen.getByText('custom filters for under_review')).toBeInTheDocument();
    expect(screen.getByText('custom drilldown of custom')).toBeInTheDocument();
    expect(await screen.findByRole('tab', { name: /Under Review/ })).toHaveAttribute('aria-selected', 'true');
  });

  describe('rules and blocks', () => {
    const activities = makeActivities(5);
    function fullAdapter() {
      const rules = rulesBackend([makeRule(1, { actorIp: '198.51.100.1' })]);
      const blocks = blocksBackend([makeBlock(0, { target: '203.0.113.50', activityId: 'act-3' })]);
      return createTestAdapter({
        listActivities: pagedList(() => activities),
        listSuppressionRules: rules.listSuppressionRules,
        deleteSuppressionRule: rules.deleteSuppressionRule,
        listBlocks: blocks.listBlocks,
        unblock: blocks.unblock,
        capabilities: { suppressionRules: true, blockList: true },
      });
    }
    const provider = { provider: { now: () => NOW, timeZone: 'UTC' } };

    test('the view switch leads to the suppression rules and the blocks by keyboard; a block opens its activity; axe-clean', async () => {
      const user = userEvent.setup({ delay: null });
      const onViewChange = vi.fn();
      const onOpen = vi.fn();
      const { container } = renderWithProvider(<ThreatActivityView onViewChange={onViewChange} onOpenActivityChange={onOpen} />, fullAdapter(), provider);

      const views = screen.getByRole('tablist', { name: 'Views' });
      expect(within(views).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Activities', 'Actors', 'Suppression rules', 'Blocks']);
      expect(within(views).getByRole('tab', { name: 'Activities' })).toHaveAttribute('aria-selected', 'true');
      await screen.findByRole('grid');

      act(() => within(views).getByRole('tab', { name: 'Activities' }).focus());
      // Past Actors (always offered: the pivot falls back to list pages).
      await user.keyboard('{ArrowRight}');
      await waitFor(() => expect(within(views).getByRole('tab', { name: 'Actors' })).toHaveFocus());
      await user.keyboard('{ArrowRight}');
      // Manual activation: the arrow only moves focus, Enter opens the view.
      await waitFor(() => expect(within(views).getByRole('tab', { name: 'Suppression rules' })).toHaveFocus());
      expect(onViewChange).not.toHaveBeenCalled();
      await user.keyboard('{Enter}');
      expect(onViewChange).toHaveBeenLastCalledWith('suppression-rules');
      const rules = await screen.findByRole('region', { name: 'Suppression rules' });
      expect(await within(rules).findByRole('rowheader', { name: '198.51.100.1' })).toBeInTheDocument();
      expect(screen.queryByRole('grid')).not.toBeInTheDocument();
      expect(await axeViolations(container)).toEqual([]);

      await user.click(within(views).getByRole('tab', { name: 'Blocks' }));
      const blocks = await screen.findByRole('region', { name: 'IP blocks' });
      await user.click(await within(blocks).findByRole('button', { name: 'Open activity act-3' }));
      expect(onViewChange).toHaveBeenLastCalledWith('activities');
      expect(onOpen).toHaveBeenLastCalledWith('act-3');
      expect(await screen.findByRole('region', { name: 'Activity details' })).toBeInTheDocument();
      expect(within(views).getByRole('tab', { name: 'Activities' })).toHaveAttribute('aria-selected', 'true');
    });

    test('the view is controllable; entries hide when the adapter cannot list rules or blocks', async () => {
      const controlled = renderWithProvider(<ThreatActivityView view="blocks" />, fullAdapter(), provider);
      expect(await screen.findByRole('table', { name: 'Active IP blocks' })).toBeInTheDocument();
      controlled.unmount();

      const slotted = renderWithProvider(
        <ThreatActivityView view="suppression-rules" slots={{ suppressionRules: (p) => <p>custom rules for {p.query.status}</p> }} />,
        fullAdapter(),
        provider,
      );
      expect(screen.getByText('custom rules for active')).toBeInTheDocument();
      slotted.unmount();

      const onlyRules = createTestAdapter({ listActivities: pagedList(() => activities), listSuppressionRules: rulesBackend([]).listSuppressionRules, capabilities: { suppressionRules: true } });
      const rulesOnly = renderWithProvider(<ThreatActivityView view="blocks" />, onlyRules, provider);
      const views = screen.getByRole('tablist', { name: 'Views' });
      expect(within(views).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Activities', 'Actors', 'Suppression rules']);
      // An unavailable view falls back to the activities.
      expect(await screen.findByRole('grid')).toBeInTheDocument();
      rulesOnly.unmount();

      renderWithProvider(<ThreatActivityView />, createTestAdapter({ listActivities: pagedList(() => activities) }), provider);
      await screen.findByRole('grid');
      // Without rule or block lists the switch still leads to the actor pivot (computed from list pages).
      expect(within(screen.getByRole('tablist', { name: 'Views' })).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Activities', 'Actors']);
    });
  });

  test('on the memory adapter: the rule an Ignore made is listed and deleted, a block marks the actor and is removed from Blocks', async () => {
    const user = userEvent.setup({ delay: null });
    const adapter = createMemoryAdapter({ seed: 11, activities: 200, hugeActivityAttempts: 0, live: false });
    const [ignored, blocked] = await firstIds(adapter, 2);
    const signal = new AbortController().signal;
    await adapter.ignore!({
      rule: { actorIp: ignored!.actor.ip, endpoint: ignored!.endpoint, policyId: ignored!.policy.id, reason: 'Pentest window', expiresAt: null },
      activityIds: [ignored!.id],
      signal,
    });
    await adapter.block!({ target: blocked!.actor.ip, durationMs: null, reason: 'Botnet', activityId: blocked!.id, signal });
    renderWithProvider(<ThreatActivityView />, adapter);

    const grid = await screen.findByRole('grid');
    // Every activity of the blocked actor shows it, not only the one the block was made from.
    await waitFor(() => expect(within(grid).getAllByRole('img', { name: `Blocked permanently (${blocked!.actor.ip})` }).length).toBeGreaterThan(0));

    const views = screen.getByRole('tablist', { name: 'Views' });
    await user.click(within(views).getByRole('tab', { name: 'Suppression rules' }));
    const rules = await screen.findByRole('table', { name: 'Active suppression rules' });
    await waitFor(() => expect(within(rules).getByText('Pentest window')).toBeInTheDocument());
    await user.click(within(rules).getByRole('button', { name: new RegExp(`^Delete rule for ${ignored!.actor.ip.replace(/[.]/g, '\\.')} on`) }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete rule' }));
    expect(await screen.findByText('No active suppression rules. A rule is created when an activity is ignored.')).toBeInTheDocument();
    expect((await adapter.listSuppressionRules!({ pageSize: 10, signal })).total).toBe(0);

    await user.click(within(views).getByRole('tab', { name: 'Blocks' }));
    const blocks = await screen.findByRole('table', { name: 'Active IP blocks' });
    await user.click(await within(blocks).findByRole('button', { name: `Unblock ${blocked!.actor.ip}` }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Unblock' }));
    expect(await screen.findByText('No active IP blocks.')).toBeInTheDocument();

    await user.click(within(views).getByRole('tab', { name: 'Activities' }));
    const again = await screen.findByRole('grid');
    await waitFor(() => expect(bodyRows(again).length).toBeGreaterThan(1));
    expect(within(again).queryByRole('img', { name: /^Blocked/ })).not.toBeInTheDocument();
  });
});