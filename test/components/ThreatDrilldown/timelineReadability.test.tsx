// @vitest-environment jsdom
/** Issue 15 (Drilldown and actions): the timeline as a new user reads it. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import type { AttemptsParams } from '../../../src/core/adapter';
import type { Attempt } from '../../../src/core/model';
import { createFormatters } from '../../../src/i18n/formatters';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { T0, makeAttempt, makeDetail } from './drilldownFixtures';
import { installJsdomShims } from './jsdomShims';

installJsdomShims();

const MINUTE = 60_000;
const format = createFormatters('en', undefined, () => T0);

function adapterFor(attempts: Attempt[], firstSeen: number, lastSeen: number) {
  return createTestAdapter({
    getActivity: async () => makeDetail({ firstSeen, lastSeen, attemptCount: attempts.length }),
    listAttempts: async ({ cursor, pageSize }: AttemptsParams) => {
      const start = cursor ? Number(cursor) : 0;
      return { items: attempts.slice(start, start + pageSize), total: attempts.length, nextCursor: start + pageSize < attempts.length ? String(start + pageSize) : null };
    },
  });
}

const chart = () => screen.findByRole('img', { name: /Attempts over time/ });

describe('Timeline readability', () => {
  it('draws one attempt as one narrow bar among many buckets, with whole-second ticks', async () => {
    const at = T0 - 5 * MINUTE + 250;
    renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="timeline" />, adapterFor([{ ...makeAttempt(1), timestamp: at }], at, at));
    const img = await chart();
    const bars = img.querySelectorAll('.td-timeline-bar');
    expect(bars).toHaveLength(1);
    const svgWidth = Number(img.getAttribute('width'));
    expect(Number(bars[0]!.getAttribute('width'))).toBeLessThan(svgWidth / 10);
    const ticks = Array.from(img.querySelectorAll('[data-orientation="bottom"] text'), (t) => t.textContent ?? '');
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    // 500 ms ticks carry milliseconds ("12:00:07.500"); whole-second ticks do not.
    for (const label of ticks) expect(label).not.toMatch(/\.\d{3}/);
  });

  it('puts "UTC" on its own row below the tick labels, so the first label cannot run into it', async () => {
    const all = Array.from({ length: 30 }, (_, i) => ({ ...makeAttempt(i), timestamp: T0 - i * 10 * MINUTE }));
    renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="timeline" />, adapterFor(all, T0 - 290 * MINUTE, T0));
    const img = await chart();
    const axis = img.querySelector('[data-orientation="bottom"]')!;
    const axisTop = Number(/translate\(0, ([\d.]+)\)/.exec(axis.getAttribute('transform') ?? '')?.[1]);
    const tickY = axisTop + Math.max(...Array.from(axis.querySelectorAll('text'), (t) => Number(t.getAttribute('y'))));
    const zone = img.querySelector('[data-slot="timeline-axis-zone"]')!;
    expect(zone).toHaveTextContent('UTC');
    // Tick labels are 10 px high: the zone's baseline sits at least a line below theirs.
    expect(Number(zone.getAttribute('y'))).toBeGreaterThanOrEqual(tickY + 12);
  });

  it('ends the summary at the last attempt, not at the end of its bucket', async () => {
    const last = T0 - 7 * MINUTE - 13_000;
    const first = last - 5 * 3_600_000;
    const all = Array.from({ length: 50 }, (_, i) => ({ ...makeAttempt(i), timestamp: last - i * 6 * MINUTE }));
    renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="timeline" />, adapterFor(all, first, last));
    await chart();
    const summary = screen.getByText(/50 attempts from/);
    expect(summary).toHaveTextContent(`to ${format.dateTime(last)}.`);
  });

  it('keeps the tooltip inside the chart when it fits on neither side of the bar', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetWidth');
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
      configurable: true,
      get(this: HTMLElement) {
        return this.getAttribute('role') === 'tooltip' ? 400 : 0;
      },
    });
    try {
      const all = Array.from({ length: 60 }, (_, i) => ({ ...makeAttempt(i), timestamp: T0 - i * 5 * MINUTE }));
      renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="timeline" />, adapterFor(all, T0 - 295 * MINUTE, T0));
      const img = await chart();
      const width = Number(img.getAttribute('width'));
      // Just left of the middle: 400 px fits neither right of the bar nor left of it.
      fireEvent.pointerMove(img, { clientX: width / 2 - 20, clientY: 50 });
      const tip = await screen.findByRole('tooltip');
      await waitFor(() => {
        const left = parseFloat(tip.style.left);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left + 400).toBeLessThanOrEqual(width);
      });
    } finally {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, 'offsetWidth', descriptor);
    }
  });

  it('offers the zoomed range as the list filter', async () => {
    const user = userEvent.setup();
    const onApplyTimeRange = vi.fn();
    const all = Array.from({ length: 60 }, (_, i) => ({ ...makeAttempt(i), timestamp: T0 - i * 5 * MINUTE }));
    renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="timeline" onApplyTimeRange={onApplyTimeRange} />, adapterFor(all, T0 - 295 * MINUTE, T0));
    await chart();
    expect(screen.queryByRole('button', { name: 'Use this range as the list filter' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    await user.click(await screen.findByRole('button', { name: 'Use this range as the list filter' }));
    expect(onApplyTimeRange).toHaveBeenCalledTimes(1);
    const range = onApplyTimeRange.mock.calls[0]![0] as { from: number; to: number };
    expect(range.from).toBeGreaterThanOrEqual(T0 - 295 * MINUTE);
    expect(range.to).toBeLessThanOrEqual(T0);
    expect(range.to - range.from).toBeCloseTo(295 * MINUTE / 2, -4);
  });
});
