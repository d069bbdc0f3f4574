/**
 * The embedded default adapter: an in-memory store over a seeded demo dataset
 * that implements every capability of the contract for real (filters, facets,
 * counts, cursor paging, triage with idempotency keys and as-of bounds, atomic
 * Ignore, suppression rules that drop live traffic, rule previews, IP/CIDR
 * blocks, capped work items, export, simulated live traffic), with optional
 * latency and scripted failures for stories and fault tests.
 *
 * Every write runs synchronously after its latency, so validation, the change
 * and the idempotency record happen with no other call in between: a write is
 * applied whole or not at all.
 *
 * Layers, outermost first: simulated latency (and aborts), fault injection
 * (`withFaults`), then the operations over one store, grouped by area.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { capabilitiesExcept } from '../../core/capabilities';
import { generateDemoDataset, type DemoDataset } from '../../core/dataset/generateDemoDataset';
import { createSeededRandom, hashSeed } from '../../core/dataset/seededRandom';
import type { LiveEvent } from '../../core/adapter';
import { isAdapterMethod, withFaults, type AdapterMethod, type FaultPlan } from '../withFaults';
import { activityReads } from './activityReads';
import { blockOperations } from './blockOperations';
import { caseOperations } from './caseOperations';
import { createIngest } from './ingest';
import { createLiveSimulation, type MemoryLiveOptions, type SimulateLiveOptions } from './liveSimulation';
import { createMemoryStore, type CaseOptions } from './memoryStore';
import { withSimulatedLatency } from './simulatedLatency';
import { triageOperations } from './triageOperations';
import { workItemOperations } from './workItemOperations';

export { MAX_BLOCK_DURATION_MS } from './blockOperations';
export type { MemoryLiveOptions, SimulateLiveOptions } from './liveSimulation';

export type MemoryAdapterMethod = AdapterMethod;

export interface MemoryAdapterOptions {
  /** A ready dataset (the adapter takes ownership of its activities); otherwise one is generated. */
  dataset?: DemoDataset;
  seed?: number;
  /** Activities to generate when no dataset is given. Default 10 000. */
  activities?: number;
  /** See `GenerateDemoDatasetOptions.hugeActivityAttempts`. */
  hugeActivityAttempts?: number;
  /** Artificial latency per call: fixed, or uniformly in [min, max]. Read on every call, so it may be changed later. */
  latencyMs?: number | [min: number, max: number];
  /** Probability (0..1) that any call fails with a `server` error (before anything changes). */
  failureRate?: number;
  /**
   * A definitive failure (through `withFaults`, which works over any adapter): these methods reject with the given code after their
   * latency and before anything changes (nothing is applied, no idempotency key
   * is stored, so a retry runs for real). A code fails every call;
   * `{ code, times }` fails only the first `times` calls of that method (calls
   * cancelled during their latency do not count), so a retry can succeed.
   *
   *   failOn: { ignore: 'server', listBlocks: { code: 'network', times: 1 } }
   */
  failOn?: FaultPlan;
  /**
   * A lost response: these methods run and commit (a write is applied and its
   * idempotency key stored), then reject with the given code, as a client sees
   * a server that committed but whose answer never arrived (use `network` or
   * `timeout`, which `isWriteOutcomeUnknown` reports as unknown). A retry with
   * the same idempotency key replays the stored outcome; a retry without one
   * applies again. Same forms as `failOn`; every call that gets as far as the
   * commit counts towards `times` (a replay too: its answer is lost as well).
   * Invalid requests still fail with their own error and commit nothing.
   * Has no effect on `subscribe` and `exportActivities`.
   *
   *   failAfterCommitOn: { createWorkItem: { code: 'network', times: 1 } }
   */
  failAfterCommitOn?: FaultPlan;
  /** The clock (epoch ms). Default `Date.now`. Idempotency keys and rule/block expiry follow it. */
  now?: () => number;
  /** Simulated live traffic for `subscribe`; `false` disables the timer (simulateLiveEvents still works). */
  live?: MemoryLiveOptions | false;
  /** Users who can be assigned (default: the demo team, with seeded assignments, notes and history). */
  users?: CaseOptions['users'];
  /** The signed-in user: `me` in the assignee filter and the author of writes without a principal. */
  currentUserId?: string;
}

export interface MemoryAdapter extends Required<ThreatDeckAdapter> {
  readonly dataset: DemoDataset;
  /** Deterministically generates `count` live events now, delivers them to subscribers and returns them. */
  simulateLiveEvents(count?: number, options?: SimulateLiveOptions): LiveEvent[];
}

/**
 * Calls that never read the activities: the team and the work-item targets
 * (the FilterBar names the assignee from the users on mount; completing a
 * 100k fill for it put a second of generation on the way to the first rows).
 */
const INDEPENDENT_OF_ACTIVITIES: ReadonlySet<string> = new Set(['listUsers', 'listWorkItemTargets']);

/**
 * Every call but a list page (which may be answered from the generated
 * prefix), a subscription and the reads above waits for a progressive
 * dataset to be complete.
 */
function completeFillFirst<A extends ThreatDeckAdapter>(adapter: A, fill: { complete(): void }): A {
  const out: Record<string, unknown> = { ...(adapter as object) };
  for (const [name, value] of Object.entries(adapter as object)) {
    if (typeof value !== 'function' || !isAdapterMethod(name) || name === 'listActivities' || name === 'subscribe' || INDEPENDENT_OF_ACTIVITIES.has(name)) continue;
    out[name] = (...args: unknown[]) => {
      fill.complete();
      return (value as (...a: unknown[]) => unknown).apply(adapter, args);
    };
  }
  return out as A;
}

export function createMemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const clock = options.now ?? Date.now;
  const dataset =
    options.dataset ??
    generateDemoDataset({
      seed: options.seed ?? 1,
      activities: options.activities ?? 10_000,
      now: clock(),
      ...(options.hugeActivityAttempts !== undefined ? { hugeActivityAttempts: options.hugeActivityAttempts } : {}),
    });
  const store = createMemoryStore(dataset, clock, {
    ...(options.users ? { users: options.users } : {}),
    ...(options.currentUserId !== undefined ? { currentUserId: options.currentUserId } : {}),
  });
  const live = createLiveSimulation(store, options.live);
  const ingest = createIngest({
    index: store.index,
    rules: store.rules,
    attempts: store.attempts,
    rowsOfKey: (key) => store.byKey.get(key) ?? [],
    addRow: store.addRow,
    deliver: store.deliver,
    nextRevision: store.nextRevision,
    now: clock,
  });

  const operations: MemoryAdapter = {
    // The memory adapter implements every capability.
    capabilities: capabilitiesExcept(),
    dataset,
    simulateLiveEvents: (count, simulate) => {
      store.fill.complete();
      return live.simulateLiveEvents(count, simulate);
    },
    ...activityReads(store),
    ...triageOperations(store),
    ...blockOperations(store),
    ...workItemOperations(store),
    ...caseOperations(store),
    ingestEvents: (params) => store.write('ingestEvents', params, () => ingest(params.events)),
    subscribe: async (params) => live.subscribe(params),
  };

  // One seeded source for latency and random failures, drawn in call order, so a seed replays a run.
  const faults = createSeededRandom(hashSeed(dataset.seed, 'faults'));
  const random = () => faults.next();
  const faulty = withFaults(operations, {
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.failAfterCommitOn ? { failAfterCommitOn: options.failAfterCommitOn } : {}),
    ...(options.failureRate ? { failureRate: options.failureRate } : {}),
    random,
  });
  return withSimulatedLatency(completeFillFirst(faulty, store.fill), () => options.latencyMs, random);
}
