// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivity, mockGridViewport, pagedList } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  restoreViewport = mockGridViewport(400);
});
afterEach(() => {
  restoreViewport();
  vi.useRealTimers();
});

const HOUR = 3_600_000;
const ageOf = (row: HTMLElement) => row.querySelector('[data-slot="triage-age"]') as HTMLElement;

describe('ThreatActivityList: age in triage', () => {
  test('shows how long each Active activity has waited, marks those past the SLA in text and state, and ticks', async () => {
    const start = Date.now();
    const rows = [
      makeActivity(0, { activeSince: start - 30 * 60_000 }),
      makeActivity(1, { activeSince: start - 5 * HOUR }),
      makeActivity(2, { activeSince: undefined }),
    ];
    const { container } = renderWithProvider(<ThreatActivityList triageSlaMs={4 * HOUR} />, createTestAdapter({ listActivities: pagedList(() => rows) }), {
      provider: { now: () => Date.now() },
    });
    const grid = await screen.findByRole('grid');
    expect(within(grid).getByRole('columnheader', { name: /In triage/ })).toBeInTheDocument();
    const [fresh, old, unknown] = bodyRows(grid);
    expect(ageOf(fresh!)).toHaveAttribute('data-state', 'within');
    expect(ageOf(fresh!)).toHaveTextContent(/^30 min \(Within SLA\)$/);
    expect(ageOf(old!)).toHaveAttribute('data-state', 'breached');
    expect(ageOf(old!)).toHaveTextContent(/^5 h Past SLA$/);
    expect(ageOf(unknown!)).toHaveAttribute('data-state', 'none');
    expect(ageOf(unknown!)).toHaveTextContent('Not in triage');
    expect(await axeViolations(container)).toEqual([]);

    // Four hours later the fresh one is past the SLA too, without a new read.
    await act(async () => {
      vi.advanceTimersByTime(4 * HOUR);
    });
    await waitFor(() => expect(ageOf(bodyRows(grid)[0]!)).toHaveAttribute('data-state', 'breached'));
    expect(ageOf(bodyRows(grid)[0]!)).toHaveTextContent(/^4 h Past SLA$/);
    expect(ageOf(bodyRows(grid)[1]!)).toHaveTextContent(/^9 h Past SLA$/);
  });

  test('without an SLA nothing is marked; days read as days', async () => {
    const rows = [makeActivity(0, { activeSince: Date.now() - 3 * 24 * HOUR })];
    renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => rows) }), { provider: { now: () => Date.now() } });
    const grid = await screen.findByRole('grid');
    const age = ageOf(bodyRows(grid)[0]!);
    expect(age).not.toHaveAttribute('data-state');
    expect(age).toHaveTextContent(/^3 days$/);
  });

  test('sorts by activeSince when the adapter can; the column is not sortable otherwise; it hides on other tabs', async () => {
    const user = userEvent.setup({ delay: null, advanceTimers: vi.advanceTimersByTime });
    const list = vi.fn(pagedList(() => [makeActivity(0, { activeSince: Date.now() - HOUR }), makeActivity(1, { status: 'ignored' })]));
    const onQueryChange = vi.fn();
    const adapter = createTestAdapter({ listActivities: list, capabilities: { sortableFields: ['lastSeen', 'activeSince'] } });
    renderWithProvider(<ThreatActivityList onQueryChange={onQueryChange} />, adapter, { provider: { now: () => Date.now() } });
    const grid = await screen.findByRole('grid');
    await user.click(within(grid).getByRole('button', { name: /In triage/ }));
    expect(onQueryChange).toHaveBeenLastCalledWith(expect.objectContaining({ sort: { field: 'activeSince', direction: 'asc' } }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ query: expect.objectContaining({ sort: { field: 'activeSince', direction: 'asc' } }) })));
    expect(within(grid).getByRole('columnheader', { name: /In triage/ })).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByRole('tab', { name: /Ignored/ }));
    const ignoredGrid = await screen.findByRole('grid');
    await waitFor(() => expect(bodyRows(ignoredGrid)).toHaveLength(1));
    expect(within(ignoredGrid).queryByRole('columnheader', { name: /In triage/ })).toBeNull();
  });

  test('a backend that cannot sort by it gets no sort button', async () => {
    const adapter = createTestAdapter({ listActivities: pagedList(() => [makeActivity(0, { activeSince: Date.now() })]), capabilities: { sortableFields: ['lastSeen'] } });
    renderWithProvider(<ThreatActivityList />, adapter, { provider: { now: () => Date.now() } });
    const grid = await screen.findByRole('grid');
    expect(within(within(grid).getByRole('columnheader', { name: /In triage/ })).queryByRole('button')).toBeNull();
  });
});
