/**
 * The adapter contract as an executable, runner-agnostic suite: a host team
 * passes its adapter factory and its runner's `test`/`it`, and every case is
 * registered with it. Ships no test framework; failures throw plain Errors.
 *
 *   runAdapterContract({ name: 'my backend', createAdapter: () => myAdapter, test: it });
 *
 * Each case gets a fresh adapter from `createAdapter` (write cases mutate it).
 * The adapter must hold some activities in the `active` status.
 */
import type { ActivityPage, CollectionState, Page, ThreatDeckAdapter } from '../core/adapter';
import { ADAPTER_ERROR_CODES, isAbortError, isAdapterError } from '../core/errors';
import { ACTIVITY_STATUSES, type Activity, type ActivityStatus, type IpBlock, type SuppressionRule } from '../core/model';
import { createQuery, FILTER_FIELDS, type ActivityQuery, type SortField } from '../core/query';
import { validateActivity, validateActivityPage } from '../core/validateActivity';

export interface AdapterContractOptions {
  /** Prefix of every case title. */
  name: string;
  createAdapter: () => ThreatDeckAdapter | Promise<ThreatDeckAdapter>;
  /** The runner's registration function (vitest/jest `it`, node:test `test`, …). */
  test: (title: string, fn: () => Promise<void>) => void;
  /** Page size used when walking lists. Default 25. */
  pageSize?: number;
  /** Stop walking a list after this many items (large backends). Default 3000. */
  maxItems?: number;
}

class ContractError extends Error {
  override name = 'ContractError';
}
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractError(message);
}
const signal = () => new AbortController().signal;
const UNKNOWN_ID = '__threatdeck_contract_unknown_id__';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new ContractError('expected the call to reject, but it resolved');
}

async function expectCode(promise: Promise<unknown>, code: string, what: string): Promise<void> {
  const e = await rejection(promise);
  check(isAdapterError(e), `${what}: expected an AdapterError, got ${String(e)}`);
  check(e.code === code, `${what}: expected code "${code}", got "${e.code}"`);
}

