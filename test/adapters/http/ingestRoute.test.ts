/**
 * `POST /events` as a detector sees it: a batch of detections becomes
 * activities and attempts, once per event id; a suppression rule counts the
 * hit and keeps the event out of Active; live subscribers see the change; an
 * oversized or malformed batch is refused whole.
 */
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { MAX_INGEST_BATCH, type LiveEvent } from '../../../src/core/adapter';
import { createQuery } from '../../../src/core/query';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { detectionEvent, json, makeKeys, send } from './securedServerKit';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;
const { keys, entries } = makeKeys();
let backend: ReturnType<typeof createMemoryAdapter>;
let server: RunningReferenceServer;
beforeEach(async () => {
  backend = createMemoryAdapter({ seed: 9, activities: 100, hugeActivityAttempts: 0, now: () => NOW, live: false });
  server = await startReferenceServer({ adapter: backend, apiKeys: entries });
});
afterEach(() => server.close());

const ingest = (body: unknown, key = keys.ingest, extra: Record<string, string> = {}) =>
  send(server.url, 'POST', '/events', json({ 'x-api-key': key, ...extra }), JSON.stringify(body));
const ofActor = (ip: string) => createQuery({ status: 'active', filters: { actor: [ip] } });

describe('POST /events', () => {
  it('creates the activity of actor + endpoint + policy, counts its attempts and keeps first and last seen', async () => {
    const first = await ingest({ events: [detectionEvent(1), detectionEvent(2, { outcome: 'exploited', severity: 'critical' }), detectionEvent(3)] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0, suppressed: 0 });
    const ids = first.body.activityIds as string[];
    expect(ids).toHaveLength(1);
    const activity = await backend.getActivity({ id: ids[0]!, signal: signal() });
    expect(activity).toMatchObject({
      status: 'active',
      attemptCount: 3,
      firstSeen: detectionEvent(1).timestamp,
      lastSeen: detectionEvent(3).timestamp,
      severity: 'critical',
      successfulExploit: true,
      actor: { ip: '198.51.100.77' },
      policy: { id: 'policy-ingest', name: 'Credential stuffing' },
    });
    expect(activity.id).toMatch(/^act-[0-9a-f]{32}$/);
    // The attempts are the detector's own, newest first.
    const attempts = await backend.listAttempts({ id: ids[0]!, pageSize: 10, signal: signal() });
    expect(attempts.items.map((a) => a.id)).toEqual(['evt-3', 'evt-2', 'evt-1']);
    expect(attempts.items[2]).toMatchObject({ outcome: 'blocked', request: detectionEvent(1).request, response: detectionEvent(1).response });
    // A later event of the same key joins the same activity.
    const later = await ingest({ events: [detectionEvent(4)] });
    expect(later.body).toMatchObject({ accepted: 1, activityIds: ids });
    expect((await backend.getActivity({ id: ids[0]!, signal: signal() })).attemptCount).toBe(4);
    const list = await backend.listActivities({ query: ofActor('198.51.100.77'), pageSize: 10, signal: signal() });
    expect(list.items.map((a) => a.id)).toEqual(ids);
  });

  it('is idempotent by event id: a batch sent again records nothing twice, also within one batch', async () => {
    const batch = { events: [detectionEvent(1), detectionEvent(2), detectionEvent(1)] };
    expect((await ingest(batch)).body).toMatchObject({ accepted: 2, duplicates: 1 });
    const again = await ingest(batch);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, suppressed: 0, activityIds: [] });
    const [activity] = (await backend.listActivities({ query: ofActor('198.51.100.77'), pageSize: 5, signal: signal() })).items;
    expect(activity!.attemptCount).toBe(2);
  });

  it('a matching suppression rule counts the hit and the event never shows as Active', async () => {
    const analyst = createHttpAdapter({ baseUrl: server.url, retry: false, headers: { 'x-api-key': keys.analyst } });
    const e = detectionEvent(1);
    const { rule } = await analyst.ignore!({
      rule: { actorIp: e.actor.ip, endpoint: e.endpoint, policyId: e.policy.id, expiresAt: null },
      signal: signal(),
    });
    const activeBefore = (await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).counts.active;
    const result = await ingest({ events: [detectionEvent(1), detectionEvent(2), detectionEvent(3, { actor: { ip: '198.51.100.78' } })] });
    expect(result.body).toMatchObject({ accepted: 3, suppressed: 2 });
    expect((await backend.listActivities({ query: ofActor('198.51.100.77'), pageSize: 5, signal: signal() })).items).toEqual([]);
    // Only the unmatched actor became Active.
    expect((await backend.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).counts.active).toBe(activeBefore + 1);
    const [stored] = (await analyst.listSuppressionRules!({ pageSize: 10, signal: signal() })).items.filter((r) => r.id === rule.id);
    expect(stored).toMatchObject({ suppressedCount: 2, lastHitAt: NOW });
    // A replayed batch is no new hit.
    await ingest({ events: [detectionEvent(1)] });
    expect((await analyst.listSuppressionRules!({ pageSize: 10, signal: signal() })).items.find((r) => r.id === rule.id)).toMatchObject({ suppressedCount: 2 });
  });

  it('live subscribers see the new activity and the rule hits', async () => {
    const events: LiveEvent[] = [];
    const controller = new AbortController();
    await backend.subscribe({ query: createQuery({ status: 'active' }), onEvent: (event) => events.push(event), signal: controller.signal });
    await ingest({ events: [detectionEvent(1)] });
    controller.abort();
    expect(events).toEqual([expect.objectContaining({ type: 'activity', isNew: true, activity: expect.objectContaining({ attemptCount: 1 }) })]);
  });

  it(`more than ${MAX_INGEST_BATCH} events is 413 and records none`, async () => {
    const events = Array.from({ length: MAX_INGEST_BATCH + 1 }, (_, i) => detectionEvent(i));
    const response = await ingest({ events });
    expect(response).toMatchObject({ status: 413, body: { error: { code: 'invalid_request', path: 'body.events' } } });
    expect((await backend.listActivities({ query: ofActor('198.51.100.77'), pageSize: 5, signal: signal() })).total).toBe(0);
    expect((await ingest({ events: events.slice(0, MAX_INGEST_BATCH) })).body).toMatchObject({ accepted: MAX_INGEST_BATCH });
  });

  it.each([
    ['an unknown field', { ...detectionEvent(1), extra: 1 }, 'body.events[0].extra'],
    ['an unknown severity', { ...detectionEvent(1), severity: 'apocalyptic' }, 'body.events[0].severity'],
    ['an event id with a space', { ...detectionEvent(1), eventId: 'a b' }, 'body.events[0].eventId'],
    ['a negative timestamp', { ...detectionEvent(1), timestamp: -1 }, 'body.events[0].timestamp'],
    ['a missing policy', { ...detectionEvent(1), policy: undefined }, 'body.events[0].policy'],
    ['a body that is not base64', { ...detectionEvent(1), request: { ...detectionEvent(1).request, body: { kind: 'bytes', base64: '%%%', size: 1, truncated: false } } }, 'body.events[0].request.body.base64'],
  ])('%s is 400 naming the field, and the whole batch is refused', async (_what, bad, path) => {
    const response = await ingest({ events: [detectionEvent(7), bad] });
    expect(response.status).toBe(400);
    expect(response.body.error?.path).toBe(path.replace('[0]', '[1]'));
    expect((await backend.listActivities({ query: ofActor('198.51.100.77'), pageSize: 5, signal: signal() })).total).toBe(0);
  });

  it('an empty batch, or no events field, is 400', async () => {
    expect((await ingest({ events: [] })).status).toBe(400);
    expect((await ingest({ evnts: [detectionEvent(1)] })).status).toBe(400);
  });

  it('takes an ingest key or admin; a viewer or analyst is 403 and nothing is recorded', async () => {
    expect((await ingest({ events: [detectionEvent(1)] }, keys.viewer)).status).toBe(403);
    expect((await ingest({ events: [detectionEvent(1)] }, keys.analyst)).status).toBe(403);
    expect((await backend.listActivities({ query: ofActor('198.51.100.77'), pageSize: 5, signal: signal() })).total).toBe(0);
    expect((await ingest({ events: [detectionEvent(1)] }, keys.admin)).body).toMatchObject({ accepted: 1 });
    expect((await ingest({ events: [detectionEvent(2)] }, keys.ingest)).body).toMatchObject({ accepted: 1 });
  });

  it('accepts a batch larger than the 1 MiB limit of other writes', async () => {
    const bulky = (n: number) => detectionEvent(n, { request: { ...detectionEvent(n).request, body: { kind: 'text', text: 'x'.repeat(4000), size: 4000, truncated: false } } });
    const body = { events: Array.from({ length: 400, }, (_, i) => bulky(i)) };
    expect(JSON.stringify(body).length).toBeGreaterThan(1 << 20);
    expect((await ingest(body)).body).toMatchObject({ accepted: 400 });
  });

  it('the capability is advertised', async () => {
    expect((await send(server.url, 'GET', '/capabilities', { 'x-api-key': keys.viewer })).body).toMatchObject({ ingest: true });
  });
});
