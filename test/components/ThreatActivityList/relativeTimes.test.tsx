// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import { createRelativeTicker } from '../../../src/components/ThreatActivityList/relativeTicker';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeActivity, mockGridViewport, pagedList } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  // Fake timers that still advance with real time, so Testing Library's waits work.
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  restoreViewport = mockGridViewport(400);
});
afterEach(() => {
  restoreViewport();
  vi.useRealTimers();
});

const lastSeenTexts = () => [...document.querySelectorAll('[data-slot="last-seen"]')].map((el) => el.firstChild?.textContent);

describe('ThreatActivityList: relative times tick', () => {
  test('"5 sec. ago" becomes "15 sec. ago" ten seconds later, older times follow at their own pace, with one shared timer', async () => {
    const start = Date.now();
    const rows = [
      makeActivity(0, { lastSeen: start - 5_000 }),
      makeActivity(1, { lastSeen: start - 3 * 3_600_000 }),
      ...Array.from({ length: 20 }, (_, i) => makeActivity(i + 2, { lastSeen: start - 2 * 86_400_000 })),
    ];
    renderWithProvider(<ThreatActivityList />, createTestAdapter({ listActivities: pagedList(() => rows) }), { provider: { now: () => Date.now() } });
    await screen.findByRole('grid');
    await waitFor(() => expect(lastSeenTexts()[0]).toMatch(/^5 sec\. ago$|^6 sec\. ago$/));
    expect(lastSeenTexts()[1]).toBe('3 hr. ago');
    // Twenty-two times on screen, not twenty-two timers.
    const timers = vi.getTimerCount();
    expect(timers).toBeLessThanOrEqual(5);

    await act(async () => {
      vi.advanceTimersByTime(10_000);
    });
    expect(lastSeenTexts()[0]).toMatch(/^1[56] sec\. ago$/);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(timers);

    await act(async () => {
      vi.advanceTimersByTime(3_600_000);
    });
    expect(lastSeenTexts()[0]).toBe('1 hr. ago');
    expect(lastSeenTexts()[1]).toBe('4 hr. ago');
  });
});

describe('relativeTicker', () => {
  test('one timer at the finest cadence needed: every second for fresh times, once a minute or less for old ones', () => {
    let t = Date.now();
    const ticker = createRelativeTicker(() => t);
    const old = vi.fn();
    const stopOld = ticker.subscribe(t - 2 * 86_400_000, old);
    expect(vi.getTimerCount()).toBe(1);
    t += 1000;
    vi.advanceTimersByTime(1000);
    expect(old).not.toHaveBeenCalled();

    const fresh = vi.fn();
    const stopFresh = ticker.subscribe(t - 2000, fresh);
    expect(vi.getTimerCount()).toBe(1);
    t += 1000;
    vi.advanceTimersByTime(1000);
    expect(fresh).toHaveBeenCalledTimes(1);
    expect(old).toHaveBeenCalledTimes(1);

    stopFresh();
    stopOld();
    t += 1000;
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
    expect(fresh).toHaveBeenCalledTimes(1);
  });
});
