/**
 * The memory adapter's writes as issue 12 defines them: idempotency keys,
 * Ignore as one operation, Reactivate that lifts the rule, the as-of bound
 * and dry run of bulk writes, paged rules and blocks, rule previews, the
 * longest-lived block, the dangerous-target guard and capped work items.
 */
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { IDEMPOTENCY_KEY_TTL_MS, MAX_IDEMPOTENCY_KEY_LENGTH, RULE_PREVIEW_WINDOW_MS } from '../../../src/core/adapter';
import { isAdapterError } from '../../../src/core/errors';
import { MAX_EMBEDDED_WORK_ITEMS, type Activity, type SuppressionRuleInput } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;

function setup(extra: Parameters<typeof createMemoryAdapter>[0] = {}) {
  const clock = { now: NOW };
  const adapter = createMemoryAdapter({ seed: 4, activities: 3000, hugeActivityAttempts: 0, now: () => clock.now, live: false, ...extra });
  return { adapter, clock };
}
type Adapter = ReturnType<typeof setup>['adapter'];

async function failure(promise: Promise<unknown>): Promise<{ code: string; path?: string; detail?: string }> {
  try {
    await promise;
  } catch (e) {
    if (isAdapterError(e)) return { code: e.code, ...(e.path !== undefined ? { path: e.path } : {}), ...(e.detail !== undefined ? { detail: e.detail } : {}) };
    throw e;
  }
  return { code: 'resolved' };
}

const first = async (adapter: Adapter, query = createQuery()) => (await adapter.listActivities({ query, pageSize: 1, signal: signal() })).items[0]!;
const ruleFor = (a: Activity, extra: Partial<SuppressionRuleInput> = {}): SuppressionRuleInput => ({
  actorIp: a.actor.ip,
  endpoint: a.endpoint,
  policyId: a.policy.id,
  expiresAt: null,
  ...extra,
});
const sameKey = (a: Activity) => (b: Activity) =>
  b.actor.ip === a.actor.ip && b.policy.id === a.policy.id && b.endpoint.method === a.endpoint.method && b.endpoint.host === a.endpoint.host && b.endpoint.path === a.endpoint.path;
const allRules = async (adapter: Adapter, state?: 'active' | 'expired') => (await adapter.listSuppressionRules({ pageSize: 1000, signal: signal(), ...(state ? { state } : {}) })).items;
const allBlocks = async (adapter: Adapter, state?: 'active' | 'expired') => (await adapter.listBlocks({ pageSize: 1000, signal: signal(), ...(state ? { state } : {}) })).items;

