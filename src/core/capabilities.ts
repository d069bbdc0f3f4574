/**
 * The one capability check. A feature is usable when the adapter advertises
 * it AND has the methods it needs: an adapter that says `block: true` without
 * a `block` method must not get a button that fails on click.
 */
import type { AdapterCapabilities, ThreatDeckAdapter } from './adapter';

type Flag = Exclude<keyof AdapterCapabilities, 'sortableFields'>;
type Method = { [K in keyof ThreatDeckAdapter]-?: NonNullable<ThreatDeckAdapter[K]> extends (...args: never[]) => unknown ? K : never }[keyof ThreatDeckAdapter];

const FEATURES = {
  live: ['live', ['subscribe']],
  block: ['block', ['block']],
  unblock: ['unblock', ['unblock']],
  blockList: ['blockList', ['listBlocks']],
  workItems: ['workItems', ['listWorkItemTargets', 'createWorkItem']],
  bulkByQuery: ['bulkByQuery', ['setStatusByQuery']],
  export: ['export', ['exportActivities']],
  suppressionRules: ['suppressionRules', ['ignore']],
  suppressionRuleList: ['suppressionRules', ['listSuppressionRules']],
  suppressionRuleDelete: ['suppressionRules', ['listSuppressionRules', 'deleteSuppressionRule']],
  rulePreview: ['rulePreview', ['previewSuppressionRule']],
  serverTimeline: ['serverTimeline', ['getTimeline']],
  idempotentWrites: ['idempotentWrites', []],
  ingest: ['ingest', ['ingestEvents']],
  offsetPaging: ['offsetPaging', []],
  overview: ['overview', ['getOverview']],
  actors: ['actors', ['listActors']],
  cases: ['cases', ['listUsers', 'assignActivities', 'addNote', 'addNotes', 'listNotes', 'listHistory']],
} as const satisfies Record<string, readonly [Flag, readonly Method[]]>;

export type Feature = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as Feature[];

export type CapabilityFlag = Flag;
export type AdapterMethodName = Method;
/** The methods a feature needs (empty for promises about behaviour). */
export const methodsOf = (feature: Feature): readonly Method[] => FEATURES[feature][1];
/** Every capability flag, once (several features share one). */
export const CAPABILITY_FLAGS: readonly CapabilityFlag[] = [...new Set(FEATURE_NAMES.map((f) => FEATURES[f][0]))];
// Compile-time proof that every flag of AdapterCapabilities belongs to a feature, so CAPABILITY_FLAGS misses none.
type Expect<T extends true> = T;
export type EveryFlagHasAFeature = Expect<[Exclude<Flag, (typeof FEATURES)[Feature][0]>] extends [never] ? true : false>;

/** The flags a backend may leave out of its capability object (absent reads as false). */
export type OptionalCapabilityFlag = { [K in Flag]-?: undefined extends AdapterCapabilities[K] ? K : never }[Flag];

/**
 * An adapter's capability object: every flag on, except the optional ones it
 * lacks, which are left out. An adapter names what it cannot do instead of
 * repeating the list of flags, so a new feature cannot be forgotten in one.
 */
export function capabilitiesExcept(...lacking: readonly OptionalCapabilityFlag[]): AdapterCapabilities {
  const out = {} as Record<CapabilityFlag, boolean>;
  for (const flag of CAPABILITY_FLAGS) if (!(lacking as readonly CapabilityFlag[]).includes(flag)) out[flag] = true;
  return out;
}

/**
 * The capability object an adapter earns from the methods it has: a flag is on
 * when one of its features has all of its methods. Flags without methods
 * (`idempotentWrites`, `offsetPaging`) are promises about behaviour and stay off.
 */
export function capabilitiesOfMethods(has: (method: Method) => boolean): AdapterCapabilities {
  const out = {} as Record<CapabilityFlag, boolean>;
  for (const flag of CAPABILITY_FLAGS) out[flag] = false;
  for (const f of FEATURE_NAMES) {
    const [flag, methods] = FEATURES[f];
    if (methods.length > 0 && (methods as readonly Method[]).every(has)) out[flag] = true;
  }
  return out;
}

export function supports(adapter: ThreatDeckAdapter, feature: Feature): boolean {
  const [flag, methods] = FEATURES[feature];
  return !!adapter.capabilities[flag] && methods.every((m) => typeof adapter[m] === 'function');
}

export type SupportedFeatures = Record<Feature, boolean> & { sortableFields?: readonly string[] | undefined };

export function supportedFeatures(adapter: ThreatDeckAdapter): SupportedFeatures {
  const out = { sortableFields: adapter.capabilities.sortableFields } as SupportedFeatures;
  for (const f of FEATURE_NAMES) out[f] = supports(adapter, f);
  return out;
}
