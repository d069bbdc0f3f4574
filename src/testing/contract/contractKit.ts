/**
 * What every contract case file shares: the failure type, the helpers that make
 * requests and walk pages, and the context (page size, item cap) a run is made with.
 */
import { type ActivityPage, type CollectionState, type Page, type StatusCounts, type ThreatDeckAdapter } from '../../core/adapter';
import { isAdapterError } from '../../core/errors';
import { ACTIVITY_STATUSES, type Activity, type ActivityStatus, type IpBlock, type SuppressionRule, type SuppressionRuleInput, type WorkItemTarget, type WorkItemValues } from '../../core/model';
import { createQuery, type ActivityQuery } from '../../core/query';
import { validateActivityPage } from '../../core/parseRecord';

export type ContractIt = (title: string, fn: (adapter: ThreatDeckAdapter) => Promise<void>) => void;


export class ContractError extends Error {
  override name = 'ContractError';
}
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractError(message);
}
export const signal = () => new AbortController().signal;
/** A fresh key per intent, so runs against a shared backend never meet each other's keys. */
export const newKey = () => `contract-${globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`}`;
export const ruleKeyOf = (a: Activity) => JSON.stringify([a.actor.ip, a.endpoint.method, a.endpoint.host, a.endpoint.path, a.policy.id]);
export const ruleFor = (a: Activity, extra: Partial<SuppressionRuleInput> = {}): SuppressionRuleInput => ({
  actorIp: a.actor.ip,
  endpoint: { method: a.endpoint.method, host: a.endpoint.host, path: a.endpoint.path },
  policyId: a.policy.id,
  expiresAt: null,
  ...extra,
});
/** Values for a target's required fields: the first option, or a short text. */
export function requiredValues(target: WorkItemTarget): WorkItemValues {
  const values: WorkItemValues = {};
  for (const f of target.fields) {
    if (!f.required) continue;
    values[f.id] = f.type === 'labels' ? [f.options?.[0]?.value ?? 'security'] : f.options?.[0]?.value ?? `Contract ${f.label}`.slice(0, f.maxLength ?? 100);
  }
  return values;
}
export const UNKNOWN_ID = '__threatdeck_contract_unknown_id__';

export async function rejection(promise: Promise<unknown>, what = 'the call'): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new ContractError(`${what}: expected the call to reject, but it resolved`);
}

export async function expectCode(promise: Promise<unknown>, code: string, what: string): Promise<void> {
  const e = await rejection(promise, what);
  check(isAdapterError(e), `${what}: expected an AdapterError, got ${String(e)}`);
  check(e.code === code, `${what}: expected code "${code}", got "${e.code}"`);
}

/** The list and collection walkers of one run, bound to its page size and item cap. */
export function createContractContext(pageSize: number, maxItems: number) {
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

  /**
   * The total and per-status counts of a query, exact. A page may mark them as an
   * estimate (`totalIsEstimate`: a dataset still loading, a backend above its exact
   * bound); the cases that compare counts then count by walking each status's list
   * (which also lets a filling backend finish), so an honest estimate is never
   * held to equality and an exact answer is never excused.
   */
  async function exactList(adapter: ThreatDeckAdapter, query: ActivityQuery): Promise<{ total: number; counts: StatusCounts }> {
    const page = await list(adapter, query, 1);
    if (!page.totalIsEstimate) return { total: page.total, counts: page.counts };
    const counts = { ...page.counts };
    for (const status of ACTIVITY_STATUSES) {
      const { items, first } = await walk(adapter, { ...query, status });
      check(items.length < maxItems || first.nextCursor === null, `the ${status} list is too long to count exactly (over ${maxItems} items)`);
      counts[status] = items.length;
    }
    const again = await list(adapter, query, 1);
    // Once walked, a backend that was filling may answer exactly: its answer must then agree with the walk.
    if (!again.totalIsEstimate) check(ACTIVITY_STATUSES.every((s) => again.counts[s] === counts[s]), 'exact counts disagree with the walked lists');
    return { total: counts[query.status], counts };
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

  return { pageSize, maxItems, list, exactList, walk, walkPages, walkRules, walkBlocks, distinctActivities, someActivity, narrowTo };
}

export type ContractContext = ReturnType<typeof createContractContext>;
