/**
 * Status change (Mark for Review, Ignore, Reactivate) on one activity, a set
 * of ids, or every activity matching a query. Optimistic: cached list rows
 * leave the lists they no longer belong to, tab counts move, cached details
 * take the new status; on failure everything returns as it was. Lists, counts
 * and facets refetch once the write settles either way.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { ActivityPage, AffectedResult, StatusCounts } from '../core/adapter';
import { AdapterError, toAdapterError } from '../core/errors';
import type { ActivityDetail, ActivityStatus } from '../core/model';
import { DEFAULT_SORT, queryFromSearchParams, queryKey, type ActivityQuery } from '../core/query';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities, threatDeckKeys } from './threatDeckKeys';
import { useGuardedMutation, writeSignal, type GuardedMutation } from './useGuardedMutation';

/** What a write applies to: explicit ids, or "all matching" a query minus the unticked ones. */
export type ActivityTarget = { ids: string[] } | { query: ActivityQuery; excludeIds?: string[] };

export function isQueryTarget(target: ActivityTarget): target is { query: ActivityQuery; excludeIds?: string[] } {
  return 'query' in target;
}

type ListData = InfiniteData<ActivityPage, string | undefined>;
type Snapshot = Array<[QueryKey, unknown]>;

/** Same filters, whatever the status tab and sort: such lists share their tab counts. */
function filterKey(query: ActivityQuery): string {
  return queryKey({ ...query, status: 'active', sort: DEFAULT_SORT });
}

function sumMoved(moved: Partial<Record<ActivityStatus, number>> | undefined, to: ActivityStatus): number {
  let n = 0;
  for (const [from, count] of Object.entries(moved ?? {})) if (from !== to) n += count;
  return n;
}

function moveCounts(counts: StatusCounts, moved: Partial<Record<ActivityStatus, number>>, to: ActivityStatus): StatusCounts {
  const next = { ...counts };
  for (const [from, n] of Object.entries(moved) as Array<[ActivityStatus, number]>) {
    if (from === to || !n) continue;
    next[from] = Math.max(0, next[from] - n);
    next[to] += n;
  }
  return next;
}

/**
 * Applies a status change to every cached list and detail and returns the
 * function that puts the cache back exactly as it was.
 */
export async function applyOptimisticStatus(client: QueryClient, target: ActivityTarget, status: ActivityStatus): Promise<() => void> {
  // In-flight reads would land after the optimistic write and undo it.
  await client.cancelQueries({ queryKey: threatDeckKeys.activities() });
  await client.cancelQueries({ queryKey: ['threatdeck', 'activity'] });
  const snapshot: Snapshot = [
    ...client.getQueriesData({ queryKey: threatDeckKeys.activities() }),
    ...client.getQueriesData({ queryKey: ['threatdeck', 'activity'] }),
  ];

  const lists = client
    .getQueriesData<ListData>({ queryKey: [...threatDeckKeys.activities(), 'list'] })
    .filter((entry): entry is [QueryKey, ListData] => !!entry[1]?.pages)
    .map(([key, data]) => ({ key, data, query: queryFromSearchParams(String(key[3] ?? '')) }));

  const movedIds = new Set<string>();
  // Per group of same-filter lists: how many activities leave each status.
  const movedByGroup = new Map<string, Partial<Record<ActivityStatus, number>>>();
  const add = (group: string, from: ActivityStatus, n: number) => {
    const entry = movedByGroup.get(group) ?? {};
    entry[from] = (entry[from] ?? 0) + n;
    movedByGroup.set(group, entry);
  };

  if (isQueryTarget(target)) {
    const group = filterKey(target.query);
    const from = target.query.status;
    const excluded = new Set(target.excludeIds ?? []);
    const source = lists.find((l) => filterKey(l.query) === group && l.query.status === from);
    const first = source?.data.pages[0];
    if (first) add(group, from, Math.max(0, (first.counts[from] ?? first.total) - excluded.size));
    for (const list of lists) {
      if (filterKey(list.query) !== group || list.query.status !== from) continue;
      for (const page of list.data.pages) for (const row of page.items) if (!excluded.has(row.id)) movedIds.add(row.id);
    }
  } else {
    const ids = new Set(target.ids);
    const seen = new Map<string, Set<string>>();
    for (const list of lists) {
      const group = filterKey(list.query);
      const groupSeen = seen.get(group) ?? new Set<string>();
      seen.set(group, groupSeen);
      for (const page of list.data.pages) {
        for (const row of page.items) {
          if (!ids.has(row.id) || row.status === status || groupSeen.has(row.id)) continue;
          groupSeen.add(row.id);
          movedIds.add(row.id);
          add(group, row.status, 1);
        }
      }
    }
    for (const id of ids) movedIds.add(id);
  }

  for (const list of lists) {
    const moved = movedByGroup.get(filterKey(list.query));
    const leaves = list.query.status !== status;
    let removed = 0;
    const pages = list.data.pages.map((page) => {
      const items = leaves ? page.items.filter((row) => !movedIds.has(row.id)) : page.items;
      removed += page.items.length - items.length;
      return { ...page, items, counts: moved ? moveCounts(page.counts, moved, status) : page.counts };
    });
    if (!moved && removed === 0) continue;
    // With counts known for this group, the total follows them (rows not loaded move too).
    const arriving = list.query.status === status ? sumMoved(moved, status) : 0;
    const delta = moved ? arriving - (leaves ? (moved[list.query.status] ?? removed) : 0) : -removed;
    client.setQueryData<ListData>(list.key, {
      ...list.data,
      pages: pages.map((page) => ({ ...page, total: Math.max(0, page.total + delta) })),
    });
  }

  for (const id of movedIds) {
    client.setQueryData<ActivityDetail>(threatDeckKeys.detail(id), (detail) => (detail ? { ...detail, status } : detail));
  }

  return () => {
    for (const [key, data] of snapshot) client.setQueryData(key, data);
  };
}

