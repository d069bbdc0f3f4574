/**
 * The memory adapter's ingestEvents called directly (as any server-side
 * caller would): events join a seeded activity with its generated attempts,
 * late events keep time order, a rule hit reaches subscribers, and a batch
 * with one bad event changes nothing.
 */
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import type { LiveEvent } from '../../../src/core/adapter';
import { createQuery } from '../../../src/core/query';
import { detectionEvent } from '../http/securedServerKit';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;
const memory = () => createMemoryAdapter({ seed: 3, activities: 50, hugeActivityAttempts: 0, now: () => NOW, live: false });

it('an event with the key of a seeded activity joins it: one more attempt, the detector’s own, listed first', async () => {
  const adapter = memory();
  const seeded = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
  const event = detectionEvent(1, { actor: seeded.actor, endpoint: seeded.endpoint, policy: seeded.policy, timestamp: seeded.lastSeen + 1000 });
  const result = await adapter.ingestEvents({ events: [event], signal: signal() });
  expect(result).toEqual({ accepted: 1, duplicates: 0, suppressed: 0, activityIds: [seeded.id] });
  const after = await adapter.getActivity({ id: seeded.id, signal: signal() });
  expect(after).toMatchObject({ attemptCount: seeded.attemptCount + 1, lastSeen: seeded.lastSeen + 1000, firstSeen: seeded.firstSeen });
  const page = await adapter.listAttempts({ id: seeded.id, pageSize: 2, signal: signal() });
  expect(page.total).toBe(seeded.attemptCount + 1);
  expect(page.items[0]).toMatchObject({ id: 'evt-1', request: event.request });
  expect(page.items[1]!.id).not.toBe('evt-1');
});

it('late events keep the attempts in time order', async () => {
  const adapter = memory();
  const { activityIds } = await adapter.ingestEvents({ events: [detectionEvent(3), detectionEvent(1), detectionEvent(2)], signal: signal() });
  const attempts = await adapter.listAttempts({ id: activityIds[0]!, pageSize: 10, signal: signal() });
  expect(attempts.items.map((a) => a.id)).toEqual(['evt-3', 'evt-2', 'evt-1']);
  // The timeline bins exactly the ingested attempts (the activity has no generated ones).
  const timeline = await adapter.getTimeline({ id: activityIds[0]!, bucketMs: 1, signal: signal() });
  expect(timeline.buckets.map((b) => b.blocked)).toEqual([1, 1, 1]);
});

it('a rule hit is delivered to subscribers as a suppressed event with the new count', async () => {
  const adapter = memory();
  const e = detectionEvent(1);
  const { rule } = await adapter.ignore({ rule: { actorIp: e.actor.ip, endpoint: e.endpoint, policyId: e.policy.id, expiresAt: null }, signal: signal() });
  const events: LiveEvent[] = [];
  const controller = new AbortController();
  await adapter.subscribe({ query: createQuery(), onEvent: (event) => events.push(event), signal: controller.signal });
  await adapter.ingestEvents({ events: [detectionEvent(1), detectionEvent(2)], signal: signal() });
  controller.abort();
  expect(events).toEqual([{ type: 'suppressed', ruleId: rule.id, count: 2 }]);
});

it('one malformed event refuses the whole batch and records nothing, not even the good event ids', async () => {
  const adapter = memory();
  const bad = { ...detectionEvent(2), outcome: 'exploded' } as never;
  await expect(adapter.ingestEvents({ events: [detectionEvent(1), bad], signal: signal() })).rejects.toMatchObject({ code: 'invalid_request', path: 'events[1].outcome' });
  expect((await adapter.ingestEvents({ events: [detectionEvent(1)], signal: signal() })).accepted).toBe(1);
});

it('an idempotency key replays the first answer', async () => {
  const adapter = memory();
  const first = await adapter.ingestEvents({ events: [detectionEvent(1)], idempotencyKey: 'batch-1', signal: signal() });
  expect(await adapter.ingestEvents({ events: [detectionEvent(1)], idempotencyKey: 'batch-1', signal: signal() })).toEqual(first);
  expect(adapter.capabilities.ingest).toBe(true);
});
