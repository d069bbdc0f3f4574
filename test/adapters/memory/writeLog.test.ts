/**
 * Triage decisions survive a reload (issue 15, "Demo and Storybook"): the
 * writes made on one adapter are replayed onto a fresh adapter over the same
 * seed, through an in-memory storage (the demo's IndexedDB storage is tested
 * in the browser, test/e2e/demoPersistence.e2e.test.ts).
 */
import { createMemoryAdapter } from '../../../src/adapters/memory';
import { persistWrites, type LoggedWrite, type WriteLogStorage } from '../../../src/adapters/memory/writeLog';
import type { ThreatDeckAdapter } from '../../../src/core/adapter';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';

const NOW = 1_748_779_200_000;
const HOUR = 3_600_000;
const signal = () => new AbortController().signal;

function memoryStorage(): WriteLogStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    // Stored as a structured clone, as IndexedDB does: no shared objects with the caller.
    load: async (key) => structuredClone(data.get(key)),
    save: async (key, value) => void data.set(key, structuredClone(value)),
    remove: async (key) => void data.delete(key),
  };
}

const clock = { now: NOW };
const fresh = () => createMemoryAdapter({ seed: 11, activities: 400, hugeActivityAttempts: 0, now: () => clock.now, live: false });
/** A page load: a fresh adapter over the same dataset, with whatever the storage holds replayed. */
const load = (storage: WriteLogStorage) => persistWrites(fresh(), { storage, key: 'memory:11:400', now: () => clock.now });
const settle = () => new Promise((r) => setTimeout(r, 0));

async function page(adapter: ThreatDeckAdapter, status: Activity['status'] = 'active') {
  return adapter.listActivities({ query: createQuery({ status }), pageSize: 1000, signal: signal() });
}
const statusOf = async (adapter: ThreatDeckAdapter, id: string) => (await adapter.getActivity({ id, signal: signal() })).status;

beforeEach(() => {
  clock.now = NOW;
});

it('keeps status changes, Ignore rules, blocks and work items across a reload', async () => {
  const storage = memoryStorage();
  const first = await load(storage);
  expect(first.restored).toBe(0);
  const [a, b, c] = (await page(first.adapter)).items;
  await first.adapter.setStatus({ ids: [a!.id], status: 'under_review', idempotencyKey: 'k1', signal: signal() });
  const ignored = await first.adapter.ignore!({
    rule: { actorIp: b!.actor.ip, endpoint: b!.endpoint, policyId: b!.policy.id, expiresAt: null, reason: 'scanner we run' },
    activityIds: [b!.id],
    idempotencyKey: 'k2',
    signal: signal(),
  });
  await first.adapter.block!({ target: c!.actor.ip, durationMs: 2 * HOUR, activityId: c!.id, idempotencyKey: 'k3', signal: signal() });
  const item = await first.adapter.createWorkItem!({
    targetId: 'jira-sec-bug',
    activityId: a!.id,
    values: { summary: 'Look at this', description: 'SQLi from one actor', priority: 'high' },
    idempotencyKey: 'k4',
    signal: signal(),
  });
  await settle();

  clock.now = NOW + HOUR;
  const second = await load(storage);
  expect(second.restored).toBe(4);
  expect(await statusOf(second.adapter, a!.id)).toBe('under_review');
  expect(await statusOf(second.adapter, b!.id)).toBe('ignored');
  const rules = await second.adapter.listSuppressionRules!({ pageSize: 10, signal: signal() });
  expect(rules.items.map((r) => [r.actorIp, r.reason])).toEqual([[ignored.rule.actorIp, 'scanner we run']]);
  const blocks = await second.adapter.listBlocks!({ pageSize: 10, signal: signal() });
  // The block keeps its expiry: two hours after it was made, not two hours after the reload.
  expect(blocks.items.map((x) => [x.target, x.expiresAt])).toEqual([[c!.actor.ip, NOW + 2 * HOUR]]);
  const detail = await second.adapter.getActivity({ id: a!.id, signal: signal() });
  expect(detail.workItems.map((w) => w.key)).toEqual([item.key]);

  // Past its expiry the block is not restored; the rest still is.
  clock.now = NOW + 3 * HOUR;
  const third = await load(storage);
  expect((await third.adapter.listBlocks!({ pageSize: 10, signal: signal() })).items).toEqual([]);
  expect(await statusOf(third.adapter, b!.id)).toBe('ignored');
});