describe('idempotency keys', () => {
  it('replays the first outcome of each write instead of applying it twice', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const ignoreParams = { rule: ruleFor(a, { reason: 'scanner' }), activityIds: [a.id], idempotencyKey: 'k-ignore', signal: signal() };
    const one = await adapter.ignore(ignoreParams);
    const two = await adapter.ignore({ ...ignoreParams, signal: signal() });
    expect(two).toEqual(one);
    expect(await allRules(adapter)).toHaveLength(1);

    const b = await first(adapter);
    const blockParams = { target: b.actor.ip, durationMs: null, idempotencyKey: 'k-block', signal: signal() };
    const block = await adapter.block(blockParams);
    expect(await adapter.block({ ...blockParams, signal: signal() })).toEqual(block);
    expect(await allBlocks(adapter)).toHaveLength(1);

    const work = { targetId: 'azure-boards-issue', activityId: b.id, values: { title: 'T', areaPath: 'Security' }, idempotencyKey: 'k-work', signal: signal() };
    const created = await adapter.createWorkItem(work);
    expect(await adapter.createWorkItem({ ...work, signal: signal() })).toEqual(created);
    expect((await adapter.getActivity({ id: b.id, signal: signal() })).workItems).toHaveLength(1);

    // Void writes replay too: a retried delete does not turn into not_found.
    await adapter.deleteSuppressionRule({ ruleId: one.rule.id, idempotencyKey: 'k-del', signal: signal() });
    await expect(adapter.deleteSuppressionRule({ ruleId: one.rule.id, idempotencyKey: 'k-del', signal: signal() })).resolves.toBeUndefined();
    await adapter.unblock({ blockId: block.blockId, idempotencyKey: 'k-unblock', signal: signal() });
    await expect(adapter.unblock({ blockId: block.blockId, idempotencyKey: 'k-unblock', signal: signal() })).resolves.toBeUndefined();
    expect(await failure(adapter.unblock({ blockId: block.blockId, signal: signal() }))).toEqual({ code: 'not_found' });
  });

  it('replays a status change once even after the activity moved on', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const params = { ids: [a.id], status: 'under_review' as const, idempotencyKey: 'k-1' };
    expect(await adapter.setStatus({ ...params, signal: signal() })).toEqual({ affected: 1 });
    await adapter.setStatus({ ids: [a.id], status: 'active', signal: signal() });
    // The retry of the first intent must not move the activity again.
    expect(await adapter.setStatus({ ...params, signal: signal() })).toEqual({ affected: 1 });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).status).toBe('active');
  });

  it('the same key with another request is a conflict; property order and the signal do not matter', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    await adapter.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: 'k', signal: signal() });
    expect(await failure(adapter.setStatus({ ids: [a.id], status: 'under_review', idempotencyKey: 'k', signal: signal() }))).toMatchObject({ code: 'conflict' });
    const rule = ruleFor(a, { reason: 'r' });
    const reordered = { reason: 'r', expiresAt: null, policyId: a.policy.id, endpoint: { path: a.endpoint.path, host: a.endpoint.host, method: a.endpoint.method }, actorIp: a.actor.ip };
    const one = await adapter.ignore({ rule, idempotencyKey: 'k2', signal: signal() });
    expect(await adapter.ignore({ signal: signal(), idempotencyKey: 'k2', rule: reordered })).toEqual(one);
    expect(await failure(adapter.ignore({ rule: { ...rule, reason: 'other' }, idempotencyKey: 'k2', signal: signal() }))).toMatchObject({ code: 'conflict' });
    // Keys are per method: one key on two methods is two intents.
    await expect(adapter.block({ target: a.actor.ip, durationMs: null, idempotencyKey: 'k2', signal: signal() })).resolves.toMatchObject({ target: a.actor.ip });
  });

  it('returns deep copies: mutating a replayed result changes neither the store nor the next replay', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const params = { rule: ruleFor(a), idempotencyKey: 'k', signal: signal() };
    const one = await adapter.ignore(params);
    one.rule.endpoint.path = '/mutated';
    const two = await adapter.ignore(params);
    expect(two.rule.endpoint.path).toBe(a.endpoint.path);
    two.rule.actorIp = 'mutated';
    expect((await adapter.ignore(params)).rule.actorIp).toBe(a.actor.ip);
    expect((await allRules(adapter))[0]!.endpoint.path).toBe(a.endpoint.path);
  });

  it('failures are not stored: a retry after a definitive failure runs again', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    expect(await failure(adapter.setStatus({ ids: [a.id, 'nope'], status: 'ignored', idempotencyKey: 'k', signal: signal() }))).toMatchObject({ code: 'not_found' });
    expect(await adapter.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: 'k', signal: signal() })).toEqual({ affected: 1 });
  });

  it('keys expire after IDEMPOTENCY_KEY_TTL_MS on the adapter clock', async () => {
    const { adapter, clock } = setup();
    const a = await first(adapter);
    const params = { target: a.actor.ip, durationMs: null, idempotencyKey: 'k' };
    const one = await adapter.block({ ...params, signal: signal() });
    clock.now = NOW + IDEMPOTENCY_KEY_TTL_MS - 1;
    expect((await adapter.block({ ...params, signal: signal() })).blockId).toBe(one.blockId);
    clock.now = NOW + IDEMPOTENCY_KEY_TTL_MS;
    expect((await adapter.block({ ...params, signal: signal() })).blockId).not.toBe(one.blockId);
    expect(await allBlocks(adapter)).toHaveLength(2);
  });

  it('refuses malformed keys at path idempotencyKey, before anything changes', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    for (const key of ['x'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1), '', 42 as unknown as string]) {
      expect(await failure(adapter.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: key, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'idempotencyKey' });
    }
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).status).toBe('active');
    await expect(adapter.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: 'x'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH), signal: signal() })).resolves.toEqual({ affected: 1 });
  });

  it('a dry run is not stored: the real run with the same key still applies', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const query = createQuery({ filters: { host: [a.endpoint.host] } });
    const { asOf } = await adapter.listActivities({ query, pageSize: 1, signal: signal() });
    const params = { query, status: 'under_review' as const, asOf: asOf!, idempotencyKey: 'intent-1' };
    const dry = await adapter.setStatusByQuery({ ...params, dryRun: true, signal: signal() });
    expect(dry.affected).toBeGreaterThan(1);
    const real = await adapter.setStatusByQuery({ ...params, signal: signal() });
    expect(real).toEqual(dry);
    expect(await adapter.setStatusByQuery({ ...params, signal: signal() })).toEqual(real); // replayed, not re-run
    expect((await adapter.listActivities({ query, pageSize: 1, signal: signal() })).total).toBe(0);
  });
});

