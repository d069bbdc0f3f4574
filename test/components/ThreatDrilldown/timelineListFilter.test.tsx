// @vitest-environment jsdom
/** Issue 15: in ThreatActivityView, a zoomed timeline becomes the list's time filter. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { ThreatActivityView } from '../../../src/components/ThreatActivityView';
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import { renderWithProvider } from '../../support/renderWithProvider';
import { installJsdomShims } from './jsdomShims';

installJsdomShims();

describe('ThreatActivityView: timeline zoom as the list filter', () => {
  it('sets the query time range to the zoomed range', async () => {
    const user = userEvent.setup();
    const adapter = createMemoryAdapter({ seed: 11, activities: 50, hugeActivityAttempts: 0, live: false });
    const signal = new AbortController().signal;
    const { items } = await adapter.listActivities({ query: createQuery(), pageSize: 50, signal });
    // One with a long enough history to zoom into.
    const open = items.find((a) => a.lastSeen - a.firstSeen > 120_000)!;
    const onQueryChange = vi.fn<(q: ActivityQuery) => void>();
    renderWithProvider(<ThreatActivityView defaultOpenActivityId={open.id} defaultTab="timeline" onQueryChange={onQueryChange} />, adapter);
    await screen.findByRole('img', { name: /Attempts over time/ }, { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    await user.click(await screen.findByRole('button', { name: 'Use this range as the list filter' }));
    const query = onQueryChange.mock.calls.at(-1)![0];
    expect(query.time).toEqual({ from: expect.any(Number), to: expect.any(Number) });
    const time = query.time as { from: number; to: number };
    expect(time.from).toBeGreaterThanOrEqual(open.firstSeen - 60_000);
    expect(time.to).toBeLessThanOrEqual(open.lastSeen + 60_000);
    expect(time.to - time.from).toBeLessThan(open.lastSeen - open.firstSeen);
  });
});
