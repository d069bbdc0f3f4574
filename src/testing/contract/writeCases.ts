/**
 * Contract cases for the writes each capability brings: bulk by query, export, ignore, block, work items, live.
 */
import { type Activity } from '../../core/model';
import { createQuery } from '../../core/query';
import { check, expectCode, requiredValues, signal, type ContractContext, type ContractIt } from './contractKit';

export function writeContractCases(it: ContractIt, ctx: ContractContext): void {
  const { pageSize, list, exactList, walkRules, someActivity, narrowTo } = ctx;

  it('bulk status change by query moves exactly the matching activities', async (adapter) => {
    if (!adapter.capabilities.bulkByQuery || !adapter.setStatusByQuery) return;
    const a = await someActivity(adapter);
    const query = createQuery({ filters: { host: [a.endpoint.host] } });
    const before = await exactList(adapter, query);
    const { affected } = await adapter.setStatusByQuery({ query, status: 'under_review', excludeIds: [a.id], signal: signal() });
    check(affected === before.total - 1, `setStatusByQuery affected ${affected}, expected ${before.total - 1}`);
    const after = await list(adapter, query, 5);
    check(after.total === 1 && after.items[0]?.id === a.id, 'only the excluded activity should remain active');
    check(after.counts.under_review === before.counts.under_review + affected, 'under_review count did not grow by the affected count');
  });

  it('export streams every activity of the query once', async (adapter) => {
    if (!adapter.capabilities.export || !adapter.exportActivities) return;
    const a = await someActivity(adapter);
    const query = createQuery({ filters: { host: [a.endpoint.host] } });
    const { total } = await exactList(adapter, query);
    const seen = new Set<string>();
    for await (const rows of adapter.exportActivities({ query, signal: signal() })) for (const r of rows) seen.add(r.id);
    check(seen.size === total, `export yielded ${seen.size} activities, the list total is ${total}`);
  });

  it('ignore creates a suppression rule that can apply to existing activities and be deleted', async (adapter) => {
    if (!adapter.capabilities.suppressionRules || !adapter.ignore) return;
    const a = await someActivity(adapter);
    const { rule, affected } = await adapter.ignore({
      rule: { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, reason: 'contract', expiresAt: null, applyToExisting: true },
      signal: signal(),
    });
    check(typeof rule.id === 'string' && rule.id !== '', 'ignore returned a rule without an id');
    check(rule.actorIp === a.actor.ip && rule.policyId === a.policy.id, 'the rule does not echo its key');
    check(affected >= 1, 'applyToExisting did not ignore the activity it was made from');
    check((await adapter.getActivity({ id: a.id, signal: signal() })).status === 'ignored', 'the activity is not ignored');
    const narrowed = await list(adapter, narrowTo(a, 'active'), pageSize);
    const same = (x: Activity) => x.policy.id === a.policy.id && x.endpoint.method === a.endpoint.method;
    check(!narrowed.items.some(same), 'matching activities are still active');
    if (adapter.listSuppressionRules) {
      const rules = await walkRules(adapter);
      check(rules.some((r) => r.id === rule.id), 'listSuppressionRules does not list the new rule');
      if (adapter.deleteSuppressionRule) {
        await adapter.deleteSuppressionRule({ ruleId: rule.id, signal: signal() });
        const after = await walkRules(adapter);
        check(!after.some((r) => r.id === rule.id), 'deleteSuppressionRule did not delete the rule');
        await expectCode(adapter.deleteSuppressionRule({ ruleId: rule.id, signal: signal() }), 'not_found', 'deleteSuppressionRule (twice)');
      }
    }
  });

  it('block returns a block id and expiry and marks the actor; unblock clears it', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block) return;
    const a = await someActivity(adapter);
    const block = await adapter.block({ target: a.actor.ip, durationMs: 3_600_000, reason: 'contract', activityId: a.id, signal: signal() });
    check(typeof block.blockId === 'string' && block.blockId !== '', 'block returned no blockId');
    check(typeof block.expiresAt === 'number' && block.expiresAt > block.createdAt, 'a timed block has no future expiry');
    const blocked = await adapter.getActivity({ id: a.id, signal: signal() });
    check(blocked.blocked?.blockId === block.blockId, 'the activity does not show the block');
    await expectCode(adapter.block({ target: 'not-an-ip', durationMs: null, signal: signal() }), 'invalid_request', 'block(not-an-ip)');
    if (adapter.capabilities.unblock && adapter.unblock) {
      await adapter.unblock({ blockId: block.blockId, signal: signal() });
      const freed = await adapter.getActivity({ id: a.id, signal: signal() });
      check(freed.blocked === undefined, 'unblock left the activity blocked');
      await expectCode(adapter.unblock({ blockId: block.blockId, signal: signal() }), 'not_found', 'unblock (twice)');
    }
  });

  it('work items: targets describe fields, required fields are enforced, created items are linked', async (adapter) => {
    if (!adapter.capabilities.workItems || !adapter.listWorkItemTargets || !adapter.createWorkItem) return;
    const targets = await adapter.listWorkItemTargets({ signal: signal() });
    check(targets.length > 0, 'no work-item targets');
    const target = targets[0]!;
    check(target.fields.every((f) => typeof f.id === 'string' && typeof f.label === 'string'), 'a target field lacks id or label');
    const a = await someActivity(adapter);
    const required = target.fields.filter((f) => f.required);
    if (required.length) await expectCode(adapter.createWorkItem({ targetId: target.id, activityId: a.id, values: {}, signal: signal() }), 'invalid_request', 'createWorkItem without required fields');
    const values = requiredValues(target);
    const created = await adapter.createWorkItem({ targetId: target.id, activityId: a.id, values, signal: signal() });
    check(created.key !== '' && /^https?:\/\//.test(created.url), 'the created work item has no key or no http(s) URL');
    const linked = await adapter.getActivity({ id: a.id, signal: signal() });
    check(linked.workItems.some((w) => w.key === created.key && w.url === created.url), 'the work item is not linked on the activity');
  });

  it('subscribe resolves and stops when its signal aborts', async (adapter) => {
    if (!adapter.capabilities.live || !adapter.subscribe) return;
    const controller = new AbortController();
    await adapter.subscribe({ query: createQuery(), onEvent: () => {}, signal: controller.signal });
    controller.abort();
  });
}
