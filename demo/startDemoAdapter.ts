/**
 * The demo's memory adapter (in the page or in its worker) with the triage
 * decisions of earlier visits restored from IndexedDB.
 */
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/adapters/memory';
import { persistWrites, type PersistedWrites } from '../src/adapters/memory/writeLog';
import { demoStateKey, indexedDbStorage } from './indexedDbStorage';

export const DEMO_SEED = 2026;
const DEMO_LATENCY_MS: [number, number] = [40, 160];

export async function startDemoAdapter(activities: number): Promise<PersistedWrites> {
  const options: MemoryAdapterOptions = { seed: DEMO_SEED, activities, latencyMs: 0, live: { intervalMs: 4_000 } };
  const memory = createMemoryAdapter(options);
  const persisted = await persistWrites(memory, { storage: indexedDbStorage, key: demoStateKey(DEMO_SEED, activities) });
  // The adapter reads its latency per call: the replay above ran without it, the analyst's calls get it.
  options.latencyMs = DEMO_LATENCY_MS;
  return persisted;
}
