/**
 * The memory adapter's fault injection: `failOn` fails before anything
 * changes, `failAfterCommitOn` commits and then loses the response; both fail
 * always or for the first `times` calls only. For each write under each fault,
 * the store and what the caller was told agree, and a retry with the same
 * idempotency key never applies twice.
 */
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory';
import { isAdapterError, isWriteOutcomeUnknown } from '../../../src/core/errors';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;

const setup = (extra: MemoryAdapterOptions = {}) =>
  createMemoryAdapter({ seed: 4, activities: 1500, hugeActivityAttempts: 0, now: () => NOW, live: false, ...extra });
type Adapter = ReturnType<typeof setup>;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isAdapterError(e)) return e.code;
    throw e;
  }
  return 'resolved';
}

const firstActive = async (adapter: Adapter) => (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
const ruleOf = (a: Activity) => ({ actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null, reason: 'noisy scanner' });
const rulesOf = async (adapter: Adapter) => (await adapter.listSuppressionRules({ pageSize: 100, signal: signal() })).items;
const blocksOf = async (adapter: Adapter) => (await adapter.listBlocks({ pageSize: 100, signal: signal() })).items;
const statusOf = async (adapter: Adapter, id: string) => (await adapter.getActivity({ id, signal: signal() })).status;

describe('failOn: a definitive failure before anything changes', () => {
  it('Ignore fails whole: no rule without its status, no status without its rule', async () => {
    const adapter = setup({ failOn: { ignore: 'server' } });
    const a = await firstActive(adapter);
    expect(await codeOf(adapter.ignore({ rule: ruleOf(a), activityIds: [a.id], idempotencyKey: 'k', signal: signal() }))).toBe('server');
    expect(await rulesOf(adapter)).toEqual([]);
    expect(await statusOf(adapter, a.id)).toBe('active');
  });

  it('{ code, times } fails only the first calls, and the failure stored no key: the retry applies once', async () => {
    const adapter = setup({ failOn: { ignore: { code: 'server', times: 2 }, block: { code: 'rate_limited', times: 1 } } });
    const a = await firstActive(adapter);
    const params = { rule: ruleOf(a), activityIds: [a.id], idempotencyKey: 'k' };
    expect(await codeOf(adapter.ignore({ ...params, signal: signal() }))).toBe('server');
    expect(await codeOf(adapter.ignore({ ...params, signal: signal() }))).toBe('server');
    const { rule } = await adapter.ignore({ ...params, signal: signal() });
    expect((await rulesOf(adapter)).map((r) => r.id)).toEqual([rule.id]);
    expect(await statusOf(adapter, a.id)).toBe('ignored');
    // Counted per method: block has its own budget.
    expect(await codeOf(adapter.block({ target: a.actor.ip, durationMs: null, signal: signal() }))).toBe('rate_limited');
    expect(await codeOf(adapter.block({ target: a.actor.ip, durationMs: null, signal: signal() }))).toBe('resolved');
  });

  it('a bare code fails every call; other methods are untouched', async () => {
    const adapter = setup({ failOn: { setStatus: 'forbidden' } });
    const a = await firstActive(adapter);
    for (let i = 0; i < 3; i++) expect(await codeOf(adapter.setStatus({ ids: [a.id], status: 'ignored', signal: signal() }))).toBe('forbidden');
    expect(await statusOf(adapter, a.id)).toBe('active');
    expect(await codeOf(adapter.setStatusByQuery({ query: createQuery({ filters: { actor: [a.actor.ip] } }), status: 'ignored', signal: signal() }))).toBe('resolved');
  });
});

describe('failAfterCommitOn: the write commits, the response is lost', () => {
  it('each write is applied although the call rejects (the outcome is unknown to the caller)', async () => {
    const adapter = setup({
      failAfterCommitOn: { ignore: 'network', setStatus: 'timeout', block: 'network', createWorkItem: 'network', setStatusByQuery: 'network', deleteSuppressionRule: 'network', unblock: 'network' },
    });
    const a = await firstActive(adapter);
    const lost = await adapter.ignore({ rule: ruleOf(a), activityIds: [a.id], signal: signal() }).catch((e: unknown) => e);
    expect(isWriteOutcomeUnknown(lost)).toBe(true);
    const [rule] = await rulesOf(adapter);
    expect(rule).toBeDefined();
    expect(await adapter.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: rule!.id });

    expect(await codeOf(adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() }))).toBe('timeout');
    expect(await statusOf(adapter, a.id)).toBe('under_review');
    expect(await codeOf(adapter.deleteSuppressionRule({ ruleId: rule!.id, signal: signal() }))).toBe('network');
    expect(await rulesOf(adapter)).toEqual([]);

    expect(await codeOf(adapter.block({ target: a.actor.ip, durationMs: null, signal: signal() }))).toBe('network');
    const [block] = await blocksOf(adapter);
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(block!.blockId);
    expect(await codeOf(adapter.unblock({ blockId: block!.blockId, signal: signal() }))).toBe('network');
    expect(await blocksOf(adapter)).toEqual([]);

    expect(await codeOf(adapter.createWorkItem({ targetId: 'azure-boards-issue', activityId: a.id, values: { title: 'T', areaPath: 'Security' }, signal: signal() }))).toBe('network');
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).workItems).toHaveLength(1);

    const query = createQuery({ filters: { host: [a.endpoint.host] } });
    const before = (await adapter.listActivities({ query, pageSize: 1, signal: signal() })).total;
    expect(await codeOf(adapter.setStatusByQuery({ query, status: 'ignored', signal: signal() }))).toBe('network');
    expect(before).toBeGreaterThan(0);
    expect((await adapter.listActivities({ query, pageSize: 1, signal: signal() })).total).toBe(0);
  });

  it('a retry with the same key replays the committed outcome: one rule, one block, one work item', async () => {
    const adapter = setup({ failAfterCommitOn: { ignore: { code: 'network', times: 1 }, block: { code: 'timeout', times: 1 }, createWorkItem: { code: 'network', times: 1 } } });
    const a = await firstActive(adapter);
    const ignore = { rule: ruleOf(a), activityIds: [a.id], idempotencyKey: 'intent-ignore' };
    expect(await codeOf(adapter.ignore({ ...ignore, signal: signal() }))).toBe('network');
    const retried = await adapter.ignore({ ...ignore, signal: signal() });
    expect((await rulesOf(adapter)).map((r) => r.id)).toEqual([retried.rule.id]);
    expect(retried.affected).toBe(1);

    const block = { target: a.actor.ip, durationMs: 60_000, idempotencyKey: 'intent-block' };
    expect(await codeOf(adapter.block({ ...block, signal: signal() }))).toBe('timeout');
    const b = await adapter.block({ ...block, signal: signal() });
    expect((await blocksOf(adapter)).map((x) => x.blockId)).toEqual([b.blockId]);

    const work = { targetId: 'azure-boards-issue', activityId: a.id, values: { title: 'T', areaPath: 'Security' }, idempotencyKey: 'intent-work' };
    expect(await codeOf(adapter.createWorkItem({ ...work, signal: signal() }))).toBe('network');
    const created = await adapter.createWorkItem({ ...work, signal: signal() });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).workItems.map((w) => w.key)).toEqual([created.key]);
  });

  it('a retry without a key applies again (the duplicate the key exists to prevent)', async () => {
    const adapter = setup({ failAfterCommitOn: { ignore: { code: 'network', times: 1 } } });
    const a = await firstActive(adapter);
    expect(await codeOf(adapter.ignore({ rule: ruleOf(a), signal: signal() }))).toBe('network');
    await adapter.ignore({ rule: ruleOf(a), signal: signal() });
    expect(await rulesOf(adapter)).toHaveLength(2);
  });

  it('counts replays towards times: a lost replay is lost too', async () => {
    const adapter = setup({ failAfterCommitOn: { block: { code: 'network', times: 2 } } });
    const a = await firstActive(adapter);
    const params = { target: a.actor.ip, durationMs: null, idempotencyKey: 'k' };
    expect(await codeOf(adapter.block({ ...params, signal: signal() }))).toBe('network');
    expect(await codeOf(adapter.block({ ...params, signal: signal() }))).toBe('network');
    await expect(adapter.block({ ...params, signal: signal() })).resolves.toMatchObject({ target: a.actor.ip });
    expect(await blocksOf(adapter)).toHaveLength(1);
  });

  it('an invalid request still fails definitively and commits nothing', async () => {
    const adapter = setup({ failAfterCommitOn: { block: 'network' } });
    expect(await codeOf(adapter.block({ target: 'nope', durationMs: null, signal: signal() }))).toBe('invalid_request');
    expect(await blocksOf(adapter)).toEqual([]);
  });

  it('times: 0 never fails', async () => {
    const adapter = setup({ failOn: { getActivity: { code: 'server', times: 0 } }, failAfterCommitOn: { setStatus: { code: 'network', times: 0 } } });
    const a = await firstActive(adapter);
    expect(await codeOf(adapter.getActivity({ id: a.id, signal: signal() }))).toBe('resolved');
    expect(await codeOf(adapter.setStatus({ ids: [a.id], status: 'ignored', signal: signal() }))).toBe('resolved');
  });
});
