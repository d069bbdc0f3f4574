/**
 * Builds an adapter from a partial object, for tests and stories: every method
 * not given rejects with `unsupported` ("not implemented: name"), so a test
 * states exactly what it relies on. Capabilities default to what is given.
 */
import type { AdapterCapabilities, ThreatDeckAdapter } from '../core/adapter';
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
  adapter.capabilities = {
    live: !!methods.subscribe,
    block: !!methods.block,
    unblock: !!methods.unblock,
    workItems: !!(methods.listWorkItemTargets && methods.createWorkItem),
    bulkByQuery: !!methods.setStatusByQuery,
    export: !!methods.exportActivities,
    suppressionRules: !!methods.ignore,
    serverTimeline: !!methods.getTimeline,
    // Replay with a key is a promise about behaviour, not a method: only the caller can make it.
    idempotentWrites: false,
    rulePreview: !!methods.previewSuppressionRule,
    blockList: !!methods.listBlocks,
    ...capabilities,
  } satisfies AdapterCapabilities;
  return adapter as unknown as ThreatDeckAdapter;
}