export function runAdapterContract(options: AdapterContractOptions): void {
  const { name, createAdapter, test } = options;
  const pageSize = options.pageSize ?? 25;
  const maxItems = options.maxItems ?? 3000;
  const it = (title: string, fn: (adapter: ThreatDeckAdapter) => Promise<void>) =>
    test(`${name}: ${title}`, async () => fn(await createAdapter()));

  const list = (adapter: ThreatDeckAdapter, query: ActivityQuery, size = pageSize, cursor?: string) =>
    adapter.listActivities({ query, pageSize: size, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }).then(validateActivityPage);

  /** Walks every page (up to maxItems), checking no duplicates, the status and the total. */
  async function walk(adapter: ThreatDeckAdapter, query: ActivityQuery): Promise<{ items: Activity[]; first: ActivityPage }> {
    const first = await list(adapter, query);
    const items: Activity[] = [];
    const seen = new Set<string>();
    let page = first;
    for (;;) {
      check(page.items.length <= pageSize, `a page returned ${page.items.length} items for pageSize ${pageSize}`);
      for (const item of page.items) {
        check(!seen.has(item.id), `paging returned "${item.id}" twice (sort ${query.sort.field} ${query.sort.direction})`);
        check(item.status === query.status, `item "${item.id}" has status ${item.status} in a ${query.status} list`);
        seen.add(item.id);
        items.push(item);
      }
      if (page.nextCursor === null || items.length >= maxItems) break;
      check(page.items.length > 0, 'an empty page still had a nextCursor');
      page = await list(adapter, query, pageSize, page.nextCursor);
    }
    if (page.nextCursor === null && !first.totalIsEstimate) {
      check(items.length === first.total, `walked ${items.length} items but total says ${first.total} (gaps or duplicates)`);
    }
    return { items, first };
  }

  /** Walks a paged collection, checking no duplicates, no gaps (against `total`) and the page size. */
  async function walkPages<T>(what: string, idOf: (item: T) => string, fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let page = await fetchPage(undefined);
    const total = page.total;
    for (;;) {
      check(Array.isArray(page.items) && typeof page.total === 'number', `${what} did not return a page ({ items, total, nextCursor })`);
      check(page.items.length <= pageSize, `${what} returned ${page.items.length} items for pageSize ${pageSize}`);
      for (const item of page.items) {
        check(!seen.has(idOf(item)), `${what} returned "${idOf(item)}" twice`);
        seen.add(idOf(item));
        items.push(item);
      }
      if (page.nextCursor === null || items.length >= maxItems) break;
      check(page.items.length > 0, `an empty ${what} page still had a nextCursor`);
      page = await fetchPage(page.nextCursor);
    }
    if (page.nextCursor === null) check(items.length === total, `${what}: walked ${items.length} items but total says ${total} (gaps or duplicates)`);
    return items;
  }

  const walkRules = (adapter: ThreatDeckAdapter, params: { state?: CollectionState; search?: string } = {}) =>
    walkPages('listSuppressionRules', (r: SuppressionRule) => r.id, (cursor) =>
      adapter.listSuppressionRules!({ ...params, pageSize, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }),
    );

  const walkBlocks = (adapter: ThreatDeckAdapter, params: { state?: CollectionState; search?: string } = {}) =>
    walkPages('listBlocks', (b: IpBlock) => b.blockId, (cursor) =>
      adapter.listBlocks!({ ...params, pageSize, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }),
    );

  async function someActivity(adapter: ThreatDeckAdapter, query = createQuery()): Promise<Activity> {
    const page = await list(adapter, query, 5);
    check(page.items.length > 0, `the adapter has no ${query.status} activities to test with`);
    return page.items[0]!;
  }

  const narrowTo = (a: Activity, status: ActivityStatus = a.status) =>
    createQuery({ status, filters: { actor: [a.actor.ip], url: [a.endpoint.path], host: [a.endpoint.host] } });

  it('advertises capabilities that match the methods it has', async (adapter) => {
    const c = adapter.capabilities;
    check(c && typeof c === 'object', 'capabilities is missing');
    for (const m of ['listActivities', 'getFacet', 'getActivity', 'listAttempts', 'getRemediation', 'setStatus'] as const) {
      check(typeof adapter[m] === 'function', `required method ${m} is missing`);
    }
    const pairs: Array<[keyof typeof c, boolean]> = [
      ['live', typeof adapter.subscribe === 'function'],
      ['block', typeof adapter.block === 'function'],
      ['unblock', typeof adapter.unblock === 'function'],
      ['workItems', typeof adapter.listWorkItemTargets === 'function' && typeof adapter.createWorkItem === 'function'],
      ['bulkByQuery', typeof adapter.setStatusByQuery === 'function'],
      ['export', typeof adapter.exportActivities === 'function'],
      ['suppressionRules', typeof adapter.ignore === 'function'],
    ];
    for (const [cap, has] of pairs) check(!c[cap] || has, `capability "${cap}" is advertised but its method is missing`);
    check(!c.serverTimeline || typeof adapter.getTimeline === 'function', 'serverTimeline is advertised but getTimeline is missing');
  });

  for (const [field, direction] of [['lastSeen', 'desc'], ['severity', 'desc'], ['endpoint', 'asc'], ['attemptCount', 'asc']] as Array<[SortField, 'asc' | 'desc']>) {
    it(`pages without duplicates or gaps (sorted by ${field} ${direction})`, async (adapter) => {
      const { items } = await walk(adapter, createQuery({ sort: { field, direction } }));
      check(items.length > 0, 'the active list is empty');
      if (field === 'attemptCount') {
        for (let i = 1; i < items.length; i++) check(items[i - 1]!.attemptCount <= items[i]!.attemptCount, 'items are not sorted by attemptCount asc');
      }
      if (field === 'lastSeen') {
        for (let i = 1; i < items.length; i++) check(items[i - 1]!.lastSeen >= items[i]!.lastSeen, 'items are not sorted by lastSeen desc');
      }
    });
  }

  it('per-status counts agree with each list total', async (adapter) => {
    const base = await list(adapter, createQuery());
    for (const status of ACTIVITY_STATUSES) {
      const page = await list(adapter, createQuery({ status }), 1);
      check(page.total === base.counts[status], `counts.${status} is ${base.counts[status]} but the ${status} list total is ${page.total}`);
      for (const s of ACTIVITY_STATUSES) check(page.counts[s] === base.counts[s], `counts.${s} changes with the selected status`);
    }
  });

  it('every facet value filters to a non-empty list with the same count', async (adapter) => {
    const query = createQuery();
    for (const field of FILTER_FIELDS) {
      const facet = await adapter.getFacet({ query, field, limit: 4, signal: signal() });
      check(facet.field === field, `getFacet(${field}) answered for ${facet.field}`);
      check(facet.totalOptions >= facet.options.length, `getFacet(${field}).totalOptions is below the options returned`);
      check(facet.options.length <= 4, `getFacet(${field}) ignored the limit`);
      for (const option of facet.options) {
        check(option.count > 0, `facet ${field}=${option.value} has a zero count`);
        const page = await list(adapter, createQuery({ filters: { [field]: [option.value] } }), 1);
        check(page.total > 0, `facet ${field}=${option.value} filters to an empty list`);
        if (!page.totalIsEstimate) check(page.total === option.count, `facet ${field}=${option.value} says ${option.count} but the list has ${page.total}`);
      }
    }
  });

  it('a search narrows the list and the counts', async (adapter) => {
    const a = await someActivity(adapter);
    const all = await list(adapter, createQuery(), 1);
    const found = await list(adapter, createQuery({ search: a.endpoint.host }), pageSize);
    check(found.total > 0 && found.total <= all.total, 'searching for a listed host found nothing or more than everything');
    const none = await list(adapter, createQuery({ search: 'zz-no-such-value-zz-0f9e8d' }), 1);
    check(none.total === 0 && none.items.length === 0 && none.nextCursor === null, 'a search that matches nothing returned items');
  });

  it('status changes are idempotent and move the counts once', async (adapter) => {
    const a = await someActivity(adapter);
    const before = (await list(adapter, createQuery(), 1)).counts;
    await adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() });
    const once = (await list(adapter, createQuery(), 1)).counts;
    await adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() });
    const twice = (await list(adapter, createQuery(), 1)).counts;
    check(once.active === before.active - 1 && once.under_review === before.under_review + 1, 'setStatus did not move the counts by one');
    check(ACTIVITY_STATUSES.every((s) => twice[s] === once[s]), 'repeating setStatus changed the counts again');
    const detail = await adapter.getActivity({ id: a.id, signal: signal() });
    check(detail.status === 'under_review', 'getActivity does not show the new status');
  });

  it('cancellation rejects with an abort', async (adapter) => {
    const a = await someActivity(adapter);
    const aborted = new AbortController();
    aborted.abort();
    const calls: Array<[string, (s: AbortSignal) => Promise<unknown>]> = [
      ['listActivities', (s) => adapter.listActivities({ query: createQuery(), pageSize, signal: s })],
      ['getFacet', (s) => adapter.getFacet({ query: createQuery(), field: 'host', signal: s })],
      ['getActivity', (s) => adapter.getActivity({ id: a.id, signal: s })],
      ['listAttempts', (s) => adapter.listAttempts({ id: a.id, pageSize: 5, signal: s })],
      ['getRemediation', (s) => adapter.getRemediation({ id: a.id, signal: s })],
    ];
    for (const [method, call] of calls) {
      check(isAbortError(await rejection(call(aborted.signal))), `${method} with an aborted signal did not reject with an abort`);
      const inFlight = new AbortController();
      const pending = call(inFlight.signal);
      inFlight.abort();
      check(isAbortError(await rejection(pending)), `${method} aborted in flight did not reject with an abort`);
    }
  });

  it('unknown ids reject with a typed not_found', async (adapter) => {
    const s = signal();
    await expectCode(adapter.getActivity({ id: UNKNOWN_ID, signal: s }), 'not_found', 'getActivity');
    await expectCode(adapter.listAttempts({ id: UNKNOWN_ID, pageSize: 5, signal: s }), 'not_found', 'listAttempts');
    await expectCode(adapter.getRemediation({ id: UNKNOWN_ID, signal: s }), 'not_found', 'getRemediation');
    if (adapter.getTimeline) await expectCode(adapter.getTimeline({ id: UNKNOWN_ID, bucketMs: 60_000, signal: s }), 'not_found', 'getTimeline');
    await expectCode(adapter.setStatus({ ids: [UNKNOWN_ID], status: 'ignored', signal: s }), 'not_found', 'setStatus');
  });

  it('errors are typed AdapterErrors', async (adapter) => {
    const e = await rejection(adapter.listActivities({ query: createQuery(), pageSize, cursor: '%%not-a-cursor%%', signal: signal() }));
    check(isAdapterError(e), `a malformed cursor rejected with ${String(e)}, not an AdapterError`);
    check((ADAPTER_ERROR_CODES as readonly string[]).includes(e.code), `unknown error code "${e.code}"`);
  });

  it('detail, attempts, timeline and remediation agree with the activity', async (adapter) => {
    const page = await list(adapter, createQuery({ sort: { field: 'attemptCount', direction: 'asc' } }), 5);
    const a = page.items.find((x) => x.attemptCount > 1) ?? page.items[0];
    check(a, 'no activity to inspect');
    const detail = await adapter.getActivity({ id: a.id, signal: signal() });
    validateActivity(detail, 'detail');
    check(detail.id === a.id && typeof detail.description === 'string' && Array.isArray(detail.references), 'getActivity returned the wrong record or no description');
    let cursor: string | undefined;
    const ids = new Set<string>();
    let previous = Infinity;
    do {
      const attempts = await adapter.listAttempts({ id: a.id, pageSize: 2, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) });
      for (const at of attempts.items) {
        check(!ids.has(at.id), `attempt ${at.id} was listed twice`);
        check(at.timestamp <= previous, 'attempts are not newest first');
        check(at.activityId === a.id, 'an attempt belongs to another activity');
        check(Array.isArray(at.request.headers), 'attempt headers are not ordered pairs');
        ids.add(at.id);
        previous = at.timestamp;
      }
      check(attempts.total === a.attemptCount, `listAttempts total ${attempts.total} differs from attemptCount ${a.attemptCount}`);
      cursor = attempts.nextCursor ?? undefined;
    } while (cursor !== undefined && ids.size < maxItems);
    if (ids.size < maxItems) check(ids.size === a.attemptCount, `listAttempts yielded ${ids.size} attempts, attemptCount is ${a.attemptCount}`);
    if (adapter.getTimeline) {
      const timeline = await adapter.getTimeline({ id: a.id, bucketMs: 60_000, from: a.firstSeen, to: a.lastSeen, signal: signal() });
      const sum = timeline.buckets.reduce((n, b) => n + b.blocked + b.allowed + b.exploited, 0);
      check(sum === timeline.total && timeline.total === a.attemptCount, `timeline counts ${sum}/${timeline.total} differ from attemptCount ${a.attemptCount}`);
    }
    const remediation = await adapter.getRemediation({ id: a.id, signal: signal() });
    check(Array.isArray(remediation.steps) && remediation.steps.length > 0, 'remediation has no steps');
  });

  it('bulk status change by query moves exactly the matching activities', async (adapter) => {
    if (!adapter.capabilities.bulkByQuery || !adapter.setStatusByQuery) return;
    const a = await someActivity(adapter);
    const query = createQuery({ filters: { host: [a.endpoint.host] } });
    const before = await list(adapter, query, 1);
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
    const { total } = await list(adapter, query, 1);
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
    const values: Record<string, string | string[]> = {};
    for (const f of target.fields) {
      if (!f.required) continue;
      values[f.id] = f.type === 'labels' ? [f.options?.[0]?.value ?? 'security'] : f.options?.[0]?.value ?? `Contract ${f.label}`.slice(0, f.maxLength ?? 100);
    }
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
