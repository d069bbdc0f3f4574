/**
 * Every write under every fault, end to end: createHttpAdapter (with an
 * idempotency key) → the fault proxy → the reference server → the memory
 * adapter, whose state is the truth. For each case:
 *
 * - what the call reported agrees with the state: a success is applied once
 *   and its result names what is stored; a definitive failure applied
 *   nothing; an unknown outcome is reported as unknown (never "nothing was
 *   saved") and a later call with the same key settles it;
 * - after a lost response the automatic retry with the same key yields the
 *   first outcome and no duplicate (one rule, one block, one ticket), even
 *   when someone else changed the state in between;
 * - the same key with a different request is a conflict and changes nothing;
 * - an Ignore never leaves a rule without its status.
 */
import { loadHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../../../src/adapters/memory/index';
import type { ThreatDeckAdapter } from '../../../src/core/adapter';
import { isWriteOutcomeUnknown, type AdapterError } from '../../../src/core/errors';
import type { Activity, SuppressionRuleInput } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './faultProxy';

const NOW = Date.UTC(2025, 5, 1);
const CLIENT_TIMEOUT_MS = 600;
const signal = () => new AbortController().signal;

let memory: MemoryAdapter;
let server: RunningReferenceServer;
let proxy: FaultProxy;
let keyCounter = 0;
const newKey = () => `faults-${++keyCounter}-${Date.now().toString(36)}`;

async function setUp(options: MemoryAdapterOptions = {}) {
  memory = createMemoryAdapter({ seed: 5, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false, ...options });
  server = await startReferenceServer({ adapter: memory });
  proxy = await startFaultProxy(server.url);
}
afterEach(async () => {
  await proxy?.settled();
  await proxy?.close();
  await server?.close();
});

const client = (): Promise<ThreatDeckAdapter> =>
  loadHttpAdapter({ baseUrl: proxy.url, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: CLIENT_TIMEOUT_MS });

async function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AdapterError }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: error as AdapterError };
  }
}

const ruleFor = (a: Activity, reason: string): SuppressionRuleInput => ({
  actorIp: a.actor.ip,
  endpoint: { method: a.endpoint.method, path: a.endpoint.path, host: a.endpoint.host },
  policyId: a.policy.id,
  expiresAt: null,
  reason,
});
const sameKey = (a: Activity) => (r: { actorIp: string; endpoint: Activity['endpoint']; policyId: string }) =>
  r.actorIp === a.actor.ip && r.policyId === a.policy.id && r.endpoint.method === a.endpoint.method && r.endpoint.path === a.endpoint.path && r.endpoint.host === a.endpoint.host;

/** Two active activities with distinct actors, endpoints and policies (one rule each). */
async function twoActivities(): Promise<[Activity, Activity]> {
  const { items } = await memory.listActivities({ query: createQuery(), pageSize: 50, signal: signal() });
  const first = items[0]!;
  const second = items.find((x) => x.actor.ip !== first.actor.ip && !sameKey(first)({ actorIp: x.actor.ip, endpoint: x.endpoint, policyId: x.policy.id }))!;
  return [first, second];
}

const allRules = async () => (await memory.listSuppressionRules({ pageSize: 1000, signal: signal() })).items;
const allBlocks = async () => (await memory.listBlocks({ pageSize: 1000, signal: signal() })).items;
const status = async (id: string) => (await memory.getActivity({ id, signal: signal() })).status;

/**
 * One write of the contract. `applied` counts how often its effect is in the
 * store (0 or 1; 2 is a duplicate); `agrees` checks a successful result
 * against the store; `interfere` is another analyst's change that a replay
 * must not undo; `conflicting` is the same intent's key with another body.
 */
interface WriteCase {
  method: 'POST' | 'DELETE';
  path: RegExp;
  prepare(): Promise<void>;
  run(http: ThreatDeckAdapter, key?: string): Promise<unknown>;
  conflicting(http: ThreatDeckAdapter, key: string): Promise<unknown>;
  applied(): Promise<number>;
  agrees(result: unknown): Promise<void>;
  interfere?(): Promise<void>;
  /** The state after `interfere` and a replay that (rightly) applied nothing again. */
  interfered?(): Promise<void>;
}