describe('Ignore is one operation', () => {
  it('creates the rule and moves the activities, setting suppressedBy', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const { rule, affected } = await adapter.ignore({ rule: ruleFor(a, { reason: 'known scanner' }), activityIds: [a.id], signal: signal() });
    expect(affected).toBe(1);
    expect(rule).toMatchObject({ actorIp: a.actor.ip, policyId: a.policy.id, reason: 'known scanner', createdAt: NOW, suppressedCount: 0, lastHitAt: null });
    expect(await adapter.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: rule.id });
    expect((await allRules(adapter)).map((r) => r.id)).toEqual([rule.id]);
  });

  it('with applyToExisting moves every existing match of any status', async () => {
    const { adapter } = setup();
    const rows = adapter.dataset.activities;
    // A key with several activities, one of them under review.
    const groups = new Map<string, Activity[]>();
    for (const a of rows) {
      const k = `${a.actor.ip}|${a.endpoint.method}|${a.endpoint.host}|${a.endpoint.path}|${a.policy.id}`;
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    const group = [...groups.values()].find((g) => g.length >= 2 && g.some((x) => x.status === 'active'))!;
    expect(group).toBeDefined();
    const made = group.find((x) => x.status === 'active')!;
    await adapter.setStatus({ ids: [group.find((x) => x !== made)!.id], status: 'under_review', signal: signal() });
    const before = await Promise.all(group.map((x) => adapter.getActivity({ id: x.id, signal: signal() })));
    expect(before.some((x) => x.status === 'under_review')).toBe(true);
    const { rule, affected } = await adapter.ignore({ rule: ruleFor(made, { applyToExisting: true }), activityIds: [made.id], signal: signal() });
    expect(affected).toBe(before.filter((x) => x.status !== 'ignored').length);
    for (const x of group) expect(await adapter.getActivity({ id: x.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: rule.id });
  });

  it('validates the whole request before changing anything', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const other = adapter.dataset.activities.find((x) => x.status === 'active' && !sameKey(a)(x))!;
    const cases: Array<[Parameters<Adapter['ignore']>[0], { code: string; path?: string }]> = [
      [{ rule: ruleFor(a), activityIds: [a.id, 'nope'], signal: signal() }, { code: 'not_found' }],
      [{ rule: ruleFor(a), activityIds: [a.id, other.id], signal: signal() }, { code: 'invalid_request', path: 'activityIds[1]' }],
      [{ rule: ruleFor(a), activityIds: 'x' as never, signal: signal() }, { code: 'invalid_request', path: 'activityIds' }],
      [{ rule: ruleFor(a, { actorIp: 'not-an-ip' }), activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule.actorIp' }],
      [{ rule: ruleFor(a, { actorIp: '10.0.0.0/8' }), activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule.actorIp' }],
      [{ rule: ruleFor(a, { endpoint: { ...a.endpoint, path: '' } }), activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule.endpoint.path' }],
      [{ rule: ruleFor(a, { policyId: '' }), activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule.policyId' }],
      [{ rule: ruleFor(a, { expiresAt: NOW - 1 }), activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule.expiresAt' }],
      [{ rule: ruleFor(a, { reason: 7 as never }), activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule.reason' }],
      [{ rule: null as never, activityIds: [a.id], signal: signal() }, { code: 'invalid_request', path: 'rule' }],
    ];
    for (const [params, expected] of cases) expect(await failure(adapter.ignore(params))).toMatchObject(expected);
    expect(await allRules(adapter)).toEqual([]);
    expect(await adapter.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'active' });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).suppressedBy).toBeUndefined();
  });

  it('Reactivate with liftRules deletes the rule in the same operation; without it the rule stays', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const { rule } = await adapter.ignore({ rule: ruleFor(a), activityIds: [a.id], signal: signal() });
    expect(await adapter.setStatus({ ids: [a.id], status: 'active', liftRules: true, signal: signal() })).toEqual({ affected: 1, liftedRuleIds: [rule.id] });
    expect(await allRules(adapter)).toEqual([]);
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).suppressedBy).toBeUndefined();
    // The lifted rule no longer drops the actor's traffic.
    expect(adapter.simulateLiveEvents(1, { about: a.id })[0]).toMatchObject({ type: 'activity' });

    const again = await adapter.ignore({ rule: ruleFor(a), activityIds: [a.id], signal: signal() });
    expect(await adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() })).toEqual({ affected: 1 });
    expect((await allRules(adapter)).map((r) => r.id)).toEqual([again.rule.id]);
    // Any move away from ignored clears suppressedBy.
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).suppressedBy).toBeUndefined();
  });

  it('deleting a rule leaves its activities ignored but no longer naming it', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const { rule } = await adapter.ignore({ rule: ruleFor(a), activityIds: [a.id], signal: signal() });
    await adapter.deleteSuppressionRule({ ruleId: rule.id, signal: signal() });
    const after = await adapter.getActivity({ id: a.id, signal: signal() });
    expect(after.status).toBe('ignored');
    expect(after.suppressedBy).toBeUndefined();
    expect(await adapter.setStatus({ ids: [a.id], status: 'active', liftRules: true, signal: signal() })).toEqual({ affected: 1, liftedRuleIds: [] });
  });
});

