/**
 * Contract cases for writes you can trust (issue 12): idempotency, atomic Ignore, the as-of bound, paged collections, dangerous targets, caps, copies.
 */
import { RULE_PREVIEW_WINDOW_MS } from '../../core/adapter';
import { isAdapterError } from '../../core/errors';
import { MAX_EMBEDDED_WORK_ITEMS, type Activity, type SuppressionRule } from '../../core/model';
import { createQuery } from '../../core/query';
import { check, expectCode, newKey, rejection, requiredValues, ruleFor, ruleKeyOf, signal, UNKNOWN_ID, type ContractContext, type ContractIt } from './contractKit';

export function trustedWriteContractCases(it: ContractIt, ctx: ContractContext): void {
  const { pageSize, list, walkRules, walkBlocks, distinctActivities, someActivity, narrowTo } = ctx;

  it('idempotent writes: two calls with one key apply once (one status change, one rule, one block, one work item)', async (adapter) => {
    if (!adapter.capabilities.idempotentWrites) return;
    const [a, b] = await distinctActivities(adapter, 2);
    const status = { ids: [a!.id], status: 'under_review' as const, idempotencyKey: newKey() };
    const first = await adapter.setStatus({ ...status, signal: signal() });
    await adapter.setStatus({ ids: [a!.id], status: 'active', signal: signal() });
    const second = await adapter.setStatus({ ...status, signal: signal() });
    check(second.affected === first.affected, `a replayed setStatus answered affected ${second.affected}, the first call ${first.affected}`);
    check((await adapter.getActivity({ id: a!.id, signal: signal() })).status === 'active', 'a replayed setStatus applied the status change again');

    if (adapter.capabilities.suppressionRules && adapter.ignore) {
      const params = { rule: ruleFor(b!, { reason: 'contract replay' }), idempotencyKey: newKey() };
      const one = await adapter.ignore({ ...params, signal: signal() });
      const two = await adapter.ignore({ ...params, signal: signal() });
      check(two.rule.id === one.rule.id, `the same key made a second rule (${one.rule.id}, then ${two.rule.id})`);
      if (adapter.listSuppressionRules) {
        const rules = (await walkRules(adapter, { search: b!.actor.ip })).filter(
          (r) => r.actorIp === b!.actor.ip && r.policyId === b!.policy.id && r.endpoint.path === b!.endpoint.path && r.endpoint.method === b!.endpoint.method,
        );
        check(rules.length === 1, `two ignore calls with one key left ${rules.length} rules`);
      }
    }
    if (adapter.capabilities.block && adapter.block) {
      const params = { target: a!.actor.ip, durationMs: 3_600_000, reason: 'contract replay', acknowledgeRisk: true, idempotencyKey: newKey() };
      const one = await adapter.block({ ...params, signal: signal() });
      const two = await adapter.block({ ...params, signal: signal() });
      check(two.blockId === one.blockId, `the same key made a second block (${one.blockId}, then ${two.blockId})`);
      if (adapter.capabilities.blockList && adapter.listBlocks) {
        const blocks = (await walkBlocks(adapter, { search: 'contract replay' })).filter((x) => x.reason === 'contract replay');
        check(blocks.length === 1, `two block calls with one key left ${blocks.length} blocks`);
      }
    }
    if (adapter.capabilities.workItems && adapter.listWorkItemTargets && adapter.createWorkItem) {
      const target = (await adapter.listWorkItemTargets({ signal: signal() }))[0];
      check(target, 'no work-item targets');
      const before = await adapter.getActivity({ id: b!.id, signal: signal() });
      const params = { targetId: target.id, activityId: b!.id, values: requiredValues(target), idempotencyKey: newKey() };
      const one = await adapter.createWorkItem({ ...params, signal: signal() });
      const two = await adapter.createWorkItem({ ...params, signal: signal() });
      check(two.key === one.key && two.url === one.url, `the same key made a second work item (${one.key}, then ${two.key})`);
      const after = await adapter.getActivity({ id: b!.id, signal: signal() });
      const count = (x: Activity) => x.workItemTotal ?? x.workItems.length;
      check(count(after) === count(before) + 1, `two createWorkItem calls with one key linked ${count(after) - count(before)} work items`);
    }
  });

  it('the same idempotency key with a different request is a conflict and changes nothing', async (adapter) => {
    if (!adapter.capabilities.idempotentWrites) return;
    const a = await someActivity(adapter);
    const key = newKey();
    await adapter.setStatus({ ids: [a.id], status: 'under_review', idempotencyKey: key, signal: signal() });
    await expectCode(adapter.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: key, signal: signal() }), 'conflict', 'setStatus with a reused key and another status');
    check((await adapter.getActivity({ id: a.id, signal: signal() })).status === 'under_review', 'a conflicting request still changed the status');
    if (adapter.capabilities.suppressionRules && adapter.ignore) {
      const ruleKey = newKey();
      await adapter.ignore({ rule: ruleFor(a, { reason: 'first' }), idempotencyKey: ruleKey, signal: signal() });
      await expectCode(adapter.ignore({ rule: ruleFor(a, { reason: 'second' }), idempotencyKey: ruleKey, signal: signal() }), 'conflict', 'ignore with a reused key and another reason');
    }
  });

  it('Ignore is one operation: the rule exists, the activities are ignored and name it; Reactivate with liftRules removes it', async (adapter) => {
    if (!adapter.capabilities.suppressionRules || !adapter.ignore) return;
    const [a, other] = await distinctActivities(adapter, 2);
    // Invalid input (an unknown id) fails before anything changes.
    const bad = await rejection(adapter.ignore({ rule: ruleFor(a!), activityIds: [a!.id, UNKNOWN_ID], signal: signal() }), 'ignore with an unknown activity id');
    check(isAdapterError(bad) && (bad.code === 'not_found' || bad.code === 'invalid_request'), `ignore with an unknown activity id rejected with ${String(bad)}`);
    check((await adapter.getActivity({ id: a!.id, signal: signal() })).status === 'active', 'a failed ignore still moved the activity');
    const rulesFor = async (x: Activity) =>
      adapter.listSuppressionRules ? (await walkRules(adapter, { search: x.actor.ip })).filter((r) => ruleKeyOf(x) === JSON.stringify([r.actorIp, r.endpoint.method, r.endpoint.host, r.endpoint.path, r.policyId])) : [];
    check((await rulesFor(a!)).length === 0, 'a failed ignore still created its rule');

    const { rule, affected } = await adapter.ignore({ rule: ruleFor(a!, { reason: 'contract atomic' }), activityIds: [a!.id], signal: signal() });
    check(affected >= 1, `ignore with activityIds reported affected ${affected}`);
    const ignored = await adapter.getActivity({ id: a!.id, signal: signal() });
    check(ignored.status === 'ignored', 'ignore with activityIds did not move the activity to ignored');
    check(ignored.suppressedBy === rule.id, `the ignored activity names rule "${String(ignored.suppressedBy)}", not "${rule.id}"`);
    if (adapter.listSuppressionRules) check((await rulesFor(a!)).some((r) => r.id === rule.id), 'the rule made by ignore is not listed');
    check((await adapter.getActivity({ id: other!.id, signal: signal() })).status === 'active', 'ignore moved an activity the rule does not match');

    const lifted = await adapter.setStatus({ ids: [a!.id], status: 'active', liftRules: true, signal: signal() });
    check(Array.isArray(lifted.liftedRuleIds) && lifted.liftedRuleIds.includes(rule.id), `Reactivate with liftRules reported liftedRuleIds ${JSON.stringify(lifted.liftedRuleIds)}`);
    const back = await adapter.getActivity({ id: a!.id, signal: signal() });
    check(back.status === 'active' && back.suppressedBy === undefined, 'Reactivate did not make the activity active without suppressedBy');
    if (adapter.listSuppressionRules) check(!(await rulesFor(a!)).some((r) => r.id === rule.id), 'Reactivate with liftRules left the rule in place');
  });

  it('bulk by query is bounded by asOf, and a dry run counts exactly what the real run changes', async (adapter) => {
    if (!adapter.capabilities.bulkByQuery || !adapter.setStatusByQuery) return;
    const a = await someActivity(adapter);
    let query = createQuery({ filters: { host: [a.endpoint.host] } });
    if ((await list(adapter, query, 1)).total < 2) query = createQuery();
    const [late] = (await list(adapter, query, 2)).items.filter((x) => x.id !== a.id);
    check(late, 'the query needs two active activities');
    await adapter.setStatus({ ids: [late.id], status: 'under_review', signal: signal() });
    const seen = await list(adapter, query, 1);
    check(typeof seen.asOf === 'string' && seen.asOf !== '', 'listActivities returned no asOf although bulkByQuery is advertised');
    // After the analyst looked, an activity moves into the status: the bulk change must not touch it.
    await adapter.setStatus({ ids: [late.id], status: 'active', signal: signal() });
    const dry = await adapter.setStatusByQuery({ query, status: 'under_review', asOf: seen.asOf, dryRun: true, signal: signal() });
    check(dry.affected === seen.total, `a dry run bounded by asOf counted ${dry.affected}, the list showed ${seen.total}`);
    check((await list(adapter, query, 1)).total === seen.total + 1, 'a dry run changed statuses');
    const real = await adapter.setStatusByQuery({ query, status: 'under_review', asOf: seen.asOf, signal: signal() });
    check(real.affected === dry.affected, `the real run affected ${real.affected}, the dry run said ${dry.affected}`);
    const left = await list(adapter, query, 5);
    check(left.total === 1 && left.items[0]?.id === late.id, `after a bulk change bounded by asOf, ${left.total} activities are left instead of the one that came later`);
    await expectCode(adapter.setStatusByQuery({ query, status: 'ignored', asOf: '%%not-an-asOf%%', signal: signal() }), 'invalid_request', 'setStatusByQuery with a malformed asOf');
  });

  it('suppression rules page without duplicates or gaps, with a right total, and filter by state and search', async (adapter) => {
    if (!adapter.capabilities.suppressionRules || !adapter.ignore || !adapter.listSuppressionRules) return;
    const before = await walkRules(adapter, {}, 4);
    const made: SuppressionRule[] = [];
    for (const a of await distinctActivities(adapter, 9)) made.push((await adapter.ignore({ rule: ruleFor(a, { reason: 'contract paging' }), signal: signal() })).rule);
    const rules = await walkRules(adapter, {}, 4);
    check(rules.length === before.length + made.length, `listed ${rules.length} active rules after creating ${made.length} on top of ${before.length}`);
    const ids = new Set(rules.map((r) => r.id));
    check(made.every((r) => ids.has(r.id)), 'a created rule is missing from the pages');
    check(rules.every((r) => r.expiresAt === null || typeof r.expiresAt === 'number') && rules.every((r) => typeof r.suppressedCount === 'number'), 'a rule lacks expiresAt or its hit count');
    const expired = await walkRules(adapter, { state: 'expired' }, 4);
    check(!expired.some((r) => made.some((m) => m.id === r.id)), 'a rule without expiry is listed as expired');
    const found = await walkRules(adapter, { search: made[4]!.actorIp }, 4);
    check(found.some((r) => r.id === made[4]!.id) && found.length <= rules.length, 'searching for a rule’s actor did not find it');
  });

  it('blocks page without duplicates or gaps, with a right total, and record the activity they came from', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block || !adapter.capabilities.blockList || !adapter.listBlocks) return;
    const before = await walkBlocks(adapter, {}, 4);
    const made = [];
    const actors = new Map<string, Activity>();
    for (const a of (await list(adapter, createQuery(), 100)).items) actors.set(a.actor.ip, actors.get(a.actor.ip) ?? a);
    const sample = [...actors.values()].slice(0, 9);
    check(sample.length === 9, 'the adapter has fewer than 9 distinct actors to test with');
    for (const a of sample) made.push(await adapter.block({ target: a.actor.ip, durationMs: 3_600_000, reason: 'contract paging', activityId: a.id, acknowledgeRisk: true, signal: signal() }));
    const blocks = await walkBlocks(adapter, {}, 4);
    check(blocks.length === before.length + made.length, `listed ${blocks.length} active blocks after creating ${made.length} on top of ${before.length}`);
    const byId = new Map(blocks.map((b) => [b.blockId, b]));
    check(made.every((b) => byId.has(b.blockId)), 'a created block is missing from the pages');
    check(byId.get(made[0]!.blockId)?.activityId === sample[0]!.id, 'a listed block does not record the activity it was made from');
    check(!(await walkBlocks(adapter, { state: 'expired' }, 4)).some((b) => byId.has(b.blockId)), 'an unexpired block is listed as expired');
  });

  it('several blocks on one address: the actor shows the longest-lived, also after an unblock', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block) return;
    const a = await someActivity(adapter);
    const shown = async () => (await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId;
    const base = { target: a.actor.ip, acknowledgeRisk: true, signal: signal() };
    const permanent = await adapter.block({ ...base, durationMs: null });
    const short = await adapter.block({ ...base, durationMs: 3_600_000 });
    check((await shown()) === permanent.blockId, 'a later, shorter block hides the permanent one');
    if (!adapter.capabilities.unblock || !adapter.unblock) return;
    await adapter.unblock({ blockId: permanent.blockId, signal: signal() });
    check((await shown()) === short.blockId, 'after unblocking the permanent block the actor does not show the remaining one');
    const long = await adapter.block({ ...base, durationMs: 7_200_000 });
    check((await shown()) === long.blockId, 'a block expiring later does not win over one expiring earlier');
    await adapter.unblock({ blockId: long.blockId, signal: signal() });
    check((await shown()) === short.blockId, 'after unblocking one of several blocks the actor does not show the longest-lived remaining one');
  });

  it('a dangerous block target is refused unless the risk is acknowledged, naming why', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block) return;
    const e = await rejection(adapter.block({ target: '0.0.0.0/0', durationMs: null, reason: 'contract', signal: signal() }), 'blocking 0.0.0.0/0 without acknowledgeRisk');
    check(isAdapterError(e) && e.code === 'invalid_request', `blocking 0.0.0.0/0 without acknowledgeRisk rejected with ${String(e)}, not invalid_request`);
    check(e.path === 'acknowledgeRisk', `the refusal names path "${String(e.path)}", not "acknowledgeRisk"`);
    check(typeof e.detail === 'string' && e.detail !== '', 'the refusal does not say why (detail: the dangerous warnings)');
    const a = await someActivity(adapter);
    check((await adapter.getActivity({ id: a.id, signal: signal() })).blocked === undefined, 'a refused block still blocks the actors');
    if (adapter.capabilities.blockList && adapter.listBlocks) {
      check(!(await walkBlocks(adapter, { search: '0.0.0.0' })).some((b) => b.target.startsWith('0.0.0.0')), 'a refused block is listed');
    }
    const acknowledged = await adapter.block({ target: '10.0.0.1', durationMs: 60_000, acknowledgeRisk: true, signal: signal() });
    check(typeof acknowledged.blockId === 'string' && acknowledged.blockId !== '', 'an acknowledged dangerous block was not made');
  });

  it('a rule preview counts what the rule would match; an invalid rule is invalid_request naming the field', async (adapter) => {
    if (!adapter.capabilities.rulePreview || !adapter.previewSuppressionRule) return;
    const a = await someActivity(adapter);
    const preview = await adapter.previewSuppressionRule({ rule: ruleFor(a), signal: signal() });
    check(Number.isInteger(preview.activities) && preview.activities >= 1, `the preview of a rule made from an activity matches ${preview.activities} activities`);
    check(Number.isInteger(preview.events) && preview.events >= 0, `the preview counts ${preview.events} events`);
    check(preview.windowMs === RULE_PREVIEW_WINDOW_MS, `the preview window is ${preview.windowMs}, not ${RULE_PREVIEW_WINDOW_MS}`);
    const e = await rejection(adapter.previewSuppressionRule({ rule: ruleFor(a, { actorIp: '' }), signal: signal() }), 'the preview of a rule without actor');
    check(isAdapterError(e) && e.code === 'invalid_request', `the preview of a rule without actor rejected with ${String(e)}, not invalid_request`);
    check(e.path === 'rule.actorIp', `the preview error names path "${String(e.path)}", not "rule.actorIp"`);
  });

  it('work items are capped on the activity, with a total of all', async (adapter) => {
    if (!adapter.capabilities.workItems || !adapter.listWorkItemTargets || !adapter.createWorkItem) return;
    const target = (await adapter.listWorkItemTargets({ signal: signal() }))[0];
    check(target, 'no work-item targets');
    const a = await someActivity(adapter);
    const before = await adapter.getActivity({ id: a.id, signal: signal() });
    const made: string[] = [];
    const extra = MAX_EMBEDDED_WORK_ITEMS + 2;
    for (let i = 0; i < extra; i++) made.push((await adapter.createWorkItem({ targetId: target.id, activityId: a.id, values: requiredValues(target), signal: signal() })).key);
    const after = await adapter.getActivity({ id: a.id, signal: signal() });
    check(after.workItems.length <= MAX_EMBEDDED_WORK_ITEMS, `the activity embeds ${after.workItems.length} work items, more than ${MAX_EMBEDDED_WORK_ITEMS}`);
    const total = (before.workItemTotal ?? before.workItems.length) + extra;
    check(after.workItemTotal === total, `workItemTotal is ${String(after.workItemTotal)}, expected ${total}`);
    check(after.workItems.some((w) => w.key === made[made.length - 1]), 'the newest work item is not embedded');
    const listed = (await list(adapter, narrowTo(a), pageSize)).items.find((x) => x.id === a.id);
    check(!listed || (listed.workItems.length <= MAX_EMBEDDED_WORK_ITEMS && listed.workItemTotal === total), 'a list row is not capped like the detail');
  });

  it('returns copies: mutating a result does not change the store', async (adapter) => {
    const a = await someActivity(adapter);
    const first = await list(adapter, createQuery(), 5);
    const item = first.items.find((x) => x.id === a.id)!;
    item.status = 'ignored';
    item.actor.ip = 'mutated';
    item.workItems.push({ targetId: 'x', key: 'x', url: 'https://x.example', createdAt: 0 });
    const again = await adapter.getActivity({ id: a.id, signal: signal() });
    check(again.status === a.status && again.actor.ip === a.actor.ip && again.workItems.length === a.workItems.length, 'a mutated result leaked into the store');
  });
}
