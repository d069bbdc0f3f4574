import { createMemoryAdapter, type MemoryAdapter } from '../../../src/adapters/memory';
import type { LiveEvent } from '../../../src/core/adapter';
import { isAbortError, isAdapterError } from '../../../src/core/errors';
import type { Activity } from '../../../src/core/model';
import { createQuery } from '../../../src/core/query';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;

function setup(extra: Parameters<typeof createMemoryAdapter>[0] = {}) {
  const clock = { now: NOW };
  const adapter = createMemoryAdapter({ seed: 4, activities: 3000, hugeActivityAttempts: 0, now: () => clock.now, live: false, ...extra });
  return { adapter, clock };
}

async function all(adapter: MemoryAdapter, query = createQuery()): Promise<Activity[]> {
  const out: Activity[] = [];
  for await (const page of adapter.exportActivities({ query, signal: signal() })) out.push(...page);
  return out;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isAdapterError(e)) return e.code;
    if (isAbortError(e)) return 'AbortError';
    throw e;
  }
  return 'resolved';
}

describe('createMemoryAdapter: reads', () => {
  it('filters, searches, counts and facets agree with a brute-force check', async () => {
    const { adapter } = setup();
    const rows = adapter.dataset.activities;
    const query = createQuery({ search: 'API', filters: { severity: ['critical', 'high'], type: ['rule-based'] }, time: { preset: '7d' } });
    const text = (a: Activity) =>
      [a.id, a.actor.ip, a.actor.country ?? '', a.endpoint.method, a.endpoint.path, a.endpoint.host, a.policy.name, a.category, a.subcategory].join('\n').toLowerCase();
    // Everything but the severity filter, brute force.
    const base = rows.filter((a) => a.type === 'rule-based' && a.lastSeen >= NOW - 7 * 86_400_000 && text(a).includes('api'));
    const expected = base.filter((a) => ['critical', 'high'].includes(a.severity));
    const page = await adapter.listActivities({ query, pageSize: 10, signal: signal() });
    expect(page.total).toBe(expected.filter((a) => a.status === 'active').length);
    expect(page.total).toBeGreaterThan(10);
    expect(page.counts).toEqual({
      active: expected.filter((a) => a.status === 'active').length,
      under_review: expected.filter((a) => a.status === 'under_review').length,
      ignored: expected.filter((a) => a.status === 'ignored').length,
    });
    expect(page.totalIsEstimate).toBe(false);
    // A facet ignores its own field's filter.
    const facet = await adapter.getFacet({ query, field: 'severity', signal: signal() });
    for (const option of facet.options) {
      expect(option.count).toBe(base.filter((a) => a.status === 'active' && a.severity === option.value).length);
    }
    expect(facet.options.map((o) => o.value)).toContain('medium');
  });

  it('sorts by each field, stable with ties, desc and asc', async () => {
    const { adapter } = setup();
    const desc = (await adapter.listActivities({ query: createQuery({ sort: { field: 'severity', direction: 'desc' } }), pageSize: 50, signal: signal() })).items;
    expect(desc[0]!.severity).toBe('critical');
    const asc = (await adapter.listActivities({ query: createQuery({ sort: { field: 'actor', direction: 'asc' } }), pageSize: 50, signal: signal() })).items;
    for (let i = 1; i < asc.length; i++) expect(asc[i - 1]!.actor.ip <= asc[i]!.actor.ip).toBe(true);
  });

  it('facets are searchable and limited, with labels', async () => {
    const { adapter } = setup();
    const type = await adapter.getFacet({ query: createQuery(), field: 'type', signal: signal() });
    expect(type.options.map((o) => o.label).sort()).toEqual(['Anomaly', 'Rule-Based']);
    const actors = await adapter.getFacet({ query: createQuery(), field: 'actor', search: '185.220', limit: 3, signal: signal() });
    expect(actors.options).toHaveLength(3);
    expect(actors.totalOptions).toBeGreaterThan(3);
    for (const o of actors.options) expect(o.value).toContain('185.220');
  });

  it('lists attempts newest first across pages, equal to attemptCount, and bins the timeline', async () => {
    const adapter = createMemoryAdapter({ seed: 4, activities: 20, hugeActivityAttempts: 5000, now: () => NOW, live: false });
    const id = adapter.dataset.activities[0]!.id;
    let cursor: string | undefined;
    let n = 0;
    let last = Infinity;
    do {
      const page = await adapter.listAttempts({ id, pageSize: 1000, signal: signal(), ...(cursor ? { cursor } : {}) });
      for (const a of page.items) {
        expect(a.timestamp).toBeLessThanOrEqual(last);
        last = a.timestamp;
      }
      n += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(n).toBe(5000);
    const timeline = await adapter.getTimeline({ id, bucketMs: 3_600_000, signal: signal() });
    expect(timeline.total).toBe(5000);
    expect(await codeOf(adapter.getTimeline({ id, bucketMs: 0, signal: signal() }))).toBe('invalid_request');
  });

  it('returns copies the caller cannot use to mutate the store', async () => {
    const { adapter } = setup();
    const detail = await adapter.getActivity({ id: 'act-000002', signal: signal() });
    detail.endpoint.path = '/changed';
    detail.workItems.push({ targetId: 't', key: 'K', url: 'https://x.example', createdAt: 1 });
    const again = await adapter.getActivity({ id: 'act-000002', signal: signal() });
    expect(again.endpoint.path).not.toBe('/changed');
    expect(again.workItems).toEqual([]);
  });
});

describe('createMemoryAdapter: latency, failures, cancellation', () => {
  it('rejects with an AbortError when aborted during latency', async () => {
    const { adapter } = setup({ latencyMs: [20, 40] });
    const controller = new AbortController();
    const pending = adapter.listActivities({ query: createQuery(), pageSize: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('injects failures per method and at a rate', async () => {
    const { adapter } = setup({ failOn: { getFacet: 'rate_limited' } });
    expect(await codeOf(adapter.getFacet({ query: createQuery(), field: 'host', signal: signal() }))).toBe('rate_limited');
    expect(await codeOf(adapter.getActivity({ id: 'act-000001', signal: signal() }))).toBe('resolved');
    const flaky = setup({ failureRate: 1 }).adapter;
    expect(await codeOf(flaky.getActivity({ id: 'act-000001', signal: signal() }))).toBe('server');
  });

  it('types bad requests', async () => {
    const { adapter } = setup();
    expect(await codeOf(adapter.setStatus({ ids: ['act-000001'], status: 'gone' as never, signal: signal() }))).toBe('invalid_request');
    expect(await codeOf(adapter.listAttempts({ id: 'act-000001', pageSize: 5, cursor: 'bm9wZQ==', signal: signal() }))).toBe('invalid_request');
    const page = await adapter.listActivities({ query: createQuery(), pageSize: 5, signal: signal() });
    const other = createQuery({ sort: { field: 'host', direction: 'asc' } });
    expect(await codeOf(adapter.listActivities({ query: other, pageSize: 5, cursor: page.nextCursor!, signal: signal() }))).toBe('invalid_request');
  });
});

describe('createMemoryAdapter: writes', () => {
  it('setStatus is all-or-nothing for unknown ids and counts only real changes', async () => {
    const { adapter } = setup();
    const [a, b] = (await adapter.listActivities({ query: createQuery(), pageSize: 2, signal: signal() })).items;
    expect(await codeOf(adapter.setStatus({ ids: [a!.id, 'nope'], status: 'ignored', signal: signal() }))).toBe('not_found');
    expect((await adapter.getActivity({ id: a!.id, signal: signal() })).status).toBe('active');
    expect(await adapter.setStatus({ ids: [a!.id, b!.id], status: 'ignored', signal: signal() })).toEqual({ affected: 2 });
    expect(await adapter.setStatus({ ids: [a!.id, b!.id], status: 'ignored', signal: signal() })).toEqual({ affected: 0 });
  });

  it('suppression: matching live events are counted, never listed as active, until the rule expires', async () => {
    const { adapter, clock } = setup();
    const target = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const events: LiveEvent[] = [];
    const sub = new AbortController();
    await adapter.subscribe({ query: createQuery(), onEvent: (e) => events.push(e), signal: sub.signal });
    const { rule, affected } = await adapter.ignore({
      rule: { actorIp: target.actor.ip, endpoint: target.endpoint, policyId: target.policy.id, expiresAt: NOW + 3_600_000, reason: 'pentest', applyToExisting: true },
      signal: signal(),
    });
    expect(affected).toBeGreaterThanOrEqual(1);
    const sameKey = (a: Activity) =>
      a.actor.ip === target.actor.ip && a.policy.id === target.policy.id && a.endpoint.method === target.endpoint.method && a.endpoint.host === target.endpoint.host && a.endpoint.path === target.endpoint.path;
    expect((await all(adapter)).filter(sameKey)).toEqual([]);

    const live = adapter.simulateLiveEvents(5, { about: target.id });
    expect(live.every((e) => e.type === 'suppressed' && e.ruleId === rule.id)).toBe(true);
    expect(events.filter((e) => e.type === 'suppressed')).toHaveLength(5);
    const [stored] = (await adapter.listSuppressionRules({ pageSize: 10, signal: signal() })).items;
    expect(stored!.suppressedCount).toBe(5);
    expect((await all(adapter)).filter(sameKey)).toEqual([]);

    // Unrelated traffic still flows.
    adapter.simulateLiveEvents(20);
    expect(events.some((e) => e.type === 'activity')).toBe(true);

    clock.now = NOW + 3_600_001; // the rule has expired
    const [after] = adapter.simulateLiveEvents(1, { about: target.id });
    expect(after).toMatchObject({ type: 'activity', isNew: true, activity: { status: 'active', actor: { ip: target.actor.ip } } });
    expect((await all(adapter)).filter(sameKey)).toHaveLength(1);
    sub.abort();
  });

  it('live events on an open activity add attempts and move it to the top', async () => {
    const { adapter, clock } = setup();
    const a = (await adapter.listActivities({ query: createQuery({ sort: { field: 'lastSeen', direction: 'asc' } }), pageSize: 1, signal: signal() })).items[0]!;
    clock.now = NOW + 1000;
    const [event] = adapter.simulateLiveEvents(1, { about: a.id });
    expect(event).toMatchObject({ type: 'activity', isNew: false, activity: { id: a.id, attemptCount: a.attemptCount + 1, lastSeen: NOW + 1000 } });
    const top = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    expect(top.id).toBe(a.id);
    const attempts = await adapter.listAttempts({ id: a.id, pageSize: 1, signal: signal() });
    expect(attempts.total).toBe(a.attemptCount + 1);
    expect(attempts.items[0]!.timestamp).toBe(NOW + 1000);
  });

  it('subscribe delivers timed live traffic and stops on abort', async () => {
    vi.useFakeTimers();
    try {
      const adapter = createMemoryAdapter({ seed: 4, activities: 500, hugeActivityAttempts: 0, now: () => NOW, live: { intervalMs: 1000, eventsPerTick: 2 } });
      const events: LiveEvent[] = [];
      const controller = new AbortController();
      const subscribed = adapter.subscribe({ query: createQuery({ status: 'ignored' }), onEvent: () => {}, signal: controller.signal });
      await vi.advanceTimersByTimeAsync(0);
      await subscribed;
      const other = new AbortController();
      await adapter.subscribe({ query: createQuery(), onEvent: (e) => events.push(e), signal: other.signal });
      await vi.advanceTimersByTimeAsync(5000);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.type === 'suppressed' || e.activity.status === 'active')).toBe(true);
      controller.abort();
      other.abort();
      const seen = events.length;
      await vi.advanceTimersByTimeAsync(5000);
      expect(events.length).toBe(seen);
    } finally {
      vi.useRealTimers();
    }
  });

  it('blocks a CIDR covering every actor in range, records expiry, and unblocks', async () => {
    const { adapter } = setup();
    const v4 = adapter.dataset.activities.find((a) => !a.actor.ip.includes(':'))!;
    const prefix = v4.actor.ip.split('.').slice(0, 3).join('.');
    const block = await adapter.block({ target: `${prefix}.0/24`, durationMs: 60_000, reason: 'scanner', signal: signal() });
    expect(block.expiresAt).toBe(NOW + 60_000);
    const inRange = (await all(adapter, createQuery({ status: 'active' }))).filter((a) => a.actor.ip.startsWith(`${prefix}.`));
    expect(inRange.length).toBeGreaterThan(1);
    expect(inRange.every((a) => a.blocked?.blockId === block.blockId && a.blocked.target === `${prefix}.0/24`)).toBe(true);
    const outside = (await all(adapter)).filter((a) => !a.actor.ip.startsWith(`${prefix}.`));
    expect(outside.some((a) => a.blocked)).toBe(false);
    const v6 = adapter.dataset.activities.find((a) => a.actor.ip.includes(':'))!;
    const b6 = await adapter.block({ target: v6.actor.ip, durationMs: null, signal: signal() });
    expect(b6.expiresAt).toBeNull();
    expect((await adapter.getActivity({ id: v6.id, signal: signal() })).blocked?.blockId).toBe(b6.blockId);
    await adapter.unblock({ blockId: block.blockId, signal: signal() });
    expect((await all(adapter)).filter((a) => a.actor.ip.startsWith(`${prefix}.`)).some((a) => a.blocked)).toBe(false);
    expect(await codeOf(adapter.block({ target: '300.1.1.1', durationMs: null, signal: signal() }))).toBe('invalid_request');
    expect(await codeOf(adapter.block({ target: '10.0.0.0/8', durationMs: -5, signal: signal() }))).toBe('invalid_request');
    // Bounded at 10 years, so expiresAt stays a safe integer.
    const tooLong = await adapter.block({ target: v6.actor.ip, durationMs: Number.MAX_SAFE_INTEGER, signal: signal() }).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ code: 'invalid_request', path: 'durationMs' });
    const tenYears = await adapter.block({ target: v6.actor.ip, durationMs: 10 * 365 * 86_400_000, signal: signal() });
    expect(Number.isSafeInteger(tenYears.expiresAt)).toBe(true);
  });

  it('a block shows until it expires', async () => {
    const { adapter, clock } = setup();
    const a = adapter.dataset.activities[5]!;
    await adapter.block({ target: a.actor.ip, durationMs: 1000, signal: signal() });
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked).toBeDefined();
    clock.now = NOW + 1001;
    expect((await adapter.getActivity({ id: a.id, signal: signal() })).blocked).toBeUndefined();
  });

  it('work items: validates fields, returns key and URL, links the item on the activity', async () => {
    const { adapter } = setup();
    const targets = await adapter.listWorkItemTargets({ signal: signal() });
    expect(targets.map((t) => t.label)).toEqual(['SEC · Bug', 'Azure Boards · Issue']);
    const jira = targets[0]!;
    expect(jira.fields.find((f) => f.role === 'title')?.id).toBe('summary');
    expect(jira.fields.find((f) => f.role === 'description')?.type).toBe('longtext');
    const id = 'act-000010';
    const base = { targetId: jira.id, activityId: id, signal: signal() };
    expect(await codeOf(adapter.createWorkItem({ ...base, values: { summary: 'x', description: 'y' } }))).toBe('invalid_request');
    const bad = await adapter.createWorkItem({ ...base, values: { summary: 'x', description: 'y', priority: 'urgent!' } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'invalid_request', path: 'values.priority' });
    const stray = await adapter.createWorkItem({ ...base, values: { summary: 'x', description: 'y', priority: 'high', sevrity: 'high' } }).catch((e: unknown) => e);
    expect(stray).toMatchObject({ code: 'invalid_request', path: 'values.sevrity' });
    expect(await codeOf(adapter.createWorkItem({ ...base, targetId: 'nope', values: {} }))).toBe('not_found');
    const created = await adapter.createWorkItem({ ...base, values: { summary: 'SQLi on /login', description: 'evidence', priority: 'high', labels: ['security'] } });
    expect(created.key).toMatch(/^SEC-\d+$/);
    expect(created.url).toMatch(/^https:\/\/.+SEC-\d+$/);
    const again = await adapter.createWorkItem({ ...base, values: { summary: 'again', description: 'e', priority: 'low' } });
    expect(again.key).not.toBe(created.key);
    const detail = await adapter.getActivity({ id, signal: signal() });
    expect(detail.workItems.map((w) => w.key)).toEqual([created.key, again.key]);
    expect(detail.workItems[0]!.title).toBe('SQLi on /login');
    const azure = await adapter.createWorkItem({ ...base, targetId: 'azure-boards-issue', values: { title: 'T', areaPath: 'Security' } });
    expect(azure.key).toMatch(/^AB#\d+$/);
  });

  it('setStatusByQuery honours excludeIds', async () => {
    const { adapter } = setup();
    const a = (await adapter.listActivities({ query: createQuery(), pageSize: 1, signal: signal() })).items[0]!;
    const query = createQuery({ filters: { subcategory: [a.subcategory] } });
    const before = (await adapter.listActivities({ query, pageSize: 1, signal: signal() })).total;
    const { affected } = await adapter.setStatusByQuery({ query, status: 'ignored', excludeIds: [a.id], signal: signal() });
    expect(affected).toBe(before - 1);
    expect((await adapter.listActivities({ query, pageSize: 5, signal: signal() })).items.map((x) => x.id)).toEqual([a.id]);
  });
});

describe('createMemoryAdapter at 100k activities', () => {
  it('answers a filter + sort + count pass well inside a frame', async () => {
    const adapter = createMemoryAdapter({ seed: 1, activities: 100_000, hugeActivityAttempts: 100_000, now: () => NOW, live: false });
    const query = createQuery({ search: 'inject', filters: { severity: ['critical', 'high'] }, sort: { field: 'attemptCount', direction: 'desc' } });
    await adapter.listActivities({ query, pageSize: 50, signal: signal() }); // warm: builds the sort order
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const page = await adapter.listActivities({ query, pageSize: 50, signal: signal() });
      times.push(performance.now() - start);
      expect(page.items).toHaveLength(50);
    }
    times.sort((x, y) => x - y);
    expect(times[2]).toBeLessThan(50); // generous under a loaded CI; the bench reports the real figure
    const attempts = await adapter.listAttempts({ id: adapter.dataset.activities[0]!.id, pageSize: 100, signal: signal() });
    expect(attempts.total).toBe(100_000);
  }, 30_000);
});
