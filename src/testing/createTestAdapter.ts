/**
 * Builds an adapter from a partial object, for tests and stories: every method
 * not given rejects with `unsupported` ("not implemented: name"), so a test
 * states exactly what it relies on. Capabilities default to what is given.
 */
import type { AdapterCapabilities, ThreatDeckAdapter } from '../core/adapter';
import { capabilitiesOfMethods } from '../core/capabilities';
import { AdapterError } from '../core/errors';

type Methods = Omit<ThreatDeckAdapter, 'capabilities'>;
const REQUIRED: Array<keyof Methods> = [
  'listActivities',
  'getFacet',
  'getActivity',
  'listAttempts',
  'getRemediation',
  'setStatus',
];

export type TestAdapterInput = Partial<Methods> & { capabilities?: Partial<AdapterCapabilities> };

export function createTestAdapter(partial: TestAdapterInput = {}): ThreatDeckAdapter {
  const { capabilities, ...methods } = partial;
  const notImplemented = (name: string) => () =>
    Promise.reject(new AdapterError('unsupported', `not implemented: ${name}`));
  const adapter: Record<string, unknown> = {};
  for (const name of REQUIRED) adapter[name] = methods[name] ?? notImplemented(name);
  for (const [name, fn] of Object.entries(methods)) if (fn) adapter[name] = fn;
  // Derived from the capability table, so a new capability cannot be forgotten here; replay with a key
  // (idempotentWrites) is a promise about behaviour, not a method: only the caller can make it.
  adapter.capabilities = {
    ...capabilitiesOfMethods((m) => typeof methods[m] === 'function'),
    ...capabilities,
  } satisfies AdapterCapabilities;
  return adapter as unknown as ThreatDeckAdapter;
}