describe('bulk by query: the as-of bound and the dry run', () => {
  it('leaves alone what entered the status after the bound', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const query = createQuery({ filters: { host: [a.endpoint.host] } });
    const seen = await adapter.listActivities({ query, pageSize: 5, signal: signal() });
    expect(seen.asOf).toMatch(/^\d+$/);
    // After the analyst looked: one activity moves into the status, a live one arrives.
    const late = adapter.dataset.activities.find((x) => x.status === 'under_review' && x.endpoint.host === a.endpoint.host)!;
    await adapter.setStatus({ ids: [late.id], status: 'active', signal: signal() });
    const newcomer = adapter.simulateLiveEvents(40).find((e) => e.type === 'activity' && e.isNew && e.activity.endpoint.host === a.endpoint.host);
    const now = await adapter.listActivities({ query, pageSize: 1, signal: signal() });
    expect(now.total).toBeGreaterThan(seen.total);

    const dry = await adapter.setStatusByQuery({ query, status: 'under_review', asOf: seen.asOf!, dryRun: true, signal: signal() });
    expect(dry.affected).toBe(seen.total);
    expect((await adapter.listActivities({ query, pageSize: 1, signal: signal() })).total).toBe(now.total); // the dry run changed nothing
    const real = await adapter.setStatusByQuery({ query, status: 'under_review', asOf: seen.asOf!, signal: signal() });
    expect(real.affected).toBe(dry.affected);
    const left = await adapter.listActivities({ query, pageSize: 50, signal: signal() });
    expect(left.items.map((x) => x.id)).toContain(late.id);
    if (newcomer?.type === 'activity') expect(left.items.map((x) => x.id)).toContain(newcomer.activity.id);
    expect(left.total).toBe(now.total - seen.total);
  });

  it('refuses a malformed or future asOf', async () => {
    const { adapter } = setup();
    const query = createQuery();
    const { asOf } = await adapter.listActivities({ query, pageSize: 1, signal: signal() });
    for (const bad of ['abc', '-1', '1.5', String(Number(asOf) + 1), 12 as unknown as string]) {
      expect(await failure(adapter.setStatusByQuery({ query, status: 'ignored', asOf: bad, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'asOf' });
    }
    expect((await adapter.listActivities({ query: createQuery({ status: 'ignored' }), pageSize: 1, signal: signal() })).total).toBe(
      adapter.dataset.activities.filter((x) => x.status === 'ignored').length,
    );
  });

  it('every change moves asOf forward', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    const before = Number((await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).asOf);
    await adapter.setStatus({ ids: [a.id], status: 'ignored', signal: signal() });
    const after = Number((await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).asOf);
    expect(after).toBeGreaterThan(before);
  });
});

