import { createMemoryAdapter } from '../../../src/adapters/memory';
import { generateDemoDataset } from '../../../src/core/dataset';
import { createQuery, type ActivityQuery } from '../../../src/core/query';
import type { ActivityPage, ThreatDeckAdapter } from '../../../src/core/adapter';
import { SCREENFUL_ROWS } from '../../../src/adapters/memory/pageWhileFilling';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;
/** A progressive dataset whose background fill never runs by itself: the test decides when rows appear. */
const progressive = (activities: number, firstChunk: number) => {
  const dataset = generateDemoDataset({ seed: 21, activities, now: NOW, hugeActivityAttempts: 0, firstChunk });
  return { dataset, adapter: createMemoryAdapter({ dataset, now: () => NOW, live: false }) };
};
const eager = (activities: number) => createMemoryAdapter({ seed: 21, activities, hugeActivityAttempts: 0, now: () => NOW, live: false });
const withSeverity = (severity: 'critical' | 'info'): ActivityQuery => ({ ...createQuery(), filters: { ...createQuery().filters, severity: [severity] } });

describe('memory adapter over a progressive dataset (first rows before the dataset is complete)', () => {
  test('the first newest-first page comes from the first chunk, exact row for row, with its total marked as an estimate', async () => {
    const { dataset, adapter } = progressive(20_000, 1000);
    const page = await adapter.listActivities({ query: createQuery(), pageSize: 100, signal: signal() });
    // Served without generating the rest.
    expect(dataset.activities.length).toBe(1000);
    expect(page.totalIsEstimate).toBe(true);
    const full = await eager(20_000).listActivities({ query: createQuery(), pageSize: 100, signal: signal() });
    expect(page.items).toEqual(full.items);
    // The estimate is in the right range (statuses are spread evenly over time).
    expect(Math.abs(page.total - full.total) / full.total).toBeLessThan(0.1);
    // The next page by cursor is still exact.
    const next = await adapter.listActivities({ query: createQuery(), pageSize: 100, cursor: page.nextCursor!, signal: signal() });
    const fullNext = await eager(20_000).listActivities({ query: createQuery(), pageSize: 100, cursor: full.nextCursor!, signal: signal() });
    expect(next.items).toEqual(fullNext.items);
  });

  test('a page the first chunk cannot answer exactly (other sort, rare filter) grows the fill until it can: the first rows of the complete dataset, at least a screenful', async () => {
    const full = eager(20_000);
    const asc = { ...createQuery(), sort: { field: 'lastSeen' as const, direction: 'asc' as const } };
    for (const query of [asc, withSeverity('info'), { ...createQuery(), search: 'act-019' }]) {
      const { adapter } = progressive(20_000, 500);
      const page = await adapter.listActivities({ query, pageSize: 100, signal: signal() });
      const expected = await full.listActivities({ query, pageSize: 100, signal: signal() });
      // A full page, or (newest first, the fill not complete) a short one: the leading rows of the full one.
      expect(page.items.length).toBeGreaterThanOrEqual(SCREENFUL_ROWS);
      expect(page.items.map((a) => a.id)).toEqual(expected.items.slice(0, page.items.length).map((a) => a.id));
      if (page.items.length < expected.items.length) expect(page.totalIsEstimate).toBe(true);
      if (!page.totalIsEstimate) expect(page.total).toBe(expected.total);
    }
  });

  test('a rare search right after the first chunk is served once a screenful is exact: a short first page, and its cursor walks to exactly the complete result', async () => {
    const query = { ...createQuery(), search: '185.220.101.' };
    const { dataset, adapter } = progressive(20_000, 500);
    const page = await adapter.listActivities({ query, pageSize: 100, signal: signal() });
    // Far from the whole dataset, and short of a full page.
    expect(dataset.activities.length).toBeLessThan(5000);
    expect(page.items.length).toBeGreaterThanOrEqual(SCREENFUL_ROWS);
    expect(page.items.length).toBeLessThan(100);
    expect(page.totalIsEstimate).toBe(true);
    expect(page.nextCursor).not.toBeNull();

    const walk = async (a: ThreatDeckAdapter, first: ActivityPage) => {
      const ids = first.items.map((x) => x.id);
      for (let cursor = first.nextCursor; cursor !== null; ) {
        const next = await a.listActivities({ query, pageSize: 100, cursor, signal: signal() });
        expect(next.items.length).toBeGreaterThan(0);
        ids.push(...next.items.map((x) => x.id));
        cursor = next.nextCursor;
      }
      return ids;
    };
    const full = eager(20_000);
    const expected = await walk(full, await full.listActivities({ query, pageSize: 100, signal: signal() }));
    expect(page.items.map((a) => a.id)).toEqual(expected.slice(0, page.items.length));
    expect(await walk(adapter, page)).toEqual(expected);
  });

  test('an offset page that ends at the last generated match is the page at that offset, not the first one', async () => {
    // act-000000 … act-000099 are the 100 newest activities (75 of them active): all in the first chunk,
    // newer than its horizon. The page from offset 50 holds the last 25 and no generated match follows.
    const query = { ...createQuery(), search: 'act-0000' };
    const { dataset, adapter } = progressive(20_000, 500);
    const page = await adapter.listActivities({ query, pageSize: 25, offset: 50, signal: signal() });
    expect(dataset.activities.length).toBeLessThan(20_000);
    const expected = await eager(20_000).listActivities({ query, pageSize: 25, offset: 50, signal: signal() });
    expect(expected.items).toHaveLength(25);
    expect(page.items.map((a) => a.id)).toEqual(expected.items.map((a) => a.id));
  });

  test('the team and the work-item targets are read without completing the fill (they do not depend on the activities)', async () => {
    const { dataset, adapter } = progressive(20_000, 500);
    const users = await adapter.listUsers!({ signal: signal() });
    expect(users.items.length).toBeGreaterThan(0);
    expect((await adapter.listWorkItemTargets!({ signal: signal() })).length).toBeGreaterThan(0);
    expect(dataset.activities.length).toBe(500);
    expect(dataset.pending).not.toBeNull();
  });

  test('once complete the counts are exact; a write or a facet completes the fill before it runs', async () => {
    const { dataset, adapter } = progressive(5000, 300);
    const first = await adapter.listActivities({ query: createQuery(), pageSize: 50, signal: signal() });
    expect(first.totalIsEstimate).toBe(true);
    const facet = await adapter.getFacet({ field: 'severity', query: createQuery(), signal: signal() });
    expect(dataset.pending).toBeNull();
    const expectedFacet = await eager(5000).getFacet({ field: 'severity', query: createQuery(), signal: signal() });
    expect(facet).toEqual(expectedFacet);
    const after = await adapter.listActivities({ query: createQuery(), pageSize: 50, signal: signal() });
    expect(after.totalIsEstimate).toBe(false);
    expect(after.counts).toEqual((await eager(5000).listActivities({ query: createQuery(), pageSize: 50, signal: signal() })).counts);

    // A bulk write by query on a fresh progressive adapter moves every matching row, not only the generated ones.
    const other = progressive(5000, 300).adapter;
    const seen = await other.listActivities({ query: withSeverity('critical'), pageSize: 50, signal: signal() });
    const moved = await other.setStatusByQuery({ query: withSeverity('critical'), status: 'under_review', asOf: seen.asOf, idempotencyKey: 'k-1', signal: signal() });
    const criticalActive = (await eager(5000).listActivities({ query: withSeverity('critical'), pageSize: 1, signal: signal() })).total;
    expect(moved.affected).toBe(criticalActive);
  });

  test('without a call that needs it, the rest fills in by itself in the background', async () => {
    const { dataset } = progressive(30_000, 500);
    await dataset.complete;
    expect(dataset.activities).toHaveLength(30_000);
  });
});
