// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ThreatActivityList } from '../../../src/components/ThreatActivityList';
import type { ListActivitiesParams } from '../../../src/core/adapter';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { bodyRows, makeActivity, mockGridViewport, NOW } from './listTestKit';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = mockGridViewport(400);
});
afterEach(() => restoreViewport());

const provider = { provider: { now: () => NOW } };

describe('ThreatActivityList: virtualisation and paging', () => {
  test('100k matching: few DOM rows, aria-rowcount is the total, pages load by cursor without gaps or duplicates', async () => {
    const TOTAL = 100_000;
    const cursors: Array<string | undefined> = [];
    // A backend that holds 100k: pages are generated on demand.
    const adapter = createTestAdapter({
      listActivities: async ({ cursor, pageSize }: ListActivitiesParams) => {
        cursors.push(cursor);
        const start = cursor ? Number(cursor) : 0;
        const items = Array.from({ length: Math.min(pageSize, TOTAL - start) }, (_, k) => makeActivity(start + k));
        return { items, total: TOTAL, totalIsEstimate: false, nextCursor: String(start + pageSize), counts: { active: TOTAL, under_review: 0, ignored: 0 } };
      },
    });
    renderWithProvider(<ThreatActivityList pageSize={100} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    expect(grid).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
    expect(screen.getByText('100,000 activities')).toBeInTheDocument();
    expect(cursors).toEqual([undefined]);

    let maxRows = 0;
    // Scroll down through several pages.
    for (let step = 1; step <= 6; step++) {
      await act(async () => {
        grid.scrollTop = step * 40 * 100;
        fireEvent.scroll(grid);
      });
      await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(0));
      const rows = bodyRows(grid);
      maxRows = Math.max(maxRows, rows.length);
      const indexes = rows.map((r) => Number(r.getAttribute('aria-rowindex')));
      // Contiguous aria-rowindex: no gaps among the rendered rows.
      expect(indexes).toEqual(indexes.map((_, k) => indexes[0]! + k));
      // Row i shows activity i-2 (header is row 1): no duplicates, no gaps in the data.
      for (const r of rows) {
        const i = Number(r.getAttribute('aria-rowindex')) - 2;
        expect(r.querySelector('[data-slot="endpoint-path"]')).toHaveTextContent(`/api/items/{id}/r${i}`);
      }
    }
    expect(maxRows).toBeLessThanOrEqual(100);
    await waitFor(() => expect(cursors.length).toBeGreaterThanOrEqual(6));
    expect(cursors.slice(0, 6)).toEqual([undefined, '100', '200', '300', '400', '500']);
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  test('scrolling recycles row elements: a row scrolling in reuses the one that scrolled out, in visual order, with its own content', async () => {
    const adapter = createTestAdapter({
      listActivities: async ({ cursor, pageSize }: ListActivitiesParams) => {
        const start = cursor ? Number(cursor) : 0;
        const items = Array.from({ length: pageSize }, (_, k) => makeActivity(start + k));
        return { items, total: 1_000, totalIsEstimate: false, nextCursor: String(start + pageSize), counts: { active: 1_000, under_review: 0, ignored: 0 } };
      },
    });
    renderWithProvider(<ThreatActivityList pageSize={200} overscan={2} />, adapter, provider);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(0));
    const scrollTo = async (top: number) =>
      act(async () => {
        grid.scrollTop = top;
        fireEvent.scroll(grid);
      });
    // Away from the top, so overscan is on both sides and the window keeps its size.
    await scrollTo(40 * 20);
    const firstIndex = () => Number(bodyRows(grid)[0]!.getAttribute('aria-rowindex'));
    await waitFor(() => expect(firstIndex()).toBeGreaterThan(10));
    const start = firstIndex();
    const before = new Set(bodyRows(grid));
    for (let step = 1; step <= 5; step++) await scrollTo(40 * (20 + step * 3));
    await waitFor(() => expect(firstIndex()).toBe(start + 15));
    const after = bodyRows(grid);
    expect(after.length).toBe(before.size);
    // Every element on screen existed before the scroll: rows were reused, not recreated.
    expect(after.every((r) => before.has(r))).toBe(true);
    // DOM order is the visual order (screen readers read it), and each row shows its own activity.
    const indexes = after.map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(indexes).toEqual(indexes.map((_, k) => indexes[0]! + k));
    for (const r of after) {
      const i = Number(r.getAttribute('aria-rowindex')) - 2;
      expect(r.querySelector('[data-slot="endpoint-path"]')).toHaveTextContent(`/api/items/{id}/r${i}`);
      expect(r.id).toMatch(new RegExp(`-row-${i}$`));
    }
  });
});
