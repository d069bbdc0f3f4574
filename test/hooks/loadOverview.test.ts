import { createMemoryAdapter } from '../../src/adapters/memory';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { DEMO_DEFAULT_NOW } from '../../src/core/dataset/generateDemoDataset';
import { AdapterError } from '../../src/core/errors';
import { createQuery } from '../../src/core/query';
import { FALLBACK_OVERVIEW_ACTIVITIES, loadOverview } from '../../src/hooks/loadOverview';
import { createTestAdapter } from '../../src/testing/createTestAdapter';

const signal = new AbortController().signal;

/** The same backend without the overview capability: only lists and facets. */
const withoutOverview = (a: ThreatDeckAdapter) =>
  createTestAdapter({ listActivities: (p) => a.listActivities(p), getFacet: (p) => a.getFacet(p) });

describe('loadOverview', () => {
  test('the fallback over lists and facets gives exactly what the overview capability gives, when the result fits', async () => {
    const now = DEMO_DEFAULT_NOW;
    const memory = createMemoryAdapter({ seed: 5, activities: 1200, hugeActivityAttempts: 0, live: false, now: () => now });
    for (const query of [createQuery(), createQuery({ filters: { severity: ['critical', 'high'] } }), createQuery({ time: { preset: '7d' }, search: 'sqli' })]) {
      for (const groupBy of ['severity', 'subcategory'] as const) {
        const params = { query, groupBy, maxBuckets: 40, top: 5, signal };
        const direct = await loadOverview(memory, params, now);
        const fallback = await loadOverview(withoutOverview(memory), params, now);
        expect(fallback.partial).toBeNull();
        expect(fallback).toEqual(direct);
        expect(direct.totals.activities).toBe((await memory.listActivities({ query, pageSize: 1, signal })).total);
      }
    }
  });

  test('over a larger result the fallback bins the newest activities and says how many of how many', async () => {
    const memory = createMemoryAdapter({ seed: 6, activities: FALLBACK_OVERVIEW_ACTIVITIES * 2, hugeActivityAttempts: 0, live: false });
    const query = createQuery({ status: 'active' });
    const total = (await memory.listActivities({ query, pageSize: 1, signal })).total;
    expect(total).toBeGreaterThan(FALLBACK_OVERVIEW_ACTIVITIES);
    const calls: number[] = [];
    const adapter = createTestAdapter({
      listActivities: (p) => (calls.push(p.pageSize), memory.listActivities(p)),
      getFacet: (p) => memory.getFacet(p),
    });
    const result = await loadOverview(adapter, { query, groupBy: 'severity', maxBuckets: 30, top: 3, signal }, Date.now());
    expect(result.partial).toEqual({ activities: FALLBACK_OVERVIEW_ACTIVITIES, of: total });
    expect(result.totals.activities).toBe(FALLBACK_OVERVIEW_ACTIVITIES);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(FALLBACK_OVERVIEW_ACTIVITIES);
    // The top lists are facets: exact over the whole result, not the sample.
    const severity = await memory.getFacet({ query, field: 'severity', limit: 3, signal });
    expect(result.top.severity).toEqual(severity.options);
  });

  test('top lists from sampled facets are marked estimated, field by field; exact facets leave no mark', async () => {
    const memory = createMemoryAdapter({ seed: 5, activities: 300, hugeActivityAttempts: 0, live: false });
    const params = { query: createQuery(), groupBy: 'severity' as const, maxBuckets: 20, top: 3, signal };
    const sampling = createTestAdapter({
      listActivities: (p) => memory.listActivities(p),
      getFacet: async (p) => ({ ...(await memory.getFacet(p)), ...(p.field === 'actor' || p.field === 'url' ? { countsAreEstimates: true } : {}) }),
    });
    expect((await loadOverview(sampling, params, Date.now())).estimatedTop).toEqual(['url', 'actor']);
    expect(await loadOverview(withoutOverview(memory), params, Date.now())).not.toHaveProperty('estimatedTop');
  });

  test('sizes are clamped to the limits a server enforces', async () => {
    const memory = createMemoryAdapter({ seed: 5, activities: 50, hugeActivityAttempts: 0, live: false });
    const result = await loadOverview(memory, { query: createQuery(), groupBy: 'severity', maxBuckets: 1e9, top: -4, signal }, Date.now());
    expect(result.buckets.length).toBeLessThanOrEqual(501);
    expect(result.top.subcategory).toHaveLength(1);
  });

  test('a backend whose getOverview answers unsupported gets the fallback; other errors stay errors', async () => {
    const now = DEMO_DEFAULT_NOW;
    const memory = createMemoryAdapter({ seed: 5, activities: 600, hugeActivityAttempts: 0, live: false, now: () => now });
    const params = { query: createQuery(), groupBy: 'severity' as const, maxBuckets: 40, top: 5, signal };
    const answering = (error: AdapterError) =>
      createTestAdapter({ capabilities: { overview: true }, listActivities: (p) => memory.listActivities(p), getFacet: (p) => memory.getFacet(p), getOverview: () => Promise.reject(error) });
    expect(await loadOverview(answering(new AdapterError('unsupported', 'no overview here')), params, now)).toEqual(await loadOverview(memory, params, now));
    await expect(loadOverview(answering(new AdapterError('server', 'boom')), params, now)).rejects.toMatchObject({ code: 'server' });
  });
});

