/**
 * Fault injection as a decorator over any adapter (memory, HTTP, a host's
 * own): scripted failures for fault tests and error-state stories. Per
 * method, a code to fail with, always or for the first `times` calls only (so
 * a retry can succeed), either before the call reaches the adapter (nothing
 * is applied) or after it has committed (a lost response).
 *
 *   withFaults(adapter, { failOn: { ignore: 'server' }, failAfterCommitOn: { createWorkItem: { code: 'network', times: 1 } } })
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import { AdapterError, type AdapterErrorCode } from '../core/errors';

export type AdapterMethod = Exclude<keyof ThreatDeckAdapter, 'capabilities'>;

/** A code (every call fails) or `{ code, times }` (only the first `times` calls fail). */
export type FaultSpec = AdapterErrorCode | { code: AdapterErrorCode; times?: number };

export type FaultPlan<Method extends string = AdapterMethod> = Partial<Record<Method, FaultSpec>>;

export interface FaultOptions {
  /** These methods reject with the code before the wrapped adapter sees the call (nothing changes, a retry runs for real). */
  failOn?: FaultPlan;
  /**
   * These methods run (and commit) on the wrapped adapter, then reject with
   * the code, as a client sees a server whose answer never arrived. A call
   * that fails on its own keeps its own error and does not count. No effect on
   * `subscribe` and `exportActivities`.
   */
  failAfterCommitOn?: FaultPlan;
  /** Probability (0..1) that any call fails with a `server` error before it reaches the adapter. */
  failureRate?: number;
  /** The random source for `failureRate` (seeded for reproducible runs). Default `Math.random`. */
  random?: () => number;
}

/**
 * Returns `trip(method)`, which throws the planned error while the method
 * still has failures left. Each `trip` call counts as one call of the method.
 */
export function createFaultInjector<Method extends string>(plan: FaultPlan<Method> | undefined, what: string): (method: Method) => void {
  const calls = new Map<Method, number>();
  return (method) => {
    const spec = plan?.[method];
    if (spec === undefined) return;
    const { code, times } = typeof spec === 'string' ? { code: spec, times: undefined } : spec;
    const n = (calls.get(method) ?? 0) + 1;
    calls.set(method, n);
    if (times !== undefined && n > times) return;
    throw new AdapterError(code, `Injected ${what} in ${method}.`);
  };
}

type AnyMethod = (params: unknown) => unknown;

/**
 * The adapter with the faults applied to its methods; every other property
 * (capabilities, a memory adapter's `dataset`…) is the wrapped adapter's.
 */
export function withFaults<A extends ThreatDeckAdapter>(adapter: A, options: FaultOptions): A {
  const failBefore = createFaultInjector(options.failOn, 'failure');
  const failAfterCommit = createFaultInjector(options.failAfterCommitOn, 'lost response');
  const random = options.random ?? Math.random;
  const before = (method: AdapterMethod) => {
    failBefore(method);
    if (options.failureRate && random() < options.failureRate) throw new AdapterError('server', `Injected random failure in ${method}.`);
  };
  const out: Record<string, unknown> = { ...(adapter as object) };
  for (const [name, value] of Object.entries(adapter as object)) {
    if (name === 'capabilities' || typeof value !== 'function' || !isAdapterMethod(name)) continue;
    const method = name;
    const inner = (value as AnyMethod).bind(adapter);
    if (method === 'exportActivities') {
      out[method] = (params: unknown) => {
        const pages = inner(params) as AsyncIterable<unknown>;
        return {
          async *[Symbol.asyncIterator]() {
            before(method);
            yield* pages;
          },
        };
      };
    } else {
      out[method] = async (params: unknown) => {
        before(method);
        const result = await inner(params);
        if (method !== 'subscribe') failAfterCommit(method);
        return result;
      };
    }
  }
  return out as A;
}

// Every method of the contract, checked complete by the compiler: a new method cannot escape the faults.
const METHODS = {
  listActivities: true, getFacet: true, getOverview: true, listActors: true, getActivity: true, listAttempts: true, getTimeline: true, getRemediation: true,
  setStatus: true, setStatusByQuery: true, ignore: true, previewSuppressionRule: true, listSuppressionRules: true,
  deleteSuppressionRule: true, block: true, listBlocks: true, unblock: true, listWorkItemTargets: true, createWorkItem: true,
  exportActivities: true, subscribe: true, ingestEvents: true,
  listUsers: true, assignActivities: true, addNote: true, addNotes: true, listNotes: true, listHistory: true,
} satisfies Record<AdapterMethod, true>;
export const isAdapterMethod = (name: string): name is AdapterMethod => Object.hasOwn(METHODS, name);