it('maps a later delete to the rule or block the replaying session issued', async () => {
  const storage = memoryStorage();
  const first = await load(storage);
  const [a, b] = (await page(first.adapter)).items;
  // An expiring block first, so after it expires the next session numbers the permanent one differently.
  await first.adapter.block!({ target: a!.actor.ip, durationMs: HOUR, signal: signal() });
  const keep = await first.adapter.block!({ target: b!.actor.ip, durationMs: null, signal: signal() });
  await settle();

  clock.now = NOW + 2 * HOUR;
  const second = await load(storage);
  const [restored] = (await second.adapter.listBlocks!({ pageSize: 10, signal: signal() })).items;
  expect(restored!.target).toBe(keep.target);
  await second.adapter.unblock!({ blockId: restored!.blockId, signal: signal() });
  await settle();

  const third = await load(storage);
  expect((await third.adapter.listBlocks!({ pageSize: 10, signal: signal() })).items).toEqual([]);
});

it('replays a bulk change by query without the old session’s as-of bound, and logs no dry run', async () => {
  const storage = memoryStorage();
  const first = await load(storage);
  const before = await page(first.adapter);
  const query = createQuery({ filters: { severity: ['critical'] } });
  const { affected: wouldMove } = await first.adapter.setStatusByQuery!({ query, status: 'ignored', asOf: before.asOf, dryRun: true, signal: signal() });
  const { affected } = await first.adapter.setStatusByQuery!({ query, status: 'ignored', asOf: before.asOf, signal: signal() });
  expect(affected).toBe(wouldMove);
  expect(affected).toBeGreaterThan(0);
  await settle();
  expect((storage.data.get('memory:11:400') as LoggedWrite[]).map((e) => e.method)).toEqual(['setStatusByQuery']);

  const second = await load(storage);
  expect((await page(second.adapter)).counts).toEqual((await page(first.adapter)).counts);
});

it('reset forgets every decision; a retry under the same key is logged once', async () => {
  const storage = memoryStorage();
  const first = await load(storage);
  const [a] = (await page(first.adapter)).items;
  for (let i = 0; i < 2; i++) await first.adapter.setStatus({ ids: [a!.id], status: 'ignored', idempotencyKey: 'same', signal: signal() });
  await settle();
  expect(storage.data.get('memory:11:400')).toHaveLength(1);

  await first.reset();
  const second = await load(storage);
  expect(second.restored).toBe(0);
  expect(await statusOf(second.adapter, a!.id)).toBe('active');
});

it('ignores a stored value that is not a write log, and entries the fresh adapter refuses', async () => {
  const storage = memoryStorage();
  storage.data.set('memory:11:400', [
    { method: 'setStatus', params: { ids: ['act-999999'], status: 'ignored' } },
    { method: 'eval', params: {} },
    'junk',
    { method: 'setStatus', params: { ids: ['act-000002'], status: 'under_review' } },
  ]);
  const session = await load(storage);
  expect(session.restored).toBe(1);
  expect(await statusOf(session.adapter, 'act-000002')).toBe('under_review');
  await settle();
  expect(storage.data.get('memory:11:400')).toHaveLength(1);

  storage.data.set('memory:11:400', { not: 'a log' });
  expect((await load(storage)).restored).toBe(0);
});

describe('case writes in the log', () => {
  it('assignments and notes survive a reload (replayed onto a fresh adapter over the same dataset)', async () => {
    const saved = new Map<string, unknown>();
    const storage = { load: async (k: string) => saved.get(k), save: async (k: string, v: unknown) => void saved.set(k, structuredClone(v)), remove: async (k: string) => void saved.delete(k) };
    const fresh = () => createMemoryAdapter({ seed: 4, activities: 40, hugeActivityAttempts: 0, now: () => 1_748_779_200_000, live: false });
    const s = () => new AbortController().signal;
    const first = await persistWrites(fresh(), { storage, key: 'k' });
    const [a] = (await first.adapter.listActivities({ query: createQuery(), pageSize: 1, signal: s() })).items;
    await first.adapter.assignActivities!({ target: { ids: [a!.id] }, userId: 'u-dana', signal: s() });
    await first.adapter.addNote!({ activityId: a!.id, text: 'kept across reloads', signal: s() });
    const second = await persistWrites(fresh(), { storage, key: 'k' });
    expect(second.restored).toBe(2);
    expect((await second.adapter.getActivity({ id: a!.id, signal: s() })).assigneeId).toBe('u-dana');
    expect((await second.adapter.listNotes!({ activityId: a!.id, signal: s() })).items[0]?.text).toBe('kept across reloads');
  });
});
