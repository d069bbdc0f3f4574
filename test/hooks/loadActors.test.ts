import { createMemoryAdapter } from '../../src/adapters/memory';
import { ACTOR_SORT_FIELDS, compareActors, summarizeActors, type ActorSort, type ActorSummary } from '../../src/core/actors';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { AdapterError } from '../../src/core/errors';
import { createQuery } from '../../src/core/query';
import { FALLBACK_ACTOR_ACTIVITIES, loadActorPage } from '../../src/hooks/loadActors';
import { readNewestActivities } from '../../src/hooks/readNewestActivities';
import { createTestAdapter } from '../../src/testing/createTestAdapter';

const signal = new AbortController().signal;
const withoutActors = (a: ThreatDeckAdapter) => createTestAdapter({ listActivities: (p) => a.listActivities(p), getFacet: (p) => a.getFacet(p) });

async function walkActors(adapter: ThreatDeckAdapter, query = createQuery(), sort: ActorSort = { field: 'lastSeen', direction: 'desc' }, pageSize = 37) {
  const out: ActorSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await loadActorPage(adapter, { query, sort, pageSize, signal, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe('actor pivot', () => {
  test('the memory adapter’s pages, walked, are the core’s grouping of every matching activity, for every sort', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 900, hugeActivityAttempts: 0, live: false });
    const query = createQuery({ filters: { severity: ['critical', 'high', 'medium'] } });
    const { items } = await readNewestActivities(memory, query, 10_000, signal);
    for (const field of ACTOR_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { field, direction };
        const walked = await walkActors(memory, query, sort);
        expect(walked).toEqual(summarizeActors(items).sort(compareActors(sort)));
      }
    }
  });

  test('the fallback groups the list pages the same way, as one page', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 900, hugeActivityAttempts: 0, live: false });
    const sort = { field: 'attempts', direction: 'desc' } as const;
    const direct = await walkActors(memory, createQuery(), sort);
    const fallback = await loadActorPage(withoutActors(memory), { query: createQuery(), sort, pageSize: 50, signal });
    expect(fallback.partial).toBeNull();
    expect(fallback.nextCursor).toBeNull();
    expect(fallback.items).toEqual(direct);
  });

  test('over a larger result the fallback says how many activities it grouped', async () => {
    const memory = createMemoryAdapter({ seed: 3, activities: FALLBACK_ACTOR_ACTIVITIES * 2, hugeActivityAttempts: 0, live: false });
    const page = await loadActorPage(withoutActors(memory), { query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 50, signal });
    expect(page.partial?.activities).toBe(FALLBACK_ACTOR_ACTIVITIES);
    expect(page.partial!.of).toBeGreaterThan(FALLBACK_ACTOR_ACTIVITIES);
  });

  test('a forged or foreign cursor and an unknown sort are invalid_request', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 300, hugeActivityAttempts: 0, live: false });
    const first = await memory.listActors({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, pageSize: 10, signal });
    const attempts = [
      memory.listActors({ query: createQuery(), sort: { field: 'attempts', direction: 'desc' }, cursor: first.nextCursor!, pageSize: 10, signal }),
      memory.listActors({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, cursor: btoa('{"sort":{"field":"lastSeen","direction":"desc"},"last":{"ip":1}}'), pageSize: 10, signal }),
      memory.listActors({ query: createQuery(), sort: { field: 'lastSeen', direction: 'desc' }, cursor: '%%%', pageSize: 10, signal }),
      memory.listActors({ query: createQuery(), sort: { field: 'country' as never, direction: 'desc' }, pageSize: 10, signal }),
    ];
    for (const p of attempts) {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AdapterError);
      expect((e as AdapterError).code).toBe('invalid_request');
    }
  });

  test('a backend whose listActors answers unsupported gets the grouping of its list pages; other errors stay errors', async () => {
    const memory = createMemoryAdapter({ seed: 9, activities: 300, hugeActivityAttempts: 0, live: false });
    const sort = { field: 'attempts', direction: 'desc' } as const;
    const unsupported = createTestAdapter({
      capabilities: { actors: true },
      listActivities: (p) => memory.listActivities(p),
      listActors: () => Promise.reject(new AdapterError('unsupported', 'This backend does not support the actor pivot.')),
    });
    const page = await loadActorPage(unsupported, { query: createQuery(), sort, pageSize: 50, signal });
    const { items } = await readNewestActivities(memory, createQuery(), FALLBACK_ACTOR_ACTIVITIES, signal);
    expect(page.items).toEqual(summarizeActors(items).sort(compareActors(sort)));
    const failing = createTestAdapter({
      capabilities: { actors: true },
      listActivities: (p) => memory.listActivities(p),
      listActors: () => Promise.reject(new AdapterError('server', 'boom')),
    });
    await expect(loadActorPage(failing, { query: createQuery(), sort, pageSize: 50, signal })).rejects.toMatchObject({ code: 'server' });
  });
});
