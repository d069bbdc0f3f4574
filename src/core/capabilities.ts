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
} as const satisfies Record<string, readonly [Flag, readonly Method[]]>;

export type Feature = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as Feature[];

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
