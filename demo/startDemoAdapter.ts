/**
 * The demo's memory adapter (in the page or in its worker) with the triage
 * decisions of earlier visits restored from IndexedDB.
 */
import { createMemoryAdapter, type MemoryAdapterOptions } from '../src/adapters/memory';
import { generateDemoDataset } from '../src/core/dataset';
import { persistWrites, type PersistedWrites } from '../src/adapters/memory/writeLog';
import { demoStateKey, indexedDbStorage } from './indexedDbStorage';

export const DEMO_SEED = 2026;
/** The worker's message once the whole dataset is generated (the port adapter ignores messages without a call id). */
export const DATASET_COMPLETE = 'demo-dataset-complete';
const DEMO_LATENCY_MS: [number, number] = [40, 160];
/** Activities generated before the first page is served (newest first); the rest fill in off the critical path. */
const DEMO_FIRST_CHUNK = 1_000;

/** `complete` settles once the whole dataset is generated (counts served before are estimates). */
export async function startDemoAdapter(activities: number): Promise<PersistedWrites & { complete: Promise<void> }> {
  // A restored write completes the fill before it replays (writes never meet a growing dataset).
  const dataset = generateDemoDataset({ seed: DEMO_SEED, activities, now: Date.now(), firstChunk: DEMO_FIRST_CHUNK });
  const options: MemoryAdapterOptions = { dataset, latencyMs: 0, live: { intervalMs: 4_000 } };
  const memory = createMemoryAdapter(options);
  const persisted = await persistWrites(memory, { storage: indexedDbStorage, key: demoStateKey(DEMO_SEED, activities) });
  // The adapter reads its latency per call: the replay above ran without it, the analyst's calls get it.
  options.latencyMs = DEMO_LATENCY_MS;
  return { ...persisted, complete: dataset.complete };
}
