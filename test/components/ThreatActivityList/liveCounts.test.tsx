// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { LiveEvent, ListActivitiesParams, SubscribeParams } from '../../../src/core/adapter';
import type { Activity } from '../../../src/core/model';
import { createThreatDeckQueryClient } from '../../../src/hooks/ThreatDeckProvider';
import { invalidateActivities } from '../../../src/hooks/threatDeckKeys';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, deferred, makeActivities, mockGridViewport, NOW, pagedList } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

function liveFake(initial: Activity[]) {
  const state = { rows: initial, gate: null as Promise<void> | null };
  const subscribers: SubscribeParams[] = [];
  const paged = pagedList(() => state.rows);
  const adapter = createTestAdapter({
    listActivities: async (params: ListActivitiesParams) => {
      // The rows are read when the request starts, as a backend answers as of then.
      const page = paged(params);
      if (state.gate) await state.gate;
      return page;
    },
    subscribe: async (params) => {
      subscribers.push(params);
    },
  });
  const emit = (event: LiveEvent) =>
    act(() => {
      for (const s of subscribers) if (!s.signal.aborted && (event.type !== 'activity' || event.activity.status === s.query.status)) s.onEvent(event);
    });
  return { adapter, state, subscribers, emit };
}

const fresh = (i: number): Activity => ({ ...makeActivities(1)[0]!, id: `new-${i}`, endpoint: { method: 'POST', path: `/fresh/${i}`, host: 'api.example.com' }, lastSeen: NOW + 1000 });
const tab = (name: RegExp) => screen.getByRole('tab', { name });
const banner = () => document.querySelector('[data-slot="live-banner"]')!;

describe('ThreatActivityList: live banner and tab counts', () => {
  test('the banner goes once a refetch (not the banner) merged the rows it announced; the Active count follows live traffic without counting twice', async () => {
    const queryClient = createThreatDeckQueryClient();
    const live = liveFake(makeActivities(3));
    renderWithProvider(<ThreatActivityList />, live.adapter, { provider: { now: () => NOW, queryClient } });
    await screen.findByRole('grid');
    await waitFor(() => expect(within(tab(/Active/)).getByText('3')).toBeInTheDocument());
    await waitFor(() => expect(live.subscribers.length).toBeGreaterThan(0));

    live.emit({ type: 'activity', activity: fresh(0), isNew: true });
    expect(banner()).toHaveTextContent('1 new activity');
    // A live event changes the tab count at once.
    expect(within(tab(/Active/)).getByText('4')).toBeInTheDocument();

    // Something else refetches the list (a write elsewhere, a retry): the new row is now in it.
    live.state.rows = [fresh(0), ...live.state.rows];
    await act(() => invalidateActivities(queryClient));
    await waitFor(() => expect(bodyRows(screen.getByRole('grid'))).toHaveLength(4));
    expect(banner()).not.toHaveTextContent(/new/);
    expect(screen.queryByRole('button', { name: 'Show new activities' })).toBeNull();
    expect(within(tab(/Active/)).getByText('4')).toBeInTheDocument();
  });

  test('an event that arrives while a refetch is in flight is still announced after it', async () => {
    const queryClient = createThreatDeckQueryClient();
    const live = liveFake(makeActivities(2));
    renderWithProvider(<ThreatActivityList />, live.adapter, { provider: { now: () => NOW, queryClient } });
    await screen.findByRole('grid');
    await waitFor(() => expect(live.subscribers.length).toBeGreaterThan(0));
    const gate = deferred<void>();
    live.state.gate = gate.promise;
    let refetch!: Promise<void>;
    act(() => {
      refetch = invalidateActivities(queryClient);
    });
    // Arrives after the refetch asked the backend: not in its answer.
    live.emit({ type: 'activity', activity: fresh(1), isNew: true });
    await act(async () => {
      gate.resolve();
      await refetch;
    });
    expect(banner()).toHaveTextContent('1 new activity');
    expect(within(tab(/Active/)).getByText('3')).toBeInTheDocument();
  });

  test('on another tab the Active count still follows new activities', async () => {
    const user = userEvent.setup({ delay: null });
    const live = liveFake([...makeActivities(2), ...makeActivities(1, { status: 'under_review' }).map((a) => ({ ...a, id: 'rev-0' }))]);
    renderWithProvider(<ThreatActivityList />, live.adapter, { provider: { now: () => NOW } });
    await screen.findByRole('grid');
    await user.click(tab(/Under Review/));
    await waitFor(() => expect(tab(/Under Review/)).toHaveAttribute('aria-selected', 'true'));
    await waitFor(() => expect(within(tab(/Active/)).getByText('2')).toBeInTheDocument());
    await waitFor(() => expect(live.subscribers.some((s) => !s.signal.aborted && s.query.status === 'active')).toBe(true));
    live.emit({ type: 'activity', activity: fresh(2), isNew: true });
    expect(within(tab(/Active/)).getByText('3')).toBeInTheDocument();
    // The banner is about this tab's rows: nothing new under review.
    expect(banner()).not.toHaveTextContent(/new/);
  });
});
