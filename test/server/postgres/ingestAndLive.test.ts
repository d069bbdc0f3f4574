/**
 * Ingest on the Postgres adapter (idempotent by eventId, activities created
 * or updated per actor + endpoint + policy, suppression rules counting hits)
 * and live events over LISTEN/NOTIFY between two adapters with their own
 * pools, as two server processes on one database would be.
 */
import type { DetectionEvent, LiveEvent } from '../../../src/core/adapter';
import { isAdapterError } from '../../../src/core/errors';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';
import { NOW, usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const signal = () => new AbortController().signal;

let n = 0;
function event(over: Partial<DetectionEvent> = {}): DetectionEvent {
  n++;
  return {
    eventId: `det-${n}-${Math.random().toString(36).slice(2)}`,
    timestamp: NOW - 60_000 + n,
    actor: { ip: '198.51.100.77', country: 'NL' },
    endpoint: { method: 'POST', host: 'api.ingest.example', path: '/v1/login' },
    policy: { id: 'pol-ingest', name: 'Ingest test policy' },
    severity: 'high',
    type: 'rule-based',
    category: 'Injection',
    subcategory: 'SQL Injection',
    outcome: 'blocked',
    request: { method: 'POST', url: "https://api.ingest.example/v1/login?u=' OR 1=1--", httpVersion: 'HTTP/1.1', headers: [['Host', 'api.ingest.example']], body: null },
    response: { status: 403, httpVersion: 'HTTP/1.1', headers: [], body: null },
    ...over,
  };
}

const byKey = (e: DetectionEvent, status: Activity['status'] = 'active') =>
  createQuery({ status, filters: { actor: [e.actor.ip], url: [e.endpoint.path], host: [e.endpoint.host] } });

/** Resolves with the first event `accept` takes, or rejects after `ms`. */
function nextEvent(events: LiveEvent[], accept: (e: LiveEvent) => boolean, ms = 5000): Promise<LiveEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const hit = events.find(accept);
      if (hit) return resolve(hit);
      if (Date.now() - started > ms) return reject(new Error(`no matching live event within ${ms} ms (got ${events.length})`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe.runIf(pg.enabled)('postgres adapter: ingest', () => {
  it('records each event once: a batch sent twice creates one activity with its attempts counted once', async () => {
    const adapter = pg.ctx().adapter();
    const batch = [event(), event({ outcome: 'exploited' }), event()];
    const first = await adapter.ingestEvents!({ events: batch, signal: signal() });
    expect(first).toMatchObject({ accepted: 3, duplicates: 0, suppressed: 0 });
    expect(first.activityIds).toHaveLength(1);
    const again = await adapter.ingestEvents!({ events: [...batch, batch[0]!], signal: signal() });
    expect(again).toMatchObject({ accepted: 0, duplicates: 4, suppressed: 0 });

    const page = await adapter.listActivities({ query: byKey(batch[0]!), pageSize: 10, signal: signal() });
    expect(page.items.map((a) => a.id)).toEqual(first.activityIds);
    const a = page.items[0]!;
    expect(a).toMatchObject({ attemptCount: 3, firstSeen: batch[0]!.timestamp, lastSeen: batch[2]!.timestamp, successfulExploit: true, status: 'active' });
    const attempts = await adapter.listAttempts({ id: a.id, pageSize: 10, signal: signal() });
    expect(attempts.total).toBe(3);
    expect(attempts.items.map((x) => x.id)).toEqual([batch[2]!.eventId, batch[1]!.eventId, batch[0]!.eventId]);
    expect(attempts.items[0]!.request.url).toBe(batch[2]!.request.url);
    const timeline = await adapter.getTimeline!({ id: a.id, bucketMs: 60_000, signal: signal() });
    expect(timeline.total).toBe(3);
  });

  it('a new event for a known actor + endpoint + policy updates that activity', async () => {
    const adapter = pg.ctx().adapter();
    const known = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const e = event({ actor: { ip: known.actor.ip }, endpoint: known.endpoint, policy: known.policy, timestamp: NOW });
    const result = await adapter.ingestEvents!({ events: [e], signal: signal() });
    expect(result.activityIds).toEqual([known.id]);
    const after = await adapter.getActivity({ id: known.id, signal: signal() });
    expect(after.attemptCount).toBe(known.attemptCount + 1);
    expect(after.lastSeen).toBe(NOW);
  });

  it('a matching suppression rule counts the hit and the events never show as Active', async () => {
    const adapter = pg.ctx().adapter();
    const seed = event();
    const [activityId] = (await adapter.ingestEvents!({ events: [seed], signal: signal() })).activityIds;
    const { rule } = await adapter.ignore!({
      rule: { actorIp: seed.actor.ip, endpoint: seed.endpoint, policyId: seed.policy.id, expiresAt: null },
      activityIds: [activityId!],
      signal: signal(),
    });
    const result = await adapter.ingestEvents!({ events: [event(), event()], signal: signal() });
    expect(result).toMatchObject({ accepted: 2, suppressed: 2 });
    expect((await adapter.listActivities({ query: byKey(seed), pageSize: 10, signal: signal() })).total).toBe(0);
    const ignored = await adapter.getActivity({ id: activityId!, signal: signal() });
    expect(ignored).toMatchObject({ status: 'ignored', suppressedBy: rule.id, attemptCount: 3 });
    const listed = (await adapter.listSuppressionRules!({ search: seed.actor.ip, pageSize: 10, signal: signal() })).items.find((r) => r.id === rule.id);
    expect(listed).toMatchObject({ suppressedCount: 2, lastHitAt: NOW });
  });

  it('a rule made without touching existing activities still keeps new events out of Active', async () => {
    const adapter = pg.ctx().adapter();
    const seed = event({ actor: { ip: '203.0.113.201' } });
    const [openId] = (await adapter.ingestEvents!({ events: [seed], signal: signal() })).activityIds;
    const { rule } = await adapter.ignore!({ rule: { actorIp: seed.actor.ip, endpoint: seed.endpoint, policyId: seed.policy.id, expiresAt: null }, signal: signal() });
    const result = await adapter.ingestEvents!({ events: [event({ actor: { ip: '203.0.113.201' } })], signal: signal() });
    expect(result.suppressed).toBe(1);
    expect(result.activityIds).not.toContain(openId);
    expect((await adapter.getActivity({ id: openId!, signal: signal() })).attemptCount).toBe(1);
    const made = await adapter.getActivity({ id: result.activityIds[0]!, signal: signal() });
    expect(made).toMatchObject({ status: 'ignored', suppressedBy: rule.id, attemptCount: 1 });
  });

  it.each([0, 3_600_000])('batches racing from two processes create one activity per new key and count every attempt once (merge delay %i)', async (activityMergeDelayMs) => {
    const database = pg.ctx().freshDatabase();
    const [a, b] = [pg.ctx().adapter({ database, activityMergeDelayMs }), pg.ctx().adapter({ database, activityMergeDelayMs })];
    const known = (await a.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const onKnown = { actor: { ip: known.actor.ip }, endpoint: known.endpoint, policy: known.policy };
    const ips = ['192.0.2.71', '192.0.2.72', '192.0.2.73'];
    // Eight batches at once, each with every new key and the known one: only the creation of a new key is locked.
    const batches = Array.from({ length: 8 }, () => [...ips.map((ip) => event({ actor: { ip } })), event({ ...onKnown, timestamp: NOW })]);
    const results = await Promise.all(batches.map((events, i) => (i % 2 ? a : b).ingestEvents!({ events, signal: signal() })));
    expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(32);
    if (activityMergeDelayMs) await a.mergeActivityDeltas();
    for (const ip of ips) {
      const page = await a.listActivities({ query: createQuery({ filters: { actor: [ip] } }), pageSize: 10, signal: signal() });
      expect(page.items.map((x) => x.attemptCount)).toEqual([8]);
    }
    expect((await a.getActivity({ id: known.id, signal: signal() })).attemptCount).toBe(known.attemptCount + 8);
  });

  it('refuses a malformed or oversized batch naming the field, and records nothing', async () => {
    const adapter = pg.ctx().adapter();
    const good = event({ actor: { ip: '192.0.2.99' } });
    const e = await adapter.ingestEvents!({ events: [good, { ...event(), severity: 'extreme' as never }], signal: signal() }).catch((x: unknown) => x);
    expect(isAdapterError(e) && e.code === 'invalid_request' && e.path).toBe('events[1].severity');
    const big = await adapter.ingestEvents!({ events: Array.from({ length: 1001 }, () => event()), signal: signal() }).catch((x: unknown) => x);
    expect(isAdapterError(big) && big.code === 'invalid_request' && big.path).toBe('events');
    expect((await adapter.listActivities({ query: byKey(good), pageSize: 1, signal: signal() })).total).toBe(0);
    // The refused batch claimed no event id: sent again alone, the good event is accepted.
    expect((await adapter.ingestEvents!({ events: [good], signal: signal() })).accepted).toBe(1);
  });
});

describe.runIf(pg.enabled)('postgres adapter: live events across processes (LISTEN/NOTIFY)', () => {
  it('an ingest through one adapter reaches a subscriber of another adapter on the same database', async () => {
    const database = pg.ctx().freshDatabase();
    const writer = pg.ctx().adapter({ database });
    const reader = pg.ctx().adapter({ database });
    const received: LiveEvent[] = [];
    const sub = new AbortController();
    await reader.subscribe!({ query: createQuery(), onEvent: (e) => received.push(e), signal: sub.signal });
    const e = event({ actor: { ip: '198.51.100.200' } });
    const { activityIds } = await writer.ingestEvents!({ events: [e], signal: signal() });
    const got = await nextEvent(received, (x) => x.type === 'activity' && x.activity.id === activityIds[0]);
    expect(got).toMatchObject({ type: 'activity', isNew: true, activity: { actor: { ip: '198.51.100.200' }, attemptCount: 1, status: 'active' } });

    // A triage write through the writer reaches a subscriber of the under-review list on the reader.
    const review: LiveEvent[] = [];
    await reader.subscribe!({ query: createQuery({ status: 'under_review' }), onEvent: (x) => review.push(x), signal: sub.signal });
    await writer.setStatus({ ids: activityIds, status: 'under_review', signal: signal() });
    const moved = await nextEvent(review, (x) => x.type === 'activity' && x.activity.id === activityIds[0]);
    expect(moved).toMatchObject({ isNew: false, activity: { status: 'under_review' } });
    // The active-list subscriber is not told about an activity that no longer matches its query.
    await new Promise((r) => setTimeout(r, 200));
    expect(received.filter((x) => x.type === 'activity' && x.activity.status === 'under_review')).toHaveLength(0);
    sub.abort();
  });

  it('a suppressed event reaches other processes as a suppressed event with the hit count, never as an activity', async () => {
    const database = pg.ctx().freshDatabase();
    const writer = pg.ctx().adapter({ database });
    const reader = pg.ctx().adapter({ database });
    const seed = event({ actor: { ip: '198.51.100.201' } });
    const { rule } = await writer.ignore!({ rule: { actorIp: seed.actor.ip, endpoint: seed.endpoint, policyId: seed.policy.id, expiresAt: null }, signal: signal() });
    const received: LiveEvent[] = [];
    const sub = new AbortController();
    await reader.subscribe!({ query: createQuery(), onEvent: (e) => received.push(e), signal: sub.signal });
    await writer.ingestEvents!({ events: [seed, event({ actor: { ip: '198.51.100.201' } })], signal: signal() });
    const got = await nextEvent(received, (x) => x.type === 'suppressed');
    expect(got).toEqual({ type: 'suppressed', ruleId: rule.id, count: 2 });
    expect(received.some((x) => x.type === 'activity')).toBe(false);
    sub.abort();
  });
});
