// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import { createQuery } from '../../../src/core/query';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, mockGridViewport } from '../ThreatActivityList/listTestKit';

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
    const { container } = renderWithProvider(<ThreatActivityView onOpenActivityChange={onOpen} />, adapter);

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

    region.focus();
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
    splitter.focus();
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
});
