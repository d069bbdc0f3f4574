/**
 * A suppression rule keys on one actor address in its canonical text (the form
 * analyzeBlockTarget produces), whatever form the analyst typed, and matches
 * activities whose actor IP is itself written non-canonically.
 */
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { suppressionKeyOf, validateRuleInput } from '../../../src/adapters/memory/suppressionRuleStore';
import { generateDemoDataset } from '../../../src/core/dataset';
import { isAdapterError } from '../../../src/core/errors';
import type { Activity, SuppressionRuleInput } from '../../../src/core/model';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;

/** A dataset whose first activity has the given actor IP, as stored (attacker-written) text. */
function setup(actorIp: string) {
  const dataset = generateDemoDataset({ seed: 4, activities: 500, now: NOW, hugeActivityAttempts: 0 });
  const target = dataset.activities.find((a) => a.status === 'active')!;
  target.actor.ip = actorIp;
  // A key no other activity shares, so counts are exact.
  target.endpoint = { ...target.endpoint, path: '/normalisation-probe' };
  const adapter = createMemoryAdapter({ dataset, now: () => NOW, live: false });
  return { adapter, target };
}

const ruleFor = (a: Activity, actorIp: string): SuppressionRuleInput => ({
  actorIp,
  endpoint: { ...a.endpoint },
  policyId: a.policy.id,
  expiresAt: null,
});

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (isAdapterError(e)) return { code: e.code, path: e.path };
    throw e;
  }
  return { code: 'resolved' };
}

describe('suppression rule actorIp normalisation', () => {
  it.each([
    ['::ffff:41.216.188.171', '41.216.188.171'],
    [' 41.216.188.171 ', '41.216.188.171'],
    ['::FFFF:29D8:BCAB', '41.216.188.171'],
    ['2A00:1450:4001:0000:0:0:0:0001', '2a00:1450:4001::1'],
    // IPv4-compatible: the IPv6 address ::7f00:1, not 127.0.0.1.
    ['::127.0.0.1', '::7f00:1'],
  ])('stores %j as %j', (typed, canonical) => {
    const rule = validateRuleInput({ actorIp: typed, endpoint: { method: 'GET', host: 'h', path: '/' }, policyId: 'p', expiresAt: null }, NOW);
    expect(rule.actorIp).toBe(canonical);
  });

  it.each(['41.216.188.0/24', '41.216.188.171/32', '::1/128', 'not-an-ip', '', '  ', '041.216.188.171', 'fe80::1%eth0', 42])(
    'refuses %j at rule.actorIp',
    async (actorIp) => {
      const { adapter, target } = setup('41.216.188.171');
      const rule = { ...ruleFor(target, ''), actorIp } as SuppressionRuleInput;
      expect(await failure(adapter.ignore({ rule, activityIds: [target.id], signal: signal() }))).toEqual({ code: 'invalid_request', path: 'rule.actorIp' });
    },
  );

  it.each(['::ffff:41.216.188.171', ' 41.216.188.171 ', '::ffff:29d8:bcab'])('a rule typed as %j matches the activity of 41.216.188.171', async (typed) => {
    const { adapter, target } = setup('41.216.188.171');
    const preview = await adapter.previewSuppressionRule({ rule: ruleFor(target, typed), signal: signal() });
    expect(preview.activities).toBe(1);
    const { rule, affected } = await adapter.ignore({ rule: ruleFor(target, typed), activityIds: [target.id], signal: signal() });
    expect(rule.actorIp).toBe('41.216.188.171');
    expect(affected).toBe(1);
    const after = adapter.dataset.activities.find((a) => a.id === target.id)!;
    expect(after.status).toBe('ignored');
  });

  it('matches upper-case IPv6 both ways (rule typed upper-case, activity stored upper-case)', async () => {
    for (const [stored, typed] of [
      ['2a00:1450:4001::1', '2A00:1450:4001::1'],
      ['2A00:1450:4001:0:0:0:0:1', '2a00:1450:4001::1'],
    ] as const) {
      const { adapter, target } = setup(stored);
      expect((await adapter.previewSuppressionRule({ rule: ruleFor(target, typed), signal: signal() })).activities).toBe(1);
      const { affected } = await adapter.ignore({ rule: ruleFor(target, typed), activityIds: [target.id], signal: signal() });
      expect(affected).toBe(1);
    }
  });

  it('matches an activity whose actor IP is stored non-canonically (mapped, spaced)', async () => {
    for (const stored of ['::ffff:41.216.188.171', ' 41.216.188.171', '0:0:0:0:0:ffff:29d8:bcab']) {
      const { adapter, target } = setup(stored);
      expect((await adapter.previewSuppressionRule({ rule: ruleFor(target, '41.216.188.171'), signal: signal() })).activities).toBe(1);
      const { affected } = await adapter.ignore({ rule: { ...ruleFor(target, '::ffff:41.216.188.171'), applyToExisting: true }, signal: signal() });
      expect(affected).toBe(1);
      expect(adapter.dataset.activities.find((a) => a.id === target.id)!.status).toBe('ignored');
    }
  });

  it('drops live traffic of a non-canonically stored actor once a canonical rule exists', async () => {
    const { adapter, target } = setup('::FFFF:41.216.188.171');
    await adapter.ignore({ rule: ruleFor(target, '41.216.188.171'), activityIds: [target.id], signal: signal() });
    expect(adapter.simulateLiveEvents(1, { about: target.id })[0]).toMatchObject({ type: 'suppressed' });
  });

  it('keys unparseable activity IPs on their own text, never on an address', () => {
    const e = { method: 'GET', host: 'h', path: '/' };
    expect(suppressionKeyOf('not-an-ip', e, 'p')).not.toBe(suppressionKeyOf('41.216.188.171', e, 'p'));
    expect(suppressionKeyOf('041.216.188.171', e, 'p')).not.toBe(suppressionKeyOf('41.216.188.171', e, 'p'));
    expect(suppressionKeyOf('::ffff:41.216.188.171', e, 'p')).toBe(suppressionKeyOf('41.216.188.171', e, 'p'));
  });
});
