// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import type { AttemptsParams, TimelineParams } from '../../../src/core/adapter';
import { AdapterError } from '../../../src/core/errors';
import type { Attempt, AttemptOutcome, Timeline } from '../../../src/core/model';
import { binAttempts, chooseBucketMs } from '../../../src/core/timeline';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { T0, makeAttempt, makeDetail, pending } from './drilldownFixtures';
import { installJsdomShims } from './jsdomShims';

installJsdomShims();

const HOUR = 3_600_000;
const FIRST = T0 - 6 * HOUR;

/** `n` attempts over six hours with a burst in the fourth hour. */
function attemptsOverSixHours(n: number): Attempt[] {
  const out: Attempt[] = [];
  const outcomes: AttemptOutcome[] = ['blocked', 'allowed', 'exploited'];
  for (let i = 0; i < n; i++) {
    const inBurst = i % 2 === 0;
    const ts = inBurst ? FIRST + 3 * HOUR + (i % 600) * 1000 : FIRST + Math.floor((i / n) * 6 * HOUR);
    out.push({ ...makeAttempt(i), timestamp: ts, outcome: outcomes[i % 3]! });
  }
  return out.sort((a, b) => b.timestamp - a.timestamp);
}

function clientAdapter(all: Attempt[], overrides: Parameters<typeof createTestAdapter>[0] = {}) {
  return createTestAdapter({
    getActivity: async () => makeDetail({ firstSeen: FIRST, lastSeen: T0, attemptCount: all.length }),
    listAttempts: async ({ cursor, pageSize }: AttemptsParams) => {
      const start = cursor ? Number(cursor) : 0;
      return { items: all.slice(start, start + pageSize), total: all.length, nextCursor: start + pageSize < all.length ? String(start + pageSize) : null };
    },
    ...overrides,
  });
}

function renderTimeline(adapter: ReturnType<typeof createTestAdapter>) {
  return renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="timeline" />, adapter);
}

const chart = () => screen.findByRole('img', { name: /Attempts over time/ });