function writeCases(): Record<string, WriteCase> {
  let a: Activity;
  let b: Activity;
  let ruleIds: string[] = [];
  let blockIds: string[] = [];
  let asOf: string | undefined;
  let target: { id: string; values: Record<string, string | string[]> };
  let workItemsBefore = 0;
  let reviewedBefore = 0;
  const reviewed = async () => (await memory.listActivities({ query: { ...actorQuery(), status: 'under_review' }, pageSize: 1, signal: signal() })).total;
  const actorQuery = () => createQuery({ status: 'active', filters: { actor: [a.actor.ip] } });
  const workItemCount = async () => {
    const detail = await memory.getActivity({ id: a.id, signal: signal() });
    return detail.workItemTotal ?? detail.workItems.length;
  };
  const pick = async () => {
    [a, b] = await twoActivities();
  };

  return {
    setStatus: {
      method: 'POST',
      path: /^\/status-changes$/,
      prepare: pick,
      run: (http, key) => http.setStatus({ ids: [a.id], status: 'under_review', signal: signal(), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) => http.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: key, signal: signal() }),
      applied: async () => ((await status(a.id)) === 'under_review' ? 1 : 0),
      agrees: async (result) => expect(result).toEqual({ affected: 1 }),
      interfere: async () => void (await memory.setStatus({ ids: [a.id], status: 'active', signal: signal() })),
      interfered: async () => expect(await status(a.id)).toBe('active'),
    },
    setStatusByQuery: {
      method: 'POST',
      path: /^\/status-changes$/,
      prepare: async () => {
        await pick();
        asOf = (await memory.listActivities({ query: actorQuery(), pageSize: 1, signal: signal() })).asOf;
        reviewedBefore = await reviewed();
      },
      run: (http, key) =>
        http.setStatusByQuery!({ query: actorQuery(), status: 'under_review', signal: signal(), ...(asOf ? { asOf } : {}), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) => http.setStatusByQuery!({ query: actorQuery(), status: 'ignored', idempotencyKey: key, signal: signal() }),
      applied: async () => ((await status(a.id)) === 'under_review' ? 1 : 0),
      agrees: async (result) => expect(result).toEqual({ affected: (await reviewed()) - reviewedBefore }),
      interfere: async () => void (await memory.setStatus({ ids: [a.id], status: 'active', signal: signal() })),
      interfered: async () => expect(await status(a.id)).toBe('active'),
    },
    ignore: {
      method: 'POST',
      path: /^\/suppression-rules$/,
      prepare: pick,
      run: (http, key) => http.ignore!({ rule: ruleFor(a, 'faults'), activityIds: [a.id], signal: signal(), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) => http.ignore!({ rule: ruleFor(a, 'another reason'), activityIds: [a.id], idempotencyKey: key, signal: signal() }),
      applied: async () => (await allRules()).filter(sameKey(a)).length,
      agrees: async (result) => {
        const { rule } = result as { rule: { id: string } };
        expect((await allRules()).filter(sameKey(a)).map((r) => r.id)).toEqual([rule.id]);
        expect(await memory.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: rule.id });
      },
      // Someone reactivates the activity: a replay must not create a second rule nor re-ignore it.
      interfere: async () => void (await memory.setStatus({ ids: [a.id], status: 'active', signal: signal() })),
      interfered: async () => {
        expect((await allRules()).filter(sameKey(a))).toHaveLength(1);
        expect(await status(a.id)).toBe('active');
      },
    },
    deleteSuppressionRule: {
      method: 'DELETE',
      path: /^\/suppression-rules\/[^/]+$/,
      prepare: async () => {
        await pick();
        ruleIds = [
          (await memory.ignore({ rule: ruleFor(a, 'to delete'), signal: signal() })).rule.id,
          (await memory.ignore({ rule: ruleFor(b, 'to keep'), signal: signal() })).rule.id,
        ];
      },
      run: (http, key) => http.deleteSuppressionRule!({ ruleId: ruleIds[0]!, signal: signal(), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) => http.deleteSuppressionRule!({ ruleId: ruleIds[1]!, idempotencyKey: key, signal: signal() }),
      applied: async () => ((await allRules()).some((r) => r.id === ruleIds[0]) ? 0 : 1),
      agrees: async (result) => {
        expect(result).toBeUndefined();
        expect((await allRules()).map((r) => r.id)).toEqual([ruleIds[1]]);
      },
    },
    block: {
      method: 'POST',
      path: /^\/blocks$/,
      prepare: pick,
      run: (http, key) =>
        http.block!({ target: a.actor.ip, durationMs: 3_600_000, reason: 'faults', activityId: a.id, acknowledgeRisk: true, signal: signal(), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) =>
        http.block!({ target: a.actor.ip, durationMs: null, reason: 'faults', activityId: a.id, acknowledgeRisk: true, idempotencyKey: key, signal: signal() }),
      applied: async () => (await allBlocks()).filter((x) => x.reason === 'faults').length,
      agrees: async (result) => {
        const { blockId } = result as { blockId: string };
        expect((await allBlocks()).map((x) => x.blockId)).toEqual([blockId]);
        expect((await memory.getActivity({ id: a.id, signal: signal() })).blocked?.blockId).toBe(blockId);
      },
    },
    unblock: {
      method: 'DELETE',
      path: /^\/blocks\/[^/]+$/,
      prepare: async () => {
        await pick();
        const base = { durationMs: null, acknowledgeRisk: true, signal: signal() };
        blockIds = [(await memory.block({ ...base, target: a.actor.ip })).blockId, (await memory.block({ ...base, target: b.actor.ip })).blockId];
      },
      run: (http, key) => http.unblock!({ blockId: blockIds[0]!, signal: signal(), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) => http.unblock!({ blockId: blockIds[1]!, idempotencyKey: key, signal: signal() }),
      applied: async () => ((await allBlocks()).some((x) => x.blockId === blockIds[0]) ? 0 : 1),
      agrees: async (result) => {
        expect(result).toBeUndefined();
        expect((await allBlocks()).map((x) => x.blockId)).toEqual([blockIds[1]]);
        expect((await memory.getActivity({ id: a.id, signal: signal() })).blocked).toBeUndefined();
      },
    },
    createWorkItem: {
      method: 'POST',
      path: /^\/work-items$/,
      prepare: async () => {
        await pick();
        const t = (await memory.listWorkItemTargets({ signal: signal() }))[0]!;
        const values: Record<string, string | string[]> = {};
        for (const f of t.fields) if (f.required) values[f.id] = f.type === 'labels' ? [f.options?.[0]?.value ?? 'security'] : f.options?.[0]?.value ?? 'Evidence';
        target = { id: t.id, values };
        workItemsBefore = await workItemCount();
      },
      run: (http, key) => http.createWorkItem!({ targetId: target.id, activityId: a.id, values: target.values, signal: signal(), ...(key ? { idempotencyKey: key } : {}) }),
      conflicting: (http, key) => http.createWorkItem!({ targetId: target.id, activityId: b.id, values: target.values, idempotencyKey: key, signal: signal() }),
      applied: async () => (await workItemCount()) - workItemsBefore,
      agrees: async (result) => {
        const { key } = result as { key: string };
        const detail = await memory.getActivity({ id: a.id, signal: signal() });
        expect(detail.workItems.filter((w) => w.key === key)).toHaveLength(1);
      },
    },
  };
}

const WRITES = Object.keys(writeCases());

/** Faults that hit the first try only: the automatic retry with the key must end in one success, applied once. */
const ONE_OFF_FAULTS: Array<[string, () => ProxyFault]> = [
  ['the connection reset before forwarding', () => ({ kind: 'reset' })],
  ['a 503 from the gateway before forwarding', () => ({ kind: 'status', status: 503 })],
  ['a 502 from the gateway before forwarding', () => ({ kind: 'status', status: 502 })],
  ['a delay past the client timeout (the first try still arrives later)', () => ({ kind: 'delay', ms: CLIENT_TIMEOUT_MS * 2 })],
  ['the response dropped after the server committed', () => ({ kind: 'dropAfterCommit' })],
];

describe.each(WRITES)('%s through the fault proxy', (name) => {
  let write: WriteCase;
  let http: ThreatDeckAdapter;
  beforeEach(async () => {
    await setUp();
    write = writeCases()[name]!;
    await write.prepare();
    http = await client();
  });
  const inject = (fault: ProxyFault, times?: number) => proxy.inject({ method: write.method, path: write.path, fault, ...(times !== undefined ? { times } : {}) });
  const writesSeen = () => proxy.requests.filter((r) => r.method === write.method && write.path.test(r.url.split('?')[0]!));

  it.each(ONE_OFF_FAULTS)('after %s, the retry with the same key succeeds and applies once', async (_what, fault) => {
    inject(fault(), 1);
    const key = newKey();
    const result = await write.run(http, key);
    await proxy.settled();
    expect(await write.applied()).toBe(1);
    await write.agrees(result);
    const tries = writesSeen();
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tries.map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
    expect(new Set(tries.map((r) => r.body)).size).toBe(1);
    // Every answer the server gave (the lost one included) is the first outcome, replayed.
    const answers = tries.filter((r) => r.upstreamBody !== undefined).map((r) => r.upstreamBody!);
    expect(answers.length).toBeGreaterThanOrEqual(1);
    for (const body of answers) expect(body === '' ? undefined : JSON.parse(body)).toEqual(result);
  });

  it('a lost response is replayed by the retry even when someone changed the state in between', async () => {
    if (!write.interfere) return;
    inject({ kind: 'dropAfterCommit', afterCommit: () => write.interfere!() }, 1);
    const result = await write.run(http, newKey());
    const [lost, retry] = writesSeen();
    expect(lost!.fault).toBe('dropAfterCommit');
    expect(JSON.parse(lost!.upstreamBody!)).toEqual(result);
    expect(retry!.upstreamBody).toBe(lost!.upstreamBody);
    await write.interfered!();
  });

  it('when every response is lost, the call says the outcome is unknown; the state has it once; the same key later settles it', async () => {
    inject({ kind: 'dropAfterCommit' });
    const key = newKey();
    const result = await outcome(write.run(http, key));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(isWriteOutcomeUnknown(result.error)).toBe(true);
    expect(writesSeen()).toHaveLength(3);
    expect(await write.applied()).toBe(1);
    proxy.clear();
    const settled = await write.run(http, key);
    expect(await write.applied()).toBe(1);
    await write.agrees(settled);
  });

  it('when the gateway keeps answering 503, the call fails and nothing was applied', async () => {
    inject({ kind: 'status', status: 503 });
    const result = await outcome(write.run(http, newKey()));
    expect(result).toMatchObject({ ok: false, error: { status: 503 } });
    expect(writesSeen()).toHaveLength(3);
    expect(await write.applied()).toBe(0);
  });

  it('without a key a lost response is not retried, and is reported as unknown rather than as nothing saved', async () => {
    inject({ kind: 'dropAfterCommit' }, 1);
    const result = await outcome(write.run(http));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(isWriteOutcomeUnknown(result.error)).toBe(true);
    expect(writesSeen()).toHaveLength(1);
    expect(await write.applied()).toBe(1);
  });

  it('the same key with a different request is a conflict and changes nothing', async () => {
    const key = newKey();
    const result = await write.run(http, key);
    await expect(write.conflicting(http, key)).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(await write.applied()).toBe(1);
    await write.agrees(result);
  });
});

describe('Ignore never leaves a rule without its status', () => {
  type Reported = 'success' | 'unknown' | 'failure';
  const FAULTS: Array<[string, ProxyFault, number | undefined, Reported, rules: number]> = [
    ['reset once', { kind: 'reset' }, 1, 'success', 1],
    ['reset always', { kind: 'reset' }, undefined, 'unknown', 0],
    ['503 always', { kind: 'status', status: 503 }, undefined, 'failure', 0],
    ['delay once', { kind: 'delay', ms: CLIENT_TIMEOUT_MS * 2 }, 1, 'success', 1],
    ['drop after commit once', { kind: 'dropAfterCommit' }, 1, 'success', 1],
    ['drop after commit always', { kind: 'dropAfterCommit' }, undefined, 'unknown', 1],
  ];

  it.each(FAULTS)('%s: the call reports %s; the rule exists exactly when the activity is ignored by it', async (_what, fault, times, reported, ruleCount) => {
    await setUp();
    const [a, b] = await twoActivities();
    const http = await client();
    proxy.inject({ method: 'POST', path: /^\/suppression-rules$/, fault, ...(times !== undefined ? { times } : {}) });
    const result = await outcome(http.ignore!({ rule: ruleFor(a, 'atomic'), activityIds: [a.id], idempotencyKey: newKey(), signal: signal() }));
    await proxy.settled();
    expect(result.ok ? 'success' : isWriteOutcomeUnknown(result.error) ? 'unknown' : 'failure').toBe(reported);
    const rules = (await allRules()).filter(sameKey(a));
    expect(rules).toHaveLength(ruleCount);
    const detail = await memory.getActivity({ id: a.id, signal: signal() });
    if (ruleCount === 1) expect(detail).toMatchObject({ status: 'ignored', suppressedBy: rules[0]!.id });
    else expect(detail).toMatchObject({ status: 'active' });
    expect(detail.suppressedBy === undefined).toBe(ruleCount === 0);
    if (result.ok) expect(rules.map((r) => r.id)).toEqual([result.value.rule.id]);
    expect(await status(b.id)).toBe('active');
  });

  it('a definitive failure in the backend (failOn ignore) applies nothing: no rule, no status', async () => {
    await setUp({ failOn: { ignore: 'server' } });
    const [a] = await twoActivities();
    const http = await client();
    const result = await outcome(http.ignore!({ rule: ruleFor(a, 'atomic'), activityIds: [a.id], idempotencyKey: newKey(), signal: signal() }));
    expect(result).toMatchObject({ ok: false, error: { code: 'server', status: 500 } });
    expect(isWriteOutcomeUnknown((result as { error: unknown }).error)).toBe(false);
    expect(proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((await allRules()).filter(sameKey(a))).toEqual([]);
    expect(await memory.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'active' });
  });

  it('the backend commits both steps then loses its answer once (failAfterCommitOn): the retry replays one rule with its status', async () => {
    await setUp({ failAfterCommitOn: { ignore: { code: 'network', times: 1 } } });
    const [a] = await twoActivities();
    const http = await client();
    const key = newKey();
    const { rule } = await http.ignore!({ rule: ruleFor(a, 'atomic'), activityIds: [a.id], idempotencyKey: key, signal: signal() });
    expect(proxy.requests.filter((r) => r.method === 'POST').map((r) => [r.headers['idempotency-key'], r.upstreamStatus])).toEqual([
      [key, 502],
      [key, 201],
    ]);
    expect((await allRules()).filter(sameKey(a)).map((r) => r.id)).toEqual([rule.id]);
    expect(await memory.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: rule.id });
  });

  it('the backend keeps losing its answer (failAfterCommitOn always): the call says unknown, and the state has the rule with its status', async () => {
    await setUp({ failAfterCommitOn: { ignore: 'timeout' } });
    const [a] = await twoActivities();
    const http = await client();
    const result = await outcome(http.ignore!({ rule: ruleFor(a, 'atomic'), activityIds: [a.id], idempotencyKey: newKey(), signal: signal() }));
    expect(result.ok).toBe(false);
    expect(isWriteOutcomeUnknown((result as { error: unknown }).error)).toBe(true);
    const rules = (await allRules()).filter(sameKey(a));
    expect(rules).toHaveLength(1);
    expect(await memory.getActivity({ id: a.id, signal: signal() })).toMatchObject({ status: 'ignored', suppressedBy: rules[0]!.id });
  });
});
