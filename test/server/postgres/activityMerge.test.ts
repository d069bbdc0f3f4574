/**
 * Ingest with `activityMergeDelayMs`: existing activities' counters are queued
 * as deltas and folded in by a merge. The merge must end where immediate
 * updates end (same counts, spans, subcategory, exploit flag, suppressing
 * rule), apply each delta once under faults and concurrent merges, send the
 * live "updated" events itself, and be run by its timer and on close.
 */
import type { DetectionEvent, LiveEvent } from '../../../src/core/adapter';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import type { PostgresAdapter } from '../../../src/server';
import { MERGE_BATCH_ROWS } from '../../../src/server/postgres/activityMerge';
import { NOW, usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const signal = () => new AbortController().signal;

let n = 0;
const event = (over: Partial<DetectionEvent> = {}): DetectionEvent => ({
  eventId: `merge-${++n}`,
  timestamp: NOW - 600_000 + n * 1000,
  actor: { ip: '198.51.100.91' },
  endpoint: { method: 'POST', host: 'merge.example', path: '/v1/transfer' },
  policy: { id: 'pol-merge', name: 'Merge policy' },
  severity: 'high',
  type: 'rule-based',
  category: 'Injection',
  subcategory: 'SQL Injection',
  outcome: 'blocked',
  request: { method: 'POST', url: 'https://merge.example/v1/transfer', httpVersion: 'HTTP/1.1', headers: [], body: null },
  response: null,
  ...over,
});

const byId = async (adapter: PostgresAdapter, id: string) => adapter.getActivity({ id, signal: signal() });
const counters = (a: Activity) => ({ attemptCount: a.attemptCount, firstSeen: a.firstSeen, lastSeen: a.lastSeen, subcategory: a.subcategory, successfulExploit: a.successfulExploit, status: a.status });

/** A known activity's key, for events that land on it. */
async function knownKey(adapter: PostgresAdapter) {
  const a = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
  return { activity: a, over: { actor: { ip: a.actor.ip }, endpoint: a.endpoint, policy: a.policy } satisfies Partial<DetectionEvent> };
}

describe.runIf(pg.enabled)('postgres ingest with a deferred merge (activityMergeDelayMs)', () => {
  it('attempts show at once, counters and the live "updated" event at the merge, and a second merge finds nothing', async () => {
    const database = pg.ctx().freshDatabase();
    const adapter = pg.ctx().adapter({ database, activityMergeDelayMs: 3_600_000 });
    const watcher = pg.ctx().adapter({ database });
    const events: LiveEvent[] = [];
    await watcher.subscribe!({ query: createQuery(), onEvent: (e) => events.push(e), signal: signal() });
    const { activity, over } = await knownKey(adapter);
    const ts = activity.lastSeen + 1000;
    const batch = [event({ ...over, timestamp: ts }), event({ ...over, timestamp: ts + 1, outcome: 'exploited', subcategory: 'Blind SQL Injection' })];

    const result = await adapter.ingestEvents!({ events: batch, signal: signal() });
    expect(result).toMatchObject({ accepted: 2, activityIds: [activity.id] });
    expect((await adapter.listAttempts({ id: activity.id, pageSize: 5, signal: signal() })).items.slice(0, 2).map((x) => x.id)).toEqual([batch[1]!.eventId, batch[0]!.eventId]);
    expect(counters(await byId(adapter, activity.id))).toEqual(counters(activity));
    await new Promise((r) => setTimeout(r, 300));
    const seen = () => events.flatMap((e) => (e.type === 'activity' && e.activity.id === activity.id ? [e] : []));
    expect(seen()).toEqual([]);

    expect(await adapter.mergeActivityDeltas()).toEqual({ deltas: 1, activities: 1, ran: true });
    expect(counters(await byId(adapter, activity.id))).toEqual({
      ...counters(activity), attemptCount: activity.attemptCount + 2, lastSeen: ts + 1, subcategory: 'Blind SQL Injection', successfulExploit: true,
    });
    await expect.poll(() => seen().map((e) => [e.isNew, e.activity.attemptCount]), { timeout: 5000 }).toEqual([[false, activity.attemptCount + 2]]);
    expect(await adapter.mergeActivityDeltas()).toEqual({ deltas: 0, activities: 0, ran: true });
  });

  it('ends where immediate updates end, over batches that move spans, subcategories, exploits and suppression', async () => {
    const immediate = pg.ctx().adapter();
    const deferred = pg.ctx().adapter({ activityMergeDelayMs: 3_600_000 });
    const { activity, over } = await knownKey(immediate);
    const other = (await immediate.listActivities({ query: createQuery({ sort: { field: 'firstSeen', direction: 'asc' } }), pageSize: 1, signal: signal() })).items[0]!;
    const overOther = { actor: { ip: other.actor.ip }, endpoint: other.endpoint, policy: other.policy };
    const t = activity.lastSeen;
    const batches: DetectionEvent[][] = [
      [event({ ...over, timestamp: t + 10 }), event({ ...over, timestamp: activity.firstSeen - 5000 })],
      [event({ ...over, timestamp: t + 5, subcategory: 'Older Than The Newest' }), event({ ...overOther, timestamp: other.lastSeen + 1, outcome: 'exploited' })],
      [event({ ...over, timestamp: t + 20, subcategory: 'Newest Probe' }), event({ ...overOther, timestamp: other.lastSeen - 1, subcategory: 'Not Newer' })],
      [event()], // a new activity: created at once in both modes
      [event(), event()],
    ];
    const ids = new Set<string>();
    for (const b of batches) {
      for (const id of (await immediate.ingestEvents!({ events: b, signal: signal() })).activityIds) ids.add(id);
      await deferred.ingestEvents!({ events: b, signal: signal() });
    }
    // The new activity's later batch was queued too, and so was the known activity's.
    expect((await deferred.mergeActivityDeltas()).activities).toBe(3);
    const created = [...ids].filter((id) => id !== activity.id && id !== other.id);
    expect(created).toHaveLength(1);
    for (const id of [activity.id, other.id]) expect(counters(await byId(deferred, id))).toEqual(counters(await byId(immediate, id)));
    const newOne = async (a: PostgresAdapter) => counters((await a.listActivities({ query: createQuery({ filters: { host: ['merge.example'] } }), pageSize: 5, signal: signal() })).items[0]!);
    expect(await newOne(deferred)).toEqual(await newOne(immediate));
    expect((await newOne(deferred)).attemptCount).toBe(3);
    // Search follows the merged subcategory, as it follows an immediate update.
    expect((await deferred.listActivities({ query: createQuery({ search: 'newest probe' }), pageSize: 5, signal: signal() })).items.map((a) => a.id)).toEqual([activity.id]);
  });

  it('suppressed events queued for an ignored activity raise the rule at once and reach the activity at the merge', async () => {
    const adapter = pg.ctx().adapter({ activityMergeDelayMs: 3_600_000 });
    const { activity, over } = await knownKey(adapter);
    const { rule } = await adapter.ignore!({ rule: { actorIp: activity.actor.ip, endpoint: activity.endpoint, policyId: activity.policy.id, expiresAt: null }, activityIds: [activity.id], signal: signal() });
    const after = await byId(adapter, activity.id);
    const r = await adapter.ingestEvents!({ events: [event({ ...over, timestamp: after.lastSeen + 1 })], signal: signal() });
    expect(r).toMatchObject({ suppressed: 1, activityIds: [activity.id] });
    expect((await byId(adapter, activity.id)).attemptCount).toBe(after.attemptCount);
    await adapter.mergeActivityDeltas();
    expect(await byId(adapter, activity.id)).toMatchObject({ status: 'ignored', attemptCount: after.attemptCount + 1, lastSeen: after.lastSeen + 1 });
    expect((await adapter.listSuppressionRules!({ pageSize: 50, signal: signal() })).items.find((x) => x.id === rule.id)?.suppressedCount).toBe(1);
  });

  it('a merge that fails before COMMIT changes nothing and leaves its deltas; the next one applies them once', async () => {
    const database = pg.ctx().freshDatabase();
    let failNext = true;
    const adapter = pg.ctx().adapter({
      database,
      activityMergeDelayMs: 3_600_000,
      beforeCommit: (_client, method) => {
        if (method === 'mergeActivityDeltas' && failNext) {
          failNext = false;
          throw new Error('injected: merge dies before COMMIT');
        }
      },
    });
    const { activity, over } = await knownKey(adapter);
    await adapter.ingestEvents!({ events: [event({ ...over, timestamp: activity.lastSeen + 1 }), event({ ...over, timestamp: activity.lastSeen + 2 })], signal: signal() });
    await expect(adapter.mergeActivityDeltas()).rejects.toMatchObject({ code: 'server' });
    expect((await byId(adapter, activity.id)).attemptCount).toBe(activity.attemptCount);
    const pool = pg.ctx().pool(database);
    expect((await pool.query('SELECT count(*)::int AS k FROM td_activity_deltas')).rows[0].k).toBe(1);
    expect(await adapter.mergeActivityDeltas()).toMatchObject({ deltas: 1, activities: 1 });
    expect(await adapter.mergeActivityDeltas()).toMatchObject({ deltas: 0 });
    expect((await byId(adapter, activity.id)).attemptCount).toBe(activity.attemptCount + 2);
    // One audit row per merge that committed (the failed one left none).
    expect((await pool.query("SELECT count(*)::int AS k FROM td_audit WHERE operation = 'mergeActivityDeltas' AND principal_id = 'system'")).rows[0].k).toBe(2);
  });

  it('two processes merging at once apply every delta once', async () => {
    const database = pg.ctx().freshDatabase();
    const a = pg.ctx().adapter({ database, activityMergeDelayMs: 3_600_000 });
    const b = pg.ctx().adapter({ database, activityMergeDelayMs: 3_600_000 });
    const { activity, over } = await knownKey(a);
    for (let i = 0; i < 6; i++) await (i % 2 ? a : b).ingestEvents!({ events: [event({ ...over, timestamp: activity.lastSeen + 1 + i })], signal: signal() });
    const results = await Promise.all([a.mergeActivityDeltas(), b.mergeActivityDeltas(), a.mergeActivityDeltas()]);
    const folded = results.reduce((s, r) => s + r.deltas, 0);
    const more = await b.mergeActivityDeltas();
    expect(folded + more.deltas).toBe(6);
    expect((await byId(a, activity.id)).attemptCount).toBe(activity.attemptCount + 6);
  });

  it('a backlog over one merge\'s limit is folded in by bounded merges, one after another', async () => {
    const database = pg.ctx().freshDatabase();
    const pool = pg.ctx().pool(database);
    const { activity } = await knownKey(pg.ctx().adapter({ database }));
    // A backlog as an outage of the merging processes would leave it (more than two merges' worth).
    const rows = 2 * MERGE_BATCH_ROWS + 5;
    await pool.query(
      `INSERT INTO td_activity_deltas (activity_id, attempts, first_seen, last_seen, exploited, subcategory, rule_id)
       SELECT $1, 1, $2::bigint, $2::bigint + i, false, 'Backlog Probe', NULL FROM generate_series(1, $3::int) i`,
      [activity.id, activity.lastSeen, rows],
    );
    const adapter = pg.ctx().adapter({ database, activityMergeDelayMs: 3_600_000 });
    expect(await adapter.mergeActivityDeltas()).toEqual({ deltas: MERGE_BATCH_ROWS, activities: 1, ran: true, more: true });
    // The rest by the timer of a process that starts (it schedules a merge when it starts), without waiting for ingest.
    const starter = pg.ctx().adapter({ database, activityMergeDelayMs: 20 });
    await expect.poll(async () => (await byId(starter, activity.id)).attemptCount, { timeout: 15_000, interval: 50 }).toBe(activity.attemptCount + rows);
    expect(await byId(starter, activity.id)).toMatchObject({ lastSeen: activity.lastSeen + rows, subcategory: 'Backlog Probe' });
    expect((await pool.query('SELECT count(*)::int AS k FROM td_activity_deltas')).rows[0].k).toBe(0);
  });

  it('its timer merges within the delay, and close() merges what is still queued', async () => {
    const database = pg.ctx().freshDatabase();
    const quick = pg.ctx().adapter({ database, activityMergeDelayMs: 50 });
    const { activity, over } = await knownKey(quick);
    await quick.ingestEvents!({ events: [event({ ...over, timestamp: activity.lastSeen + 1 })], signal: signal() });
    await expect.poll(async () => (await byId(quick, activity.id)).attemptCount, { timeout: 5000, interval: 25 }).toBe(activity.attemptCount + 1);

    const slow = pg.ctx().adapter({ database, activityMergeDelayMs: 3_600_000 });
    await slow.ingestEvents!({ events: [event({ ...over, timestamp: activity.lastSeen + 2 })], signal: signal() });
    expect((await byId(quick, activity.id)).attemptCount).toBe(activity.attemptCount + 1);
    await slow.close();
    expect((await byId(quick, activity.id)).attemptCount).toBe(activity.attemptCount + 2);
  });
});
