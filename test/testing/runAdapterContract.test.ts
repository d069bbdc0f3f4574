import { createMemoryAdapter } from '../../src/adapters/memory';
import { createTestAdapter, runAdapterContract } from '../../src/testing';

const NOW = 1_748_779_200_000;

runAdapterContract({
  name: 'memory adapter',
  createAdapter: () => createMemoryAdapter({ seed: 11, activities: 2000, hugeActivityAttempts: 0, now: () => NOW, live: false }),
  test: it,
});

// The suite must be able to fail: a broken adapter is caught.
describe('runAdapterContract against a broken adapter', () => {
  const cases = new Map<string, () => Promise<void>>();
  const memory = createMemoryAdapter({ seed: 3, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
  runAdapterContract({
    name: 'broken',
    createAdapter: () =>
      createTestAdapter({
        ...memory,
        // Duplicates: every page is the first page again.
        listActivities: (p) => memory.listActivities({ ...p, cursor: undefined } as typeof p),
        capabilities: { ...memory.capabilities, block: true },
        block: undefined,
      }),
    test: (title, fn) => cases.set(title, fn),
  });

  it('reports duplicates when paging repeats items', async () => {
    await expect(cases.get('broken: pages without duplicates or gaps (sorted by lastSeen desc)')!()).rejects.toThrow(/twice/);
  });

  it('reports capabilities advertised without their method', async () => {
    await expect(cases.get('broken: advertises capabilities that match the methods it has')!()).rejects.toThrow(/"block"/);
  });

  it('registers every case with the given runner', () => {
    expect(cases.size).toBeGreaterThanOrEqual(15);
  });
});
