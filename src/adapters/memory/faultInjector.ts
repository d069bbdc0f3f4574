/**
 * Scripted failures for the memory adapter's fault tests and error-state
 * stories: per method, a code to fail with, either always or for the first
 * `times` calls only (so a retry can succeed).
 */
import { AdapterError, type AdapterErrorCode } from '../../core/errors';

/** A code (every call fails) or `{ code, times }` (only the first `times` calls fail). */
export type FaultSpec = AdapterErrorCode | { code: AdapterErrorCode; times?: number };

export type FaultPlan<Method extends string> = Partial<Record<Method, FaultSpec>>;

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