export interface StatusChangeVariables {
  target: ActivityTarget;
  status: ActivityStatus;
}

export interface UseStatusChangeOptions {
  onSuccess?: (result: AffectedResult, variables: StatusChangeVariables) => void;
  onError?: (error: AdapterError, variables: StatusChangeVariables) => void;
}

export interface StatusChangeState extends GuardedMutation<AffectedResult, StatusChangeVariables> {
  changeStatus: (target: ActivityTarget, status: ActivityStatus) => Promise<AffectedResult | undefined>;
  /** Whether the adapter can apply a change to every activity matching a query. */
  canChangeByQuery: boolean;
}

/** Ids to invalidate after a write: the explicit ones, or every activity for a query target. */
export function targetIds(target: ActivityTarget): string[] | undefined {
  return isQueryTarget(target) ? undefined : target.ids;
}

export function useStatusChange(options: UseStatusChangeOptions = {}): StatusChangeState {
  const { adapter, queryClient } = useThreatDeck();
  const canChangeByQuery = !!adapter.capabilities.bulkByQuery && typeof adapter.setStatusByQuery === 'function';
  const mutation = useGuardedMutation<AffectedResult, StatusChangeVariables, { rollback: () => void }>({
    mutationFn: ({ target, status }) => {
      const signal = writeSignal();
      if (!isQueryTarget(target)) return adapter.setStatus({ ids: target.ids, status, signal });
      if (!canChangeByQuery || !adapter.setStatusByQuery) {
        return Promise.reject(new AdapterError('unsupported', 'This backend cannot change status by query.'));
      }
      return adapter.setStatusByQuery({ query: target.query, status, signal, ...(target.excludeIds ? { excludeIds: target.excludeIds } : {}) });
    },
    onMutate: async ({ target, status }) => ({ rollback: await applyOptimisticStatus(queryClient, target, status) }),
    onError: (error, variables, context) => {
      context?.rollback();
      options.onError?.(toAdapterError(error), variables);
    },
    onSuccess: (result, variables) => options.onSuccess?.(result, variables),
    onSettled: (_data, _error, { target }) => invalidateActivities(queryClient, targetIds(target)),
  });
  return {
    ...mutation,
    changeStatus: (target, status) => mutation.run({ target, status }),
    canChangeByQuery,
  };
}