describe('suppression rules: paged list and preview', () => {
  async function makeRules(adapter: Adapter, count: number, clock: { now: number }) {
    const actives = adapter.dataset.activities.filter((x) => x.status === 'active').slice(0, count);
    const made = [];
    for (const [i, a] of actives.entries()) {
      clock.now = NOW + Math.floor(i / 3) * 1000; // ties in createdAt, broken by creation order
      made.push((await adapter.ignore({ rule: ruleFor(a, { reason: i % 2 ? 'odd pentest' : 'even', expiresAt: i % 5 === 0 ? clock.now + 500 : null }), signal: signal() })).rule);
    }
    return made;
  }

  it('pages newest first with a total, no duplicates or gaps, and a stable cursor', async () => {
    const { adapter, clock } = setup();
    const made = await makeRules(adapter, 23, clock);
    clock.now = NOW + 100_000;
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await adapter.listSuppressionRules({ pageSize: 4, signal: signal(), ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(4);
      expect(page.total).toBe(made.filter((r) => r.expiresAt === null).length);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      if (pages++ === 1) {
        // A rule created and one deleted between pages shift nothing that is left.
        await adapter.ignore({ rule: ruleFor(adapter.dataset.activities.filter((x) => x.status === 'active')[40]!), signal: signal() });
        await adapter.deleteSuppressionRule({ ruleId: seen[0]!, signal: signal() });
      }
    } while (cursor);
    const expected = made.filter((r) => r.expiresAt === null).reverse().map((r) => r.id);
    expect(seen).toEqual(expected);
    const expired = await allRules(adapter, 'expired');
    expect(expired.map((r) => r.id)).toEqual(made.filter((r) => r.expiresAt !== null).reverse().map((r) => r.id));
  });

  it('searches actor, endpoint, policy and reason, case-insensitively', async () => {
    const { adapter, clock } = setup();
    const made = await makeRules(adapter, 10, clock);
    clock.now = NOW;
    const page = await adapter.listSuppressionRules({ search: 'PENTEST', state: 'active', pageSize: 50, signal: signal() });
    expect(page.items.map((r) => r.id).sort()).toEqual(made.filter((r) => r.reason === 'odd pentest').map((r) => r.id).sort());
    expect(page.total).toBe(5);
    const one = made[3]!;
    expect((await adapter.listSuppressionRules({ search: one.actorIp, pageSize: 50, signal: signal() })).items.map((r) => r.id)).toContain(one.id);
    const name = adapter.dataset.activities.find((x) => x.policy.id === one.policyId)!.policy.name;
    expect((await adapter.listSuppressionRules({ search: name.toUpperCase(), pageSize: 50, signal: signal() })).items.map((r) => r.id)).toContain(one.id);
  });

  it('refuses a foreign cursor, a bad state and a bad search', async () => {
    const { adapter, clock } = setup();
    await makeRules(adapter, 8, clock);
    const page = await adapter.listSuppressionRules({ pageSize: 2, signal: signal() });
    expect(await failure(adapter.listSuppressionRules({ pageSize: 2, state: 'expired', cursor: page.nextCursor!, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'cursor' });
    expect(await failure(adapter.listSuppressionRules({ pageSize: 2, search: 'x', cursor: page.nextCursor!, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'cursor' });
    expect(await failure(adapter.listBlocks({ pageSize: 2, cursor: page.nextCursor!, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'cursor' });
    expect(await failure(adapter.listSuppressionRules({ pageSize: 2, state: 'gone' as never, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'state' });
    expect(await failure(adapter.listSuppressionRules({ pageSize: 2, search: {} as never, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'search' });
    expect(await failure(adapter.listSuppressionRules({ pageSize: 2, cursor: '%%', signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'cursor' });
  });

  it('clamps the page size, and gives a caller without one a page of 50', async () => {
    const { adapter, clock } = setup();
    await makeRules(adapter, 70, clock); // 56 active, 14 expired
    clock.now = NOW + 100_000;
    expect((await adapter.listSuppressionRules({ pageSize: 0, signal: signal() })).items).toHaveLength(1);
    expect((await adapter.listSuppressionRules({ pageSize: 1e9, signal: signal() })).items).toHaveLength(56);
    expect((await adapter.listSuppressionRules({ signal: signal() } as never)).items).toHaveLength(50);
    expect((await adapter.listSuppressionRules({ pageSize: 10, state: 'expired', signal: signal() })).total).toBe(14);
  });

  it('records hits and the last hit time of live events it drops', async () => {
    const { adapter, clock } = setup();
    const a = await first(adapter);
    const { rule } = await adapter.ignore({ rule: ruleFor(a), activityIds: [a.id], signal: signal() });
    clock.now = NOW + 5000;
    adapter.simulateLiveEvents(3, { about: a.id });
    expect((await allRules(adapter))[0]).toMatchObject({ id: rule.id, suppressedCount: 3, lastHitAt: NOW + 5000 });
  });

  it('previews what a rule would match: activities of any status and their events of the last 30 days', async () => {
    const adapter = createMemoryAdapter({ seed: 4, activities: 3000, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const a = adapter.dataset.activities.find((x) => x.attemptCount > 3 && x.firstSeen < NOW - RULE_PREVIEW_WINDOW_MS)
      ?? adapter.dataset.activities.find((x) => x.attemptCount > 3)!;
    const matches = adapter.dataset.activities.filter(sameKey(a));
    let events = 0;
    for (const m of matches) {
      let cursor: string | undefined;
      do {
        const page = await adapter.listAttempts({ id: m.id, pageSize: 1000, signal: signal(), ...(cursor ? { cursor } : {}) });
        events += page.items.filter((at) => at.timestamp >= NOW - RULE_PREVIEW_WINDOW_MS && at.timestamp <= NOW).length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    const preview = await adapter.previewSuppressionRule({ rule: ruleFor(a), signal: signal() });
    expect(preview).toEqual({ activities: matches.length, events, windowMs: RULE_PREVIEW_WINDOW_MS });
    expect(preview.events).toBeGreaterThan(0);
    // It creates nothing.
    expect(await allRules(adapter)).toEqual([]);
    expect((await adapter.previewSuppressionRule({ rule: ruleFor(a, { policyId: 'no-such-policy' }), signal: signal() }))).toEqual({ activities: 0, events: 0, windowMs: RULE_PREVIEW_WINDOW_MS });
  });

  it('a preview of an invalid rule is invalid_request naming the field', async () => {
    const { adapter } = setup();
    const a = await first(adapter);
    expect(await failure(adapter.previewSuppressionRule({ rule: ruleFor(a, { actorIp: 'nope' }), signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'rule.actorIp' });
    expect(await failure(adapter.previewSuppressionRule({ rule: ruleFor(a, { endpoint: { method: 'GET' } as never }), signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'rule.endpoint.host' });
    expect(await failure(adapter.previewSuppressionRule({ rule: ruleFor(a, { expiresAt: 'soon' as never }), signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'rule.expiresAt' });
  });
});

describe('blocks', () => {
  it('an actor shows the longest-lived active block, also after unblocking one of several', async () => {
    const { adapter, clock } = setup();
    const a = await first(adapter);
    const prefix = a.actor.ip.includes(':') ? null : a.actor.ip.split('.').slice(0, 3).join('.');
    const permanent = await adapter.block({ target: a.actor.ip, durationMs: null, signal: signal() });
    const short = await adapter.block({ target: prefix ? `${prefix}.0/24` : a.actor.ip, durationMs: 60_000, signal: signal() });
    // The later, shorter block does not hide the permanent one.
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(permanent.blockId);
    await adapter.unblock({ blockId: permanent.blockId, signal: signal() });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(short.blockId);
    const longer = await adapter.block({ target: a.actor.ip, durationMs: 120_000, signal: signal() });
    const shorter = await adapter.block({ target: a.actor.ip, durationMs: 30_000, signal: signal() });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(longer.blockId);
    await adapter.unblock({ blockId: longer.blockId, signal: signal() });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(short.blockId);
    clock.now = NOW + 60_000; // short and shorter have expired
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked).toBeUndefined();
    const later = await adapter.block({ target: a.actor.ip, durationMs: 1000, signal: signal() });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(later.blockId);
    expect(shorter.expiresAt).toBe(NOW + 30_000);
  });

  it('lists blocks paged, active and expired, searchable, with the activity they came from', async () => {
    const { adapter, clock } = setup();
    const rows = adapter.dataset.activities.filter((x) => !x.actor.ip.includes(':')).slice(0, 13);
    const made = [];
    for (const [i, a] of rows.entries()) {
      made.push(await adapter.block({ target: a.actor.ip, durationMs: i % 4 === 0 ? 1000 : null, reason: i % 3 === 0 ? 'Credential stuffing' : 'scanner', activityId: a.id, signal: signal() }));
    }
    expect(made[0]!.activityId).toBe(rows[0]!.id);
    clock.now = NOW + 1000;
    const seen = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.listBlocks({ pageSize: 3, signal: signal(), ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(9);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((b) => b.blockId)).toEqual(made.filter((b) => b.expiresAt === null).reverse().map((b) => b.blockId));
    expect((await allBlocks(adapter, 'expired')).map((b) => b.blockId)).toEqual(made.filter((b) => b.expiresAt !== null).reverse().map((b) => b.blockId));
    const search = await adapter.listBlocks({ search: 'credential', pageSize: 50, signal: signal() });
    expect(search.items.every((b) => b.reason === 'Credential stuffing' && b.expiresAt === null)).toBe(true);
    expect(search.total).toBe(made.filter((b) => b.reason === 'Credential stuffing' && b.expiresAt === null).length);
    expect((await adapter.listBlocks({ search: rows[5]!.actor.ip, pageSize: 50, signal: signal() })).items.map((b) => b.blockId)).toEqual([made[5]!.blockId]);
  });

  it('refuses a dangerous target unless the risk is acknowledged, naming why', async () => {
    const { adapter } = setup();
    const everything = await failure(adapter.block({ target: '0.0.0.0/0', durationMs: null, signal: signal() }));
    expect(everything).toMatchObject({ code: 'invalid_request', path: 'acknowledgeRisk' });
    expect(everything.detail!.split(',')).toEqual(expect.arrayContaining(['unspecified', 'wide-prefix']));
    const e = await failure(adapter.block({ target: '10.1.2.3', durationMs: 60_000, signal: signal() }));
    expect(e).toEqual({ code: 'invalid_request', path: 'acknowledgeRisk', detail: 'private' });
    expect(await allBlocks(adapter)).toEqual([]);
    const ok = await adapter.block({ target: '10.1.2.3', durationMs: 60_000, acknowledgeRisk: true, signal: signal() });
    expect(ok.target).toBe('10.1.2.3');
    expect(await failure(adapter.block({ target: '8.8.8.8', durationMs: null, acknowledgeRisk: 'yes' as never, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'acknowledgeRisk' });
    // A safe target needs no acknowledgement, and an invalid one is refused at target first.
    await expect(adapter.block({ target: '8.8.8.8', durationMs: null, signal: signal() })).resolves.toMatchObject({ target: '8.8.8.8' });
    expect(await failure(adapter.block({ target: '010.1.2.3', durationMs: null, acknowledgeRisk: true, signal: signal() }))).toMatchObject({ code: 'invalid_request', path: 'target' });
  });

  it('stores the normalised target', async () => {
    const { adapter } = setup();
    const block = await adapter.block({ target: ' 185.220.101.77/24 ', durationMs: null, signal: signal() });
    expect(block.target).toBe('185.220.101.0/24');
  });
});

describe('work items are capped on the activity', () => {
  it('embeds the newest MAX_EMBEDDED_WORK_ITEMS and counts them all', async () => {
    const { adapter, clock } = setup();
    const a = await first(adapter);
    const keys: string[] = [];
    for (let i = 0; i < MAX_EMBEDDED_WORK_ITEMS + 5; i++) {
      clock.now = NOW + i;
      keys.push((await adapter.createWorkItem({ targetId: 'azure-boards-issue', activityId: a.id, values: { title: `T${i}`, areaPath: 'Security' }, signal: signal() })).key);
    }
    const detail = await adapter.getActivity({ id: a.id, signal: signal() });
    expect(detail.workItems.map((w) => w.key)).toEqual(keys.slice(-MAX_EMBEDDED_WORK_ITEMS));
    expect(detail.workItemTotal).toBe(MAX_EMBEDDED_WORK_ITEMS + 5);
    const listed = (await adapter.listActivities({ query: createQuery({ filters: { actor: [a.actor.ip] } }), pageSize: 50, signal: signal() })).items.find((x) => x.id === a.id)!;
    expect(listed.workItems).toHaveLength(MAX_EMBEDDED_WORK_ITEMS);
    expect(listed.workItemTotal).toBe(MAX_EMBEDDED_WORK_ITEMS + 5);
  });
});

describe('concurrent retries', () => {
  it('two calls in flight with one key apply once', async () => {
    const { adapter } = setup({ latencyMs: [5, 15] });
    const a = await first(adapter);
    const params = { rule: ruleFor(a), activityIds: [a.id], idempotencyKey: 'double-click' };
    const [one, two] = await Promise.all([adapter.ignore({ ...params, signal: signal() }), adapter.ignore({ ...params, signal: signal() })]);
    expect(two.rule.id).toBe(one.rule.id);
    expect(await allRules(adapter)).toHaveLength(1);
  });
});
