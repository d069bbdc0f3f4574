/**
 * The adapter contract as an executable, runner-agnostic suite: a host team
 * passes its adapter factory and its runner's `test`/`it`, and every case is
 * registered with it. Ships no test framework; failures throw plain Errors.
 *
 *   runAdapterContract({ name: 'my backend', createAdapter: () => myAdapter, test: it });
 *
 * Each case gets a fresh adapter from `createAdapter` (write cases mutate it).
 * The adapter must hold some activities in the `active` status. Cases for an
 * optional capability (idempotent writes, rule preview, block list, …) pass
 * without checking anything when the adapter does not advertise it.
 */
import { RULE_PREVIEW_WINDOW_MS, type ActivityPage, type CollectionState, type Page, type ThreatDeckAdapter } from '../core/adapter';
import { ADAPTER_ERROR_CODES, isAbortError, isAdapterError } from '../core/errors';
import {
  ACTIVITY_STATUSES,
  MAX_EMBEDDED_WORK_ITEMS,
  type Activity,
  type ActivityStatus,
  type IpBlock,
  type SuppressionRule,
  type SuppressionRuleInput,
  type WorkItemTarget,
  type WorkItemValues,
} from '../core/model';
import { pivotContractCases } from './pivotContract';
import { createQuery, FILTER_FIELDS, type ActivityQuery, type SortField } from '../core/query';
import { validateActivity, validateActivityPage } from '../core/parseRecord';

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
/** A fresh key per intent, so runs against a shared backend never meet each other's keys. */
const newKey = () => `contract-${globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`}`;
const ruleKeyOf = (a: Activity) => JSON.stringify([a.actor.ip, a.endpoint.method, a.endpoint.host, a.endpoint.path, a.policy.id]);
const ruleFor = (a: Activity, extra: Partial<SuppressionRuleInput> = {}): SuppressionRuleInput => ({
  actorIp: a.actor.ip,
  endpoint: { method: a.endpoint.method, host: a.endpoint.host, path: a.endpoint.path },
  policyId: a.policy.id,
  expiresAt: null,
  ...extra,
});
/** Values for a target's required fields: the first option, or a short text. */
function requiredValues(target: WorkItemTarget): WorkItemValues {
  const values: WorkItemValues = {};
  for (const f of target.fields) {
    if (!f.required) continue;
    values[f.id] = f.type === 'labels' ? [f.options?.[0]?.value ?? 'security'] : f.options?.[0]?.value ?? `Contract ${f.label}`.slice(0, f.maxLength ?? 100);
  }
  return values;
}
const UNKNOWN_ID = '__threatdeck_contract_unknown_id__';

async function rejection(promise: Promise<unknown>, what = 'the call'): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new ContractError(`${what}: expected the call to reject, but it resolved`);
}

async function expectCode(promise: Promise<unknown>, code: string, what: string): Promise<void> {
  const e = await rejection(promise, what);
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
  async function walkPages<T>(what: string, idOf: (item: T) => string, size: number, fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let page = await fetchPage(undefined);
    const total = page.total;
    for (;;) {
      check(page && Array.isArray(page.items) && typeof page.total === 'number', `${what} did not return a page ({ items, total, nextCursor })`);
      check(page.items.length <= size, `${what} returned ${page.items.length} items for pageSize ${size}`);
      check(page.total === total, `${what}: total changed from ${total} to ${page.total} while paging`);
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

  type CollectionFilter = { state?: CollectionState; search?: string };
  const walkRules = (adapter: ThreatDeckAdapter, params: CollectionFilter = {}, size = pageSize) =>
    walkPages('listSuppressionRules', (r: SuppressionRule) => r.id, size, (cursor) =>
      adapter.listSuppressionRules!({ ...params, pageSize: size, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }),
    );

  const walkBlocks = (adapter: ThreatDeckAdapter, params: CollectionFilter = {}, size = pageSize) =>
    walkPages('listBlocks', (b: IpBlock) => b.blockId, size, (cursor) =>
      adapter.listBlocks!({ ...params, pageSize: size, signal: signal(), ...(cursor !== undefined ? { cursor } : {}) }),
    );

  /** Active activities with distinct actor + endpoint + policy (one rule each). */
  async function distinctActivities(adapter: ThreatDeckAdapter, count: number): Promise<Activity[]> {
    const page = await list(adapter, createQuery(), Math.max(count * 4, 50));
    const byKey = new Map<string, Activity>();
    for (const a of page.items) byKey.set(ruleKeyOf(a), byKey.get(ruleKeyOf(a)) ?? a);
    const out = [...byKey.values()].slice(0, count);
    check(out.length === count, `the adapter has fewer than ${count} distinct active actor + endpoint + policy combinations to test with`);
    return out;
  }

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
      ['rulePreview', typeof adapter.previewSuppressionRule === 'function'],
      ['blockList', typeof adapter.listBlocks === 'function'],
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

  pivotContractCases(it, check, walk, maxItems);

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

  // ------------------------------------------------ trustworthy writes (issue 12)

  it('idempotent writes: two calls with one key apply once (one status change, one rule, one block, one work item)', async (adapter) => {
    if (!adapter.capabilities.idempotentWrites) return;
    const [a, b] = await distinctActivities(adapter, 2);
    const status = { ids: [a!.id], status: 'under_review' as const, idempotencyKey: newKey() };
    const first = await adapter.setStatus({ ...status, signal: signal() });
    await adapter.setStatus({ ids: [a!.id], status: 'active', signal: signal() });
    const second = await adapter.setStatus({ ...status, signal: signal() });
    check(second.affected === first.affected, `a replayed setStatus answered affected ${second.affected}, the first call ${first.affected}`);
    check((await adapter.getActivity({ id: a!.id, signal: signal() })).status === 'active', 'a replayed setStatus applied the status change again');

    if (adapter.capabilities.suppressionRules && adapter.ignore) {
      const params = { rule: ruleFor(b!, { reason: 'contract replay' }), idempotencyKey: newKey() };
      const one = await adapter.ignore({ ...params, signal: signal() });
      const two = await adapter.ignore({ ...params, signal: signal() });
      check(two.rule.id === one.rule.id, `the same key made a second rule (${one.rule.id}, then ${two.rule.id})`);
      if (adapter.listSuppressionRules) {
        const rules = (await walkRules(adapter, { search: b!.actor.ip })).filter(
          (r) => r.actorIp === b!.actor.ip && r.policyId === b!.policy.id && r.endpoint.path === b!.endpoint.path && r.endpoint.method === b!.endpoint.method,
        );
        check(rules.length === 1, `two ignore calls with one key left ${rules.length} rules`);
      }
    }
    if (adapter.capabilities.block && adapter.block) {
      const params = { target: a!.actor.ip, durationMs: 3_600_000, reason: 'contract replay', acknowledgeRisk: true, idempotencyKey: newKey() };
      const one = await adapter.block({ ...params, signal: signal() });
      const two = await adapter.block({ ...params, signal: signal() });
      check(two.blockId === one.blockId, `the same key made a second block (${one.blockId}, then ${two.blockId})`);
      if (adapter.capabilities.blockList && adapter.listBlocks) {
        const blocks = (await walkBlocks(adapter, { search: 'contract replay' })).filter((x) => x.reason === 'contract replay');
        check(blocks.length === 1, `two block calls with one key left ${blocks.length} blocks`);
      }
    }
    if (adapter.capabilities.workItems && adapter.listWorkItemTargets && adapter.createWorkItem) {
      const target = (await adapter.listWorkItemTargets({ signal: signal() }))[0];
      check(target, 'no work-item targets');
      const before = await adapter.getActivity({ id: b!.id, signal: signal() });
      const params = { targetId: target.id, activityId: b!.id, values: requiredValues(target), idempotencyKey: newKey() };
      const one = await adapter.createWorkItem({ ...params, signal: signal() });
      const two = await adapter.createWorkItem({ ...params, signal: signal() });
      check(two.key === one.key && two.url === one.url, `the same key made a second work item (${one.key}, then ${two.key})`);
      const after = await adapter.getActivity({ id: b!.id, signal: signal() });
      const count = (x: Activity) => x.workItemTotal ?? x.workItems.length;
      check(count(after) === count(before) + 1, `two createWorkItem calls with one key linked ${count(after) - count(before)} work items`);
    }
  });

  it('the same idempotency key with a different request is a conflict and changes nothing', async (adapter) => {
    if (!adapter.capabilities.idempotentWrites) return;
    const a = await someActivity(adapter);
    const key = newKey();
    await adapter.setStatus({ ids: [a.id], status: 'under_review', idempotencyKey: key, signal: signal() });
    await expectCode(adapter.setStatus({ ids: [a.id], status: 'ignored', idempotencyKey: key, signal: signal() }), 'conflict', 'setStatus with a reused key and another status');
    check((await adapter.getActivity({ id: a.id, signal: signal() })).status === 'under_review', 'a conflicting request still changed the status');
    if (adapter.capabilities.suppressionRules && adapter.ignore) {
      const ruleKey = newKey();
      await adapter.ignore({ rule: ruleFor(a, { reason: 'first' }), idempotencyKey: ruleKey, signal: signal() });
      await expectCode(adapter.ignore({ rule: ruleFor(a, { reason: 'second' }), idempotencyKey: ruleKey, signal: signal() }), 'conflict', 'ignore with a reused key and another reason');
    }
  });

  it('Ignore is one operation: the rule exists, the activities are ignored and name it; Reactivate with liftRules removes it', async (adapter) => {
    if (!adapter.capabilities.suppressionRules || !adapter.ignore) return;
    const [a, other] = await distinctActivities(adapter, 2);
    // Invalid input (an unknown id) fails before anything changes.
    const bad = await rejection(adapter.ignore({ rule: ruleFor(a!), activityIds: [a!.id, UNKNOWN_ID], signal: signal() }), 'ignore with an unknown activity id');
    check(isAdapterError(bad) && (bad.code === 'not_found' || bad.code === 'invalid_request'), `ignore with an unknown activity id rejected with ${String(bad)}`);
    check((await adapter.getActivity({ id: a!.id, signal: signal() })).status === 'active', 'a failed ignore still moved the activity');
    const rulesFor = async (x: Activity) =>
      adapter.listSuppressionRules ? (await walkRules(adapter, { search: x.actor.ip })).filter((r) => ruleKeyOf(x) === JSON.stringify([r.actorIp, r.endpoint.method, r.endpoint.host, r.endpoint.path, r.policyId])) : [];
    check((await rulesFor(a!)).length === 0, 'a failed ignore still created its rule');

    const { rule, affected } = await adapter.ignore({ rule: ruleFor(a!, { reason: 'contract atomic' }), activityIds: [a!.id], signal: signal() });
    check(affected >= 1, `ignore with activityIds reported affected ${affected}`);
    const ignored = await adapter.getActivity({ id: a!.id, signal: signal() });
    check(ignored.status === 'ignored', 'ignore with activityIds did not move the activity to ignored');
    check(ignored.suppressedBy === rule.id, `the ignored activity names rule "${String(ignored.suppressedBy)}", not "${rule.id}"`);
    if (adapter.listSuppressionRules) check((await rulesFor(a!)).some((r) => r.id === rule.id), 'the rule made by ignore is not listed');
    check((await adapter.getActivity({ id: other!.id, signal: signal() })).status === 'active', 'ignore moved an activity the rule does not match');

    const lifted = await adapter.setStatus({ ids: [a!.id], status: 'active', liftRules: true, signal: signal() });
    check(Array.isArray(lifted.liftedRuleIds) && lifted.liftedRuleIds.includes(rule.id), `Reactivate with liftRules reported liftedRuleIds ${JSON.stringify(lifted.liftedRuleIds)}`);
    const back = await adapter.getActivity({ id: a!.id, signal: signal() });
    check(back.status === 'active' && back.suppressedBy === undefined, 'Reactivate did not make the activity active without suppressedBy');
    if (adapter.listSuppressionRules) check(!(await rulesFor(a!)).some((r) => r.id === rule.id), 'Reactivate with liftRules left the rule in place');
  });

  it('bulk by query is bounded by asOf, and a dry run counts exactly what the real run changes', async (adapter) => {
    if (!adapter.capabilities.bulkByQuery || !adapter.setStatusByQuery) return;
    const a = await someActivity(adapter);
    let query = createQuery({ filters: { host: [a.endpoint.host] } });
    if ((await list(adapter, query, 1)).total < 2) query = createQuery();
    const [late] = (await list(adapter, query, 2)).items.filter((x) => x.id !== a.id);
    check(late, 'the query needs two active activities');
    await adapter.setStatus({ ids: [late.id], status: 'under_review', signal: signal() });
    const seen = await list(adapter, query, 1);
    check(typeof seen.asOf === 'string' && seen.asOf !== '', 'listActivities returned no asOf although bulkByQuery is advertised');
    // After the analyst looked, an activity moves into the status: the bulk change must not touch it.
    await adapter.setStatus({ ids: [late.id], status: 'active', signal: signal() });
    const dry = await adapter.setStatusByQuery({ query, status: 'under_review', asOf: seen.asOf, dryRun: true, signal: signal() });
    check(dry.affected === seen.total, `a dry run bounded by asOf counted ${dry.affected}, the list showed ${seen.total}`);
    check((await list(adapter, query, 1)).total === seen.total + 1, 'a dry run changed statuses');
    const real = await adapter.setStatusByQuery({ query, status: 'under_review', asOf: seen.asOf, signal: signal() });
    check(real.affected === dry.affected, `the real run affected ${real.affected}, the dry run said ${dry.affected}`);
    const left = await list(adapter, query, 5);
    check(left.total === 1 && left.items[0]?.id === late.id, `after a bulk change bounded by asOf, ${left.total} activities are left instead of the one that came later`);
    await expectCode(adapter.setStatusByQuery({ query, status: 'ignored', asOf: '%%not-an-asOf%%', signal: signal() }), 'invalid_request', 'setStatusByQuery with a malformed asOf');
  });

  it('suppression rules page without duplicates or gaps, with a right total, and filter by state and search', async (adapter) => {
    if (!adapter.capabilities.suppressionRules || !adapter.ignore || !adapter.listSuppressionRules) return;
    const before = await walkRules(adapter, {}, 4);
    const made: SuppressionRule[] = [];
    for (const a of await distinctActivities(adapter, 9)) made.push((await adapter.ignore({ rule: ruleFor(a, { reason: 'contract paging' }), signal: signal() })).rule);
    const rules = await walkRules(adapter, {}, 4);
    check(rules.length === before.length + made.length, `listed ${rules.length} active rules after creating ${made.length} on top of ${before.length}`);
    const ids = new Set(rules.map((r) => r.id));
    check(made.every((r) => ids.has(r.id)), 'a created rule is missing from the pages');
    check(rules.every((r) => r.expiresAt === null || typeof r.expiresAt === 'number') && rules.every((r) => typeof r.suppressedCount === 'number'), 'a rule lacks expiresAt or its hit count');
    const expired = await walkRules(adapter, { state: 'expired' }, 4);
    check(!expired.some((r) => made.some((m) => m.id === r.id)), 'a rule without expiry is listed as expired');
    const found = await walkRules(adapter, { search: made[4]!.actorIp }, 4);
    check(found.some((r) => r.id === made[4]!.id) && found.length <= rules.length, 'searching for a rule’s actor did not find it');
  });

  it('blocks page without duplicates or gaps, with a right total, and record the activity they came from', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block || !adapter.capabilities.blockList || !adapter.listBlocks) return;
    const before = await walkBlocks(adapter, {}, 4);
    const made = [];
    const actors = new Map<string, Activity>();
    for (const a of (await list(adapter, createQuery(), 100)).items) actors.set(a.actor.ip, actors.get(a.actor.ip) ?? a);
    const sample = [...actors.values()].slice(0, 9);
    check(sample.length === 9, 'the adapter has fewer than 9 distinct actors to test with');
    for (const a of sample) made.push(await adapter.block({ target: a.actor.ip, durationMs: 3_600_000, reason: 'contract paging', activityId: a.id, acknowledgeRisk: true, signal: signal() }));
    const blocks = await walkBlocks(adapter, {}, 4);
    check(blocks.length === before.length + made.length, `listed ${blocks.length} active blocks after creating ${made.length} on top of ${before.length}`);
    const byId = new Map(blocks.map((b) => [b.blockId, b]));
    check(made.every((b) => byId.has(b.blockId)), 'a created block is missing from the pages');
    check(byId.get(made[0]!.blockId)?.activityId === sample[0]!.id, 'a listed block does not record the activity it was made from');
    check(!(await walkBlocks(adapter, { state: 'expired' }, 4)).some((b) => byId.has(b.blockId)), 'an unexpired block is listed as expired');
  });

  it('several blocks on one address: the actor shows the longest-lived, also after an unblock', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block) return;
    const a = await someActivity(adapter);
    const shown = async () => (await adapter.getActivity({ id: a.id, signal: signal() })).blocked?.blockId;
    const base = { target: a.actor.ip, acknowledgeRisk: true, signal: signal() };
    const permanent = await adapter.block({ ...base, durationMs: null });
    const short = await adapter.block({ ...base, durationMs: 3_600_000 });
    check((await shown()) === permanent.blockId, 'a later, shorter block hides the permanent one');
    if (!adapter.capabilities.unblock || !adapter.unblock) return;
    await adapter.unblock({ blockId: permanent.blockId, signal: signal() });
    check((await shown()) === short.blockId, 'after unblocking the permanent block the actor does not show the remaining one');
    const long = await adapter.block({ ...base, durationMs: 7_200_000 });
    check((await shown()) === long.blockId, 'a block expiring later does not win over one expiring earlier');
    await adapter.unblock({ blockId: long.blockId, signal: signal() });
    check((await shown()) === short.blockId, 'after unblocking one of several blocks the actor does not show the longest-lived remaining one');
  });

  it('a dangerous block target is refused unless the risk is acknowledged, naming why', async (adapter) => {
    if (!adapter.capabilities.block || !adapter.block) return;
    const e = await rejection(adapter.block({ target: '0.0.0.0/0', durationMs: null, reason: 'contract', signal: signal() }), 'blocking 0.0.0.0/0 without acknowledgeRisk');
    check(isAdapterError(e) && e.code === 'invalid_request', `blocking 0.0.0.0/0 without acknowledgeRisk rejected with ${String(e)}, not invalid_request`);
    check(e.path === 'acknowledgeRisk', `the refusal names path "${String(e.path)}", not "acknowledgeRisk"`);
    check(typeof e.detail === 'string' && e.detail !== '', 'the refusal does not say why (detail: the dangerous warnings)');
    const a = await someActivity(adapter);
    check((await adapter.getActivity({ id: a.id, signal: signal() })).blocked === undefined, 'a refused block still blocks the actors');
    if (adapter.capabilities.blockList && adapter.listBlocks) {
      check(!(await walkBlocks(adapter, { search: '0.0.0.0' })).some((b) => b.target.startsWith('0.0.0.0')), 'a refused block is listed');
    }
    const acknowledged = await adapter.block({ target: '10.0.0.1', durationMs: 60_000, acknowledgeRisk: true, signal: signal() });
    check(typeof acknowledged.blockId === 'string' && acknowledged.blockId !== '', 'an acknowledged dangerous block was not made');
  });

  it('a rule preview counts what the rule would match; an invalid rule is invalid_request naming the field', async (adapter) => {
    if (!adapter.capabilities.rulePreview || !adapter.previewSuppressionRule) return;
    const a = await someActivity(adapter);
    const preview = await adapter.previewSuppressionRule({ rule: ruleFor(a), signal: signal() });
    check(Number.isInteger(preview.activities) && preview.activities >= 1, `the preview of a rule made from an activity matches ${preview.activities} activities`);
    check(Number.isInteger(preview.events) && preview.events >= 0, `the preview counts ${preview.events} events`);
    check(preview.windowMs === RULE_PREVIEW_WINDOW_MS, `the preview window is ${preview.windowMs}, not ${RULE_PREVIEW_WINDOW_MS}`);
    const e = await rejection(adapter.previewSuppressionRule({ rule: ruleFor(a, { actorIp: '' }), signal: signal() }), 'the preview of a rule without actor');
    check(isAdapterError(e) && e.code === 'invalid_request', `the preview of a rule without actor rejected with ${String(e)}, not invalid_request`);
    check(e.path === 'rule.actorIp', `the preview error names path "${String(e.path)}", not "rule.actorIp"`);
  });

  it('work items are capped on the activity, with a total of all', async (adapter) => {
    if (!adapter.capabilities.workItems || !adapter.listWorkItemTargets || !adapter.createWorkItem) return;
    const target = (await adapter.listWorkItemTargets({ signal: signal() }))[0];
    check(target, 'no work-item targets');
    const a = await someActivity(adapter);
    const before = await adapter.getActivity({ id: a.id, signal: signal() });
    const made: string[] = [];
    const extra = MAX_EMBEDDED_WORK_ITEMS + 2;
    for (let i = 0; i < extra; i++) made.push((await adapter.createWorkItem({ targetId: target.id, activityId: a.id, values: requiredValues(target), signal: signal() })).key);
    const after = await adapter.getActivity({ id: a.id, signal: signal() });
    check(after.workItems.length <= MAX_EMBEDDED_WORK_ITEMS, `the activity embeds ${after.workItems.length} work items, more than ${MAX_EMBEDDED_WORK_ITEMS}`);
    const total = (before.workItemTotal ?? before.workItems.length) + extra;
    check(after.workItemTotal === total, `workItemTotal is ${String(after.workItemTotal)}, expected ${total}`);
    check(after.workItems.some((w) => w.key === made[made.length - 1]), 'the newest work item is not embedded');
    const listed = (await list(adapter, narrowTo(a), pageSize)).items.find((x) => x.id === a.id);
    check(!listed || (listed.workItems.length <= MAX_EMBEDDED_WORK_ITEMS && listed.workItemTotal === total), 'a list row is not capped like the detail');
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
