import { describe, expect, it } from 'vitest';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { FEATURE_NAMES, supportedFeatures, supports } from '../../src/core/capabilities';
import { createMemoryAdapter } from '../../src/adapters/memory/createMemoryAdapter';

describe('supports', () => {
  const memory = createMemoryAdapter({ activities: 20, live: false });

  it('needs both the advertised flag and the methods', () => {
    expect(supports(memory, 'block')).toBe(true);
    const claimsWithoutMethod = { ...memory, block: undefined } as unknown as ThreatDeckAdapter;
    expect(supports(claimsWithoutMethod, 'block')).toBe(false);
    const methodWithoutClaim = { ...memory, capabilities: { ...memory.capabilities, block: false } } as ThreatDeckAdapter;
    expect(supports(methodWithoutClaim, 'block')).toBe(false);
  });

  it('work items need the targets and the create method', () => {
    const noTargets = { ...memory, listWorkItemTargets: undefined } as unknown as ThreatDeckAdapter;
    expect(supports(memory, 'workItems')).toBe(true);
    expect(supports(noTargets, 'workItems')).toBe(false);
  });

  it('lists every feature for the provider hook', () => {
    const all = supportedFeatures(memory);
    for (const f of FEATURE_NAMES) expect(typeof all[f]).toBe('boolean');
    const bare = { ...memory, capabilities: { live: false, block: false, unblock: false, workItems: false, bulkByQuery: false, export: false, suppressionRules: false, serverTimeline: false } } as ThreatDeckAdapter;
    expect(Object.values(supportedFeatures(bare)).filter((v) => v === true)).toEqual([]);
  });
});
