import { createMemoryAdapter, type MemoryAdapter } from '../../src/adapters/memory';
import { RULE_PREVIEW_WINDOW_MS, type AdapterCapabilities, type ThreatDeckAdapter } from '../../src/core/adapter';
import { AdapterError } from '../../src/core/errors';
import type { IpBlock } from '../../src/core/model';
import { createTestAdapter, runAdapterContract } from '../../src/testing';

const NOW = 1_748_779_200_000;

runAdapterContract({
  name: 'memory adapter',
  createAdapter: () => createMemoryAdapter({ seed: 11, activities: 2000, hugeActivityAttempts: 0, now: () => NOW, live: false }),
  test: it,
});

// The suite must be able to fail: a broken adapter is caught.
describe('runAdapterContract against a broken adapter', () => {
  const cases = new Map<string, () => Promise<void>>();
  const memory = createMemoryAdapter({ seed: 3, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
  runAdapterContract({
    name: 'broken',
    createAdapter: () =>
      createTestAdapter({
        ...memory,
        // Duplicates: every page is the first page again.
        listActivities: (p) => memory.listActivities({ ...p, cursor: undefined } as typeof p),
        capabilities: { ...memory.capabilities, block: true },
        block: undefined,
      }),
    test: (title, fn) => cases.set(title, fn),
  });

  it('reports duplicates when paging repeats items', async () => {
    await expect(cases.get('broken: pages without duplicates or gaps (sorted by lastSeen desc)')!()).rejects.toThrow(/twice/);
  });

  it('reports capabilities advertised without their method', async () => {
    await expect(cases.get('broken: advertises capabilities that match the methods it has')!()).rejects.toThrow(/"block"/);
  });

  it('registers every case with the given runner', () => {
    expect(cases.size).toBeGreaterThanOrEqual(15);
  });
});

/**
 * Each check of issue 12 fails on purpose against an adapter broken in just
 * that way (a memory adapter with one method wrapped), and is skipped, passing,
 * when the adapter does not advertise the capability.
 */
describe('runAdapterContract: the trustworthy-write checks can fail', () => {
  type Broken = (memory: MemoryAdapter) => Partial<Omit<ThreatDeckAdapter, 'capabilities'>> & { capabilities?: Partial<AdapterCapabilities> };

  function caseOf(title: string, broken: Broken): () => Promise<void> {
    let found: (() => Promise<void>) | undefined;
    runAdapterContract({
      name: 'broken',
      createAdapter: () => {
        const memory = createMemoryAdapter({ seed: 3, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
        const { capabilities, ...methods } = broken(memory);
        return createTestAdapter({ ...memory, ...methods, capabilities: { ...memory.capabilities, ...capabilities } });
      },
      test: (t, fn) => {
        if (t === `broken: ${title}`) found = fn;
      },
    });
    if (!found) throw new Error(`no contract case titled "${title}"`);
    return found;
  }

  const REPLAY = 'idempotent writes: two calls with one key apply once (one status change, one rule, one block, one work item)';
  const CONFLICT = 'the same idempotency key with a different request is a conflict and changes nothing';
  const IGNORE = 'Ignore is one operation: the rule exists, the activities are ignored and name it; Reactivate with liftRules removes it';
  const AS_OF = 'bulk by query is bounded by asOf, and a dry run counts exactly what the real run changes';
  const RULE_PAGES = 'suppression rules page without duplicates or gaps, with a right total, and filter by state and search';
  const BLOCK_PAGES = 'blocks page without duplicates or gaps, with a right total, and record the activity they came from';
  const LONGEST = 'several blocks on one address: the actor shows the longest-lived, also after an unblock';
  const DANGEROUS = 'a dangerous block target is refused unless the risk is acknowledged, naming why';
  const PREVIEW = 'a rule preview counts what the rule would match; an invalid rule is invalid_request naming the field';
  const WORK_ITEMS = 'work items are capped on the activity, with a total of all';
  const CAPABILITIES = 'advertises capabilities that match the methods it has';

  const noKey = <P extends { idempotencyKey?: string }>(p: P): P => ({ ...p, idempotencyKey: undefined });

  it.each<[string, string, Broken, RegExp]>([
    ['a status change replayed by key applies again', REPLAY, (m) => ({ setStatus: (p) => m.setStatus(noKey(p)) }), /applied the status change again/],
    ['a replayed ignore makes a second rule', REPLAY, (m) => ({ ignore: (p) => m.ignore(noKey(p)) }), /second rule/],
    ['a replayed block makes a second block', REPLAY, (m) => ({ block: (p) => m.block(noKey(p)) }), /second block/],
    ['a replayed work item makes a second ticket', REPLAY, (m) => ({ createWorkItem: (p) => m.createWorkItem(noKey(p)) }), /second work item/],
    ['a reused key with another body is accepted', CONFLICT, (m) => ({ setStatus: (p) => m.setStatus(noKey(p)) }), /reused key and another status: expected the call to reject/],
    ['Ignore is two requests (rule, then status) and the second fails', IGNORE, (m) => ({
      ignore: async ({ activityIds, ...p }) => {
        const result = await m.ignore(p);
        await m.setStatus({ ids: activityIds ?? [], status: 'ignored', signal: p.signal });
        return result;
      },
    }), /a failed ignore still created its rule/],
    ['Ignore creates the rule but leaves the activities', IGNORE, (m) => ({
      ignore: async ({ activityIds, ...p }) => {
        for (const id of activityIds ?? []) await m.getActivity({ id, signal: p.signal }); // validates, then forgets them
        return m.ignore(p);
      },
    }), /reported affected 0|did not move the activity to ignored/],
    ['ignored activities do not name their rule', IGNORE, (m) => ({
      getActivity: async (p) => {
        const { suppressedBy: _s, ...detail } = await m.getActivity(p);
        return detail;
      },
    }), /names rule "undefined"/],
    ['Reactivate leaves the rule in place', IGNORE, (m) => ({ setStatus: ({ liftRules: _l, ...p }) => m.setStatus(p) }), /liftedRuleIds/],
    ['bulk by query ignores the as-of bound', AS_OF, (m) => ({ setStatusByQuery: ({ asOf: _a, ...p }) => m.setStatusByQuery(p) }), /dry run bounded by asOf counted/],
    ['a dry run changes statuses', AS_OF, (m) => ({ setStatusByQuery: ({ dryRun, ...p }) => m.setStatusByQuery(p).then((r) => (dryRun ? r : { affected: r.affected })) }), /a dry run changed statuses/],
    ['the list carries no asOf', AS_OF, (m) => ({ listActivities: (p) => m.listActivities(p).then(({ asOf: _a, ...page }) => page) }), /no asOf/],
    ['rule pages repeat the first page', RULE_PAGES, (m) => ({ listSuppressionRules: ({ cursor: _c, ...p }) => m.listSuppressionRules(p) }), /twice/],
    ['the rule total is off by one', RULE_PAGES, (m) => ({ listSuppressionRules: (p) => m.listSuppressionRules(p).then((page) => ({ ...page, total: page.total + 1 })) }), /total says/],
    ['block pages skip an item', BLOCK_PAGES, (m) => ({ listBlocks: (p) => m.listBlocks(p).then((page) => ({ ...page, items: page.items.slice(1) })) }), /total says|missing/],
    ['listed blocks forget their activity', BLOCK_PAGES, (m) => ({ listBlocks: (p) => m.listBlocks(p).then((page) => ({ ...page, items: page.items.map(({ activityId: _a, ...b }) => b) })) }), /record the activity/],
    ['the latest block overwrites the longest-lived', LONGEST, (m) => {
      let last: IpBlock | undefined;
      return {
        block: async (p) => (last = await m.block(p)),
        getActivity: async (p) => {
          const detail = await m.getActivity(p);
          return last && detail.blocked ? { ...detail, blocked: { blockId: last.blockId, target: last.target, expiresAt: last.expiresAt } } : detail;
        },
      };
    }, /hides the permanent one/],
    ['a dangerous target is blocked without acknowledgement', DANGEROUS, (m) => ({ block: (p) => m.block({ ...p, acknowledgeRisk: true }) }), /0\.0\.0\.0\/0 without acknowledgeRisk: expected the call to reject/],
    ['the refusal does not say why', DANGEROUS, (m) => ({
      block: (p) => m.block(p).catch((e: AdapterError) => Promise.reject(new AdapterError(e.code, e.message, e.path ? { path: e.path } : {}))),
    }), /does not say why/],
    ['a preview accepts an invalid rule', PREVIEW, () => ({ previewSuppressionRule: async () => ({ activities: 1, events: 0, windowMs: RULE_PREVIEW_WINDOW_MS }) }), /without actor: expected the call to reject/],
    ['a preview error names no field', PREVIEW, (m) => ({
      previewSuppressionRule: (p) => m.previewSuppressionRule(p).catch((e: AdapterError) => Promise.reject(new AdapterError(e.code, e.message))),
    }), /not "rule\.actorIp"/],
    ['work items are embedded without a total', WORK_ITEMS, (m) => ({
      getActivity: async (p) => {
        const { workItemTotal: _t, ...detail } = await m.getActivity(p);
        return detail;
      },
    }), /workItemTotal is undefined/],
    ['rulePreview and blockList advertised without their methods', CAPABILITIES, () => ({ previewSuppressionRule: undefined, listBlocks: undefined }), /"rulePreview"/],
  ])('%s', async (_what, title, broken, message) => {
    await expect(caseOf(title, broken)()).rejects.toThrow(message);
  });

  it('passes the optional checks trivially when the adapter lacks the capability', async () => {
    const without: Broken = () => ({
      previewSuppressionRule: undefined,
      listBlocks: undefined,
      capabilities: { idempotentWrites: false, rulePreview: false, blockList: false },
    });
    for (const title of [REPLAY, CONFLICT, PREVIEW, BLOCK_PAGES, CAPABILITIES]) await expect(caseOf(title, without)()).resolves.toBeUndefined();
    const bare: Broken = () => ({
      ignore: undefined, listSuppressionRules: undefined, block: undefined, unblock: undefined, createWorkItem: undefined, setStatusByQuery: undefined,
      capabilities: { suppressionRules: false, block: false, unblock: false, workItems: false, bulkByQuery: false, idempotentWrites: false, blockList: false },
    });
    for (const title of [IGNORE, AS_OF, RULE_PAGES, LONGEST, DANGEROUS, WORK_ITEMS]) await expect(caseOf(title, bare)()).resolves.toBeUndefined();
  });
});

/** The actor pivot's check fails on purpose against an adapter whose pages are wrong in one way each. */
describe('runAdapterContract: the actor pivot check can fail', () => {
  const ACTORS = 'actors: the pages, walked, group exactly the listed activities, in the sort’s order, each actor once';
  function actorsCase(listActors: (memory: MemoryAdapter) => ThreatDeckAdapter['listActors']): () => Promise<void> {
    let found: (() => Promise<void>) | undefined;
    runAdapterContract({
      name: 'broken',
      createAdapter: () => {
        const memory = createMemoryAdapter({ seed: 3, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
        return createTestAdapter({ ...memory, listActors: listActors(memory), capabilities: memory.capabilities });
      },
      test: (t, fn) => {
        if (t === `broken: ${ACTORS}`) found = fn;
      },
    });
    return found!;
  }

  it('reports an actor whose attempts are not the sum of its activities', async () => {
    const run = actorsCase((m) => async (p) => {
      const page = await m.listActors!(p);
      return { ...page, items: page.items.map((a, i) => (i === 0 ? { ...a, attempts: a.attempts + 1 } : a)) };
    });
    await expect(run()).rejects.toThrow(/differs from grouping/);
  });

  it('reports pages out of the sort’s order', async () => {
    const run = actorsCase((m) => async (p) => {
      const page = await m.listActors!(p);
      return { ...page, items: [...page.items].reverse() };
    });
    await expect(run()).rejects.toThrow(/order/);
  });

  it('a page that only orders its keys differently passes', async () => {
    const run = actorsCase((m) => async (p) => {
      const page = await m.listActors!(p);
      return { ...page, items: page.items.map((a) => Object.fromEntries(Object.entries(a).reverse()) as typeof a) };
    });
    await expect(run()).resolves.toBeUndefined();
  });
});
