/**
 * Fake backends for the SuppressionRules and BlockList stories: every state
 * (loading, empty, error then retry, hundreds of items, hostile text) is
 * reachable deterministically, with a little latency so paging is visible.
 */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { AdapterError, type AdapterErrorCode } from '../../src/core/errors';
import type { IpBlock, SuppressionRule } from '../../src/core/model';
import { createTestAdapter, type TestAdapterInput } from '../../src/testing/createTestAdapter';
import { blocksBackend, makeBlocks, makeRules, NOW, rulesBackend } from '../../test/components/SuppressionRules/collectionTestKit';

export const COLLECTION_STORY_NOW = NOW;

const later = <T,>(value: () => Promise<T>, ms: number) => new Promise<T>((resolve, reject) => setTimeout(() => value().then(resolve, reject), ms));
const never = () => new Promise<never>(() => undefined);

/** Rules (default: 24 of them, mixed expiry, hits and reasons) with delete; override any method. */
export function rulesStoryAdapter(rules: SuppressionRule[] = makeRules(24), overrides: TestAdapterInput = {}): ThreatDeckAdapter {
  const backend = rulesBackend(rules);
  return createTestAdapter({
    listSuppressionRules: (params) => later(() => backend.listSuppressionRules(params), 250),
    deleteSuppressionRule: (params) => later(() => backend.deleteSuppressionRule(params), 400),
    ...overrides,
    capabilities: { suppressionRules: true, ...overrides.capabilities },
  });
}

/** Blocks (default: 24 of them) with unblock; override any method. */
export function blocksStoryAdapter(blocks: IpBlock[] = makeBlocks(24), overrides: TestAdapterInput = {}): ThreatDeckAdapter {
  const backend = blocksBackend(blocks);
  return createTestAdapter({
    listBlocks: (params) => later(() => backend.listBlocks(params), 250),
    unblock: (params) => later(() => backend.unblock(params), 400),
    ...overrides,
    capabilities: { blockList: true, unblock: true, ...overrides.capabilities },
  });
}

/** A read that fails with `code` the first time and works on Retry. */
export function failingOnce<P, R>(code: AdapterErrorCode, read: (params: P) => Promise<R>): (params: P) => Promise<R> {
  let failed = false;
  return (params) => {
    if (failed) return read(params);
    failed = true;
    return later(() => Promise.reject(new AdapterError(code, code)), 250);
  };
}

export const loadingRules: TestAdapterInput = { listSuppressionRules: never };
export const loadingBlocks: TestAdapterInput = { listBlocks: never };

export { makeBlocks, makeRules, makeBlock, makeRule, rulesBackend, blocksBackend } from '../../test/components/SuppressionRules/collectionTestKit';
