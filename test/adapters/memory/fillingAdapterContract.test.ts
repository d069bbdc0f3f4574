import { createMemoryAdapter } from '../../../src/adapters/memory';
import { generateDemoDataset } from '../../../src/core/dataset';
import { runAdapterContract } from '../../../src/testing';

const NOW = 1_748_779_200_000;

// The demo's progressive dataset: the adapter serves while the rest is still being generated.
runAdapterContract({
  name: 'memory adapter while its dataset fills',
  createAdapter: () =>
    createMemoryAdapter({
      dataset: generateDemoDataset({ seed: 11, activities: 3000, now: NOW, firstChunk: 200, hugeActivityAttempts: 0 }),
      now: () => NOW,
      live: false,
    }),
  test: it,
});
