/**
 * Contract cases for the required reads: capabilities, paging, counts, facets, search, cancellation, typed errors, detail.
 */
import { ADAPTER_ERROR_CODES, isAbortError, isAdapterError } from '../../core/errors';
import { ACTIVITY_STATUSES } from '../../core/model';
import { createQuery, FILTER_FIELDS, type SortField } from '../../core/query';
import { validateActivity } from '../../core/parseRecord';
import { check, expectCode, rejection, signal, UNKNOWN_ID, type ContractContext, type ContractIt } from './contractKit';

export function readContractCases(it: ContractIt, ctx: ContractContext): void {
  const { pageSize, maxItems, list, exactList, walk, someActivity } = ctx;

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
        if (!page.totalIsEstimate && !facet.countsAreEstimates) check(page.total === option.count, `facet ${field}=${option.value} says ${option.count} but the list has ${page.total}`);
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
    const before = (await exactList(adapter, createQuery())).counts;
    await adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() });
    const once = (await exactList(adapter, createQuery())).counts;
    await adapter.setStatus({ ids: [a.id], status: 'under_review', signal: signal() });
    const twice = (await exactList(adapter, createQuery())).counts;
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
}
