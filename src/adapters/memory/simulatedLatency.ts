/**
 * The memory adapter's simulated network: every call waits its latency
 * (fixed, or uniformly in [min, max]) before it reaches the store, and a call
 * aborted before or during the wait rejects without reaching it. Even without
 * latency a call yields once, so an abort right after the call wins.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { abortError, throwIfAborted } from '../../core/errors';
import { isAdapterMethod } from '../withFaults';

export type Latency = number | [min: number, max: number] | undefined;

async function wait(latency: Latency, random: () => number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  const ms = Array.isArray(latency) ? latency[0] + random() * (latency[1] - latency[0]) : latency ?? 0;
  if (ms > 0) {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        reject(abortError(signal));
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  } else {
    await Promise.resolve();
  }
  throwIfAborted(signal);
}

type AnyMethod = (params: { signal?: AbortSignal }) => unknown;

/** `adapter` with the latency (read on every call, so it may change later) in front of each method. */
export function withSimulatedLatency<A extends ThreatDeckAdapter>(adapter: A, latency: () => Latency, random: () => number): A {
  const out: Record<string, unknown> = { ...(adapter as object) };
  for (const [name, value] of Object.entries(adapter as object)) {
    if (typeof value !== 'function' || !isAdapterMethod(name)) continue;
    const inner = (value as AnyMethod).bind(adapter);
    out[name] =
      name === 'exportActivities'
        ? (params: { signal?: AbortSignal }) => {
            const pages = inner(params) as AsyncIterable<unknown>;
            return {
              async *[Symbol.asyncIterator]() {
                await wait(latency(), random, params.signal);
                yield* pages;
              },
            };
          }
        : async (params: { signal?: AbortSignal }) => {
            await wait(latency(), random, params.signal);
            return inner(params);
          };
  }
  return out as A;
}
