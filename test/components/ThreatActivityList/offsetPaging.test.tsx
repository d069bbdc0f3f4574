// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { ListActivitiesParams } from '../../../src/core/adapter';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, deferred, makeActivity, mockGridViewport, NOW } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const TOTAL = 79_971;

/** A backend holding TOTAL rows that pages by cursor and, when asked, by offset. */
function bigBackend(offsetPaging: boolean) {
  const calls: Array<Pick<ListActivitiesParams, 'cursor' | 'offset'>> = [];
  let gate: Promise<void> | null = null;
  const adapter = createTestAdapter({
    capabilities: { offsetPaging },
    listActivities: async ({ cursor, offset, pageSize }: ListActivitiesParams) => {
      calls.push({ cursor, offset });
      if (gate && offset !== undefined) await gate;
      const start = offset ?? (cursor ? Number(cursor) : 0);
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, TOTAL - start)) }, (_, k) => makeActivity(start + k));
      const next = start + pageSize < TOTAL ? String(start + pageSize) : null;
      return { items, total: TOTAL, totalIsEstimate: false, nextCursor: next, counts: { active: TOTAL, under_review: 0, ignored: 0 } };
    },
  });
  return { adapter, calls, hold: (p: Promise<void>) => (gate = p) };
}

const bodyHeight = (grid: HTMLElement) => parseFloat(grid.querySelector<HTMLElement>('[data-slot="grid-body"]')!.style.height);
const lastRow = (grid: HTMLElement) => bodyRows(grid).at(-1)!;

describe('ThreatActivityList: the scrollbar is the whole result (offset reads)', () => {
  test('End lands on the last of 79,971 rows: placeholders first, then the rows read from that offset', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = bigBackend(true);
    renderWithProvider(<ThreatActivityList pageSize={100} />, backend.adapter, { provider: { now: () => NOW } });
    const grid = await screen.findByRole('grid');
    // The scroll content is as tall as the whole result, not the 100 loaded rows.
    expect(bodyHeight(grid)).toBe(TOTAL * 40);
    const gate = deferred<void>();
    backend.hold(gate.promise);

    act(() => grid.focus());
    await user.keyboard('{End}');
    await waitFor(() => expect(lastRow(grid)).toHaveAttribute('aria-rowindex', String(TOTAL + 1)));
    // Not loaded yet: a busy placeholder row that says so.
    expect(lastRow(grid)).toHaveAttribute('aria-busy', 'true');
    expect(lastRow(grid)).toHaveTextContent('Loading');
    await act(async () => gate.resolve());
    await waitFor(() => expect(lastRow(grid).querySelector('[data-slot="endpoint-path"]')).toHaveTextContent(`/api/items/{id}/r${TOTAL - 1}`));
    expect(backend.calls.some((c) => c.offset === 79_900)).toBe(true);
    // It jumped: nothing in between was read.
    expect(backend.calls.filter((c) => c.offset !== undefined && c.offset < 70_000)).toEqual([]);
    // The focused row is the last activity and it opens.
    expect(grid.getAttribute('aria-activedescendant')).toBe(lastRow(grid).id);
  });

  test('placeholder rows cannot be selected: Shift+X across unloaded rows selects only real ones', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = bigBackend(true);
    const onOpenActivityChange = vi.fn();
    renderWithProvider(<ThreatActivityList pageSize={100} onOpenActivityChange={onOpenActivityChange} />, backend.adapter, { provider: { now: () => NOW } });
    const grid = await screen.findByRole('grid');
    backend.hold(new Promise(() => {})); // offset reads never answer
    act(() => grid.focus());
    await user.keyboard('x{End}');
    await waitFor(() => expect(lastRow(grid)).toHaveAttribute('aria-busy', 'true'));
    await user.keyboard('{Shift>}x{/Shift}{Enter}');
    expect(onOpenActivityChange).not.toHaveBeenCalled();
    expect(screen.getByText('100 selected')).toBeInTheDocument();
  });

  test('after a short first page (a dataset still filling) the rest of its block is read by offset, and the rows it loaded stay', async () => {
    const user = userEvent.setup({ delay: null });
    const calls: Array<Pick<ListActivitiesParams, 'cursor' | 'offset'>> = [];
    const SHORT = 60;
    const adapter = createTestAdapter({
      capabilities: { offsetPaging: true },
      listActivities: async ({ cursor, offset, pageSize }: ListActivitiesParams) => {
        calls.push({ cursor, offset });
        const start = offset ?? (cursor ? Number(cursor) : 0);
        const size = cursor === undefined && offset === undefined ? SHORT : pageSize;
        // An offset read answers a later state of the rows before SHORT: the list keeps its own rows there.
        const items = Array.from({ length: size }, (_, k) => makeActivity(start + k, offset !== undefined && start + k < SHORT ? { endpoint: { method: 'GET', path: '/later', host: 'api.example.com' } } : {}));
        return { items, total: 1000, totalIsEstimate: true, nextCursor: String(start + size), counts: { active: 1000, under_review: 0, ignored: 0 } };
      },
    });
    renderWithProvider(<ThreatActivityList pageSize={100} />, adapter, { provider: { now: () => NOW } });
    const grid = await screen.findByRole('grid');
    expect(bodyHeight(grid)).toBe(1000 * 40);
    // The rows in view are all from the short page: nothing is read by offset.
    expect(calls.filter((c) => c.offset !== undefined)).toEqual([]);
    act(() => grid.focus());
    for (let i = 0; i < 7; i++) await user.keyboard('{PageDown}');
    const rowAt = (position: number) => grid.querySelector(`[role="row"][aria-rowindex="${position + 2}"]`);
    await waitFor(() => expect(rowAt(62)?.querySelector('[data-slot="endpoint-path"]')).toHaveTextContent('/api/items/{id}/r62'));
    expect(calls.some((c) => c.offset === 0)).toBe(true);
    expect(rowAt(SHORT - 1)?.querySelector('[data-slot="endpoint-path"]')).toHaveTextContent(`/api/items/{id}/r${SHORT - 1}`);
  });

  test('a cursor-only adapter keeps today\'s behaviour: loaded rows only, no offset sent', async () => {
    const user = userEvent.setup({ delay: null });
    const backend = bigBackend(false);
    renderWithProvider(<ThreatActivityList pageSize={100} />, backend.adapter, { provider: { now: () => NOW } });
    const grid = await screen.findByRole('grid');
    expect(bodyHeight(grid)).toBe(100 * 40);
    act(() => grid.focus());
    await user.keyboard('{End}');
    await waitFor(() => expect(backend.calls.length).toBeGreaterThan(1));
    expect(backend.calls.every((c) => c.offset === undefined)).toBe(true);
  });
});
