/**
 * Worker for the list benchmark's `worker` setup: the memory adapter at 100k
 * activities served over the worker's port, so the dataset lives in the
 * worker's heap (see src/adapters/worker/portAdapter.ts).
 */
import { createMemoryAdapter } from '../src/adapters/memory';
import { generateDemoDataset } from '../src/core/dataset';
import { serveAdapter, type AdapterPort } from '../src/adapters/worker/portAdapter';

const activities = Number(new URL(self.location.href).searchParams.get('n') ?? 100_000);
// The newest 1,000 first (as in the page setup); the rest fill in between calls.
const dataset = generateDemoDataset({ seed: 42, activities, now: Date.now(), firstChunk: 1_000 });
serveAdapter(createMemoryAdapter({ dataset, live: false }), self as unknown as AdapterPort);
