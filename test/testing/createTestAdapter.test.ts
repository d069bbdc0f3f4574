import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, methodsOf, supports } from '../../src/core/capabilities';
import { createTestAdapter } from '../../src/testing/createTestAdapter';

describe('createTestAdapter capabilities', () => {
  // Derived from the capability table: a feature added there is earned here by its methods alone.
  for (const feature of FEATURE_NAMES) {
    const methods = methodsOf(feature);
    if (methods.length === 0) continue;
    it(`giving the methods of "${feature}" makes it supported`, () => {
      const given = Object.fromEntries(methods.map((m) => [m, () => Promise.resolve(undefined)]));
      expect(supports(createTestAdapter(given), feature)).toBe(true);
    });
  }

  it('no method, no feature; promises about behaviour stay off', () => {
    const bare = createTestAdapter();
    for (const feature of FEATURE_NAMES) expect(supports(bare, feature)).toBe(false);
    expect(bare.capabilities.idempotentWrites).toBe(false);
  });

  it('an explicit capability wins over the derived one', () => {
    const adapter = createTestAdapter({ block: () => Promise.reject(new Error('x')), capabilities: { block: false } });
    expect(supports(adapter, 'block')).toBe(false);
  });
});