describe('Timeline tab', () => {
  it('bins raw attempts in the core, draws a stacked histogram by outcome and summarises it', async () => {
    const all = attemptsOverSixHours(600);
    renderTimeline(clientAdapter(all));
    const img = await chart();
    expect(img).toHaveAccessibleName(/Attempts over time/);
    const bars = img.querySelectorAll('.td-timeline-bar');
    expect(new Set(Array.from(bars, (b) => b.getAttribute('data-outcome')))).toEqual(new Set(['blocked', 'allowed', 'exploited']));
    const bucketMs = chooseBucketMs(6 * HOUR, Math.floor(640 / 8));
    expect(screen.getByText(`Each bar is ${bucketMs / 60_000} minutes.`)).toBeInTheDocument();
    const summary = screen.getByText(/600 attempts from/);
    expect(summary).toHaveTextContent(/Peak: \d+ per 5 minutes at/);
    expect(summary).toHaveTextContent(/1 burst:/);
    expect(screen.getByText(/attempts between/)).toBeInTheDocument();
    const legend = document.querySelector('[data-slot="timeline-legend"]')!;
    expect(within(legend as HTMLElement).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual(['Blocked', 'Allowed', 'Successful exploit']);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('offers the data as a table with per-outcome counts and local and UTC times', async () => {
    const user = userEvent.setup();
    const all = attemptsOverSixHours(90);
    renderTimeline(clientAdapter(all));
    await chart();
    const toggle = screen.getByRole('button', { name: 'Show data as a table' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const table = screen.getByRole('table', { name: /Attempts per 5 minutes bucket/ });
    const rows = within(table).getAllByRole('row').slice(1);
    const expected = binAttempts(
      { timestamps: all.map((a) => a.timestamp), outcomes: all.map((a) => a.outcome) },
      { from: FIRST, to: T0, bucketMs: 5 * 60_000 },
    ).buckets.filter((b) => b.blocked + b.allowed + b.exploited > 0);
    expect(rows).toHaveLength(expected.length);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual([new Date(expected[0]!.start).toISOString(), String(expected[0]!.blocked), String(expected[0]!.allowed), String(expected[0]!.exploited), String(expected[0]!.blocked + expected[0]!.allowed + expected[0]!.exploited), 'Zoom to bucket']);
  });

  it('keeps the chart size proportional to buckets, not attempts', async () => {
    const small = renderTimeline(clientAdapter(attemptsOverSixHours(300)));
    const smallCount = (await chart()).querySelectorAll('*').length;
    small.unmount();
    renderTimeline(clientAdapter(attemptsOverSixHours(6000)));
    const img = await chart();
    const bigCount = img.querySelectorAll('*').length;
    const buckets = Math.ceil((6 * HOUR) / (5 * 60_000)) + 1;
    expect(img.querySelectorAll('.td-timeline-bar').length).toBeLessThanOrEqual(3 * buckets);
    // Twenty times the attempts, about the same drawing.
    expect(bigCount).toBeLessThan(smallCount * 1.5);
    expect(bigCount).toBeLessThan(3 * buckets + 120);
  });

  it('uses the adapter timeline when it offers one, asking for the bucket size of the chart', async () => {
    const calls: TimelineParams[] = [];
    const adapter = createTestAdapter({
      getActivity: async () => makeDetail({ firstSeen: FIRST, lastSeen: T0 }),
      listAttempts: () => Promise.reject(new Error('must not page attempts')),
      getTimeline: async (params) => {
        calls.push(params);
        const buckets = [0, 1, 2].map((i) => ({ start: FIRST + i * HOUR, end: FIRST + (i + 1) * HOUR, blocked: 3, allowed: i, exploited: 1 }));
        return { from: params.from!, to: params.to!, bucketMs: HOUR, buckets, total: 15 } satisfies Timeline;
      },
    });
    renderTimeline(adapter);
    const img = await chart();
    expect(calls[0]).toMatchObject({ id: 'act-1', from: FIRST, to: T0, bucketMs: chooseBucketMs(6 * HOUR, 80) });
    // 3 buckets: blocked+exploited in the first, all three outcomes in the others.
    expect(img.querySelectorAll('.td-timeline-bar')).toHaveLength(8);
    expect(screen.getByText('Each bar is 1 hour.')).toBeInTheDocument();
    expect(screen.getByText(/15 attempts from/)).toBeInTheDocument();
  });

  it('zooms with the brush (finer buckets) and resets', async () => {
    const user = userEvent.setup();
    renderTimeline(clientAdapter(attemptsOverSixHours(600)));
    const img = await chart();
    const reset = screen.getByRole('button', { name: 'Reset zoom' });
    expect(reset).toBeDisabled();
    const overlay = img.querySelector('[data-slot="timeline-brush"]') as SVGRectElement;
    expect(overlay).not.toBeNull();
    // jsdom lays nothing out, so client coordinates are plot coordinates.
    fireEvent.pointerDown(overlay, { clientX: 100, clientY: 50, pointerId: 1, button: 0 });
    fireEvent.pointerMove(overlay, { clientX: 180, clientY: 50, pointerId: 1 });
    const selection = img.querySelector('[data-slot="timeline-brush-selection"]')!;
    expect(selection).toHaveAttribute('x', '100');
    expect(selection).toHaveAttribute('width', '80');
    fireEvent.pointerUp(overlay, { clientX: 180, clientY: 50, pointerId: 1 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reset zoom' })).toBeEnabled());
    expect(screen.getByText(/^Zoomed to /)).toBeInTheDocument();
    expect(img.querySelector('[data-slot="timeline-brush-selection"]')).toBeNull();
    // 80 of the plot's 584 px of six hours (~49 minutes) at 80 buckets: 1-minute buckets.
    expect(screen.getByText('Each bar is 1 minute.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(screen.getByText('Each bar is 5 minutes.')).toBeInTheDocument();
  });

  it('ignores a drag narrower than a few pixels (a click)', async () => {
    renderTimeline(clientAdapter(attemptsOverSixHours(600)));
    const img = await chart();
    const overlay = img.querySelector('[data-slot="timeline-brush"]') as SVGRectElement;
    fireEvent.pointerDown(overlay, { clientX: 100, pointerId: 1, button: 0 });
    fireEvent.pointerMove(overlay, { clientX: 102, pointerId: 1 });
    fireEvent.pointerUp(overlay, { clientX: 102, pointerId: 1 });
    expect(img.querySelector('[data-slot="timeline-brush-selection"]')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
    expect(screen.getByText('Each bar is 5 minutes.')).toBeInTheDocument();
  });

  it('zooms in, out and back from the keyboard', async () => {
    const user = userEvent.setup();
    renderTimeline(clientAdapter(attemptsOverSixHours(600)));
    await chart();
    const zoomIn = screen.getByRole('button', { name: 'Zoom in' });
    const zoomOut = screen.getByRole('button', { name: 'Zoom out' });
    expect(screen.getByRole('group', { name: 'Zoom' })).toContainElement(zoomIn);
    expect(zoomOut).toBeDisabled();
    zoomIn.focus();
    await user.keyboard('{Enter}');
    // Half of the six hours, around the middle.
    const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
    expect(screen.getByRole('status')).toHaveTextContent(`Each bar is ${chooseBucketMs(3 * HOUR, 80) / 60_000} minutes.`);
    expect(screen.getByText(/^Zoomed to /)).toHaveTextContent(`Zoomed to ${dateTime.format(FIRST + 1.5 * HOUR)} – ${dateTime.format(FIRST + 4.5 * HOUR)}`);
    await user.keyboard(' ');
    expect(screen.getByRole('status')).toHaveTextContent(`Each bar is ${chooseBucketMs(1.5 * HOUR, 80) / 60_000} minute`);
    await user.tab();
    expect(zoomOut).toHaveFocus();
    expect(zoomOut).toBeEnabled();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent(`Each bar is ${chooseBucketMs(3 * HOUR, 80) / 60_000} minutes.`);
    await user.keyboard('{Enter}');
    // Back to the whole activity: no zoom, and focus moves off the now-disabled button.
    expect(screen.getByRole('status')).toHaveTextContent('Each bar is 5 minutes.');
    expect(screen.queryByText(/^Zoomed to /)).toBeNull();
    expect(zoomOut).toBeDisabled();
    expect(zoomIn).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Reset zoom' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('Each bar is 5 minutes.');
    expect(zoomIn).toHaveFocus();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('zooms to a bucket from its row in the data table', async () => {
    const user = userEvent.setup();
    const all = attemptsOverSixHours(120);
    renderTimeline(clientAdapter(all));
    await chart();
    await user.click(screen.getByRole('button', { name: 'Show data as a table' }));
    const table = screen.getByRole('table', { name: /Attempts per 5 minutes bucket/ });
    const burstStart = Math.floor((FIRST + 3 * HOUR) / 300_000) * 300_000;
    const row = within(table).getByText(new Date(burstStart).toISOString()).closest('tr')!;
    const button = within(row).getByRole('button', { name: /^Zoom to bucket starting / });
    expect(button).toHaveTextContent('Zoom to bucket');
    button.focus();
    await user.keyboard('{Enter}');
    // Five minutes re-binned at 80 buckets: 5-second bars, and the table follows.
    expect(screen.getByRole('status')).toHaveTextContent('Each bar is 5 seconds.');
    const zoomed = screen.getByRole('table', { name: /Attempts per 5 seconds bucket/ });
    expect(zoomed).toHaveFocus();
    const utcCells = Array.from(zoomed.querySelectorAll('tbody td.td-mono'), (td) => Date.parse(td.textContent!));
    expect(utcCells.length).toBeGreaterThan(0);
    for (const ms of utcCells) expect(ms >= burstStart && ms < burstStart + 300_000).toBe(true);
    expect(screen.getByRole('button', { name: 'Zoom out' })).toBeEnabled();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('shows a tooltip with counts and local and UTC time on hover', async () => {
    renderTimeline(clientAdapter(attemptsOverSixHours(600)));
    const img = await chart();
    fireEvent.pointerMove(img, { clientX: 44 + 2 });
    const tip = await screen.findByText(/^UTC: /);
    const box = screen.getByRole('tooltip');
    expect(box).toContainElement(tip);
    expect(box).toHaveTextContent(`UTC: ${new Date(Math.floor(FIRST / 300_000) * 300_000).toISOString()}`);
    expect(box).toHaveTextContent(/Local: /);
    expect(box).toHaveTextContent(/Blocked: \d+/);
    expect(box).toHaveTextContent(/Total: \d+/);
    fireEvent.pointerLeave(img);
    await waitFor(() => expect(screen.queryByText(/^UTC: /)).toBeNull());
  });

  it('shows loading, empty and error states', async () => {
    const loading = renderTimeline(clientAdapter([], { listAttempts: () => pending() }));
    expect(await screen.findByText('Loading the timeline…')).toBeInTheDocument();
    loading.unmount();

    const empty = renderTimeline(clientAdapter([]));
    expect(await screen.findByText('No attempts were recorded in this time range.')).toBeInTheDocument();
    expect(screen.getByText('No attempts to summarise.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
    empty.unmount();

    renderTimeline(clientAdapter([], { listAttempts: () => Promise.reject(new AdapterError('timeout', 'slow')) }));
    const alert = await within(await screen.findByRole('tabpanel', { name: 'Timeline' })).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the timeline.');
    expect(alert).toHaveTextContent('The server took too long to answer.');
  });
});
