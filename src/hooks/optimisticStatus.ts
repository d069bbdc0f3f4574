/**
 * Optimistic status changes on the query cache, undone exactly.
 *
 * `applyOptimisticStatus` records, per cache entry, what it changed (the rows
 * it removed and where, the count and total deltas, each detail's previous
 * status) and returns a patch whose `revert` applies the inverse to the data
 * as it is *then*: a failed write takes back only its own change, never a
 * concurrent write's (a whole-cache snapshot restored on failure would).
 *
 * It cancels only the reads it is about to patch (the activity lists and the
 * target activities' details) and remembers which of them were in flight, so
 * `refetch` can fetch them again: a cancelled read with no data would
 * otherwise stay "loading" forever.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { ActivityPage, StatusCounts } from '../core/adapter';
import { isQueryTarget, type ActivityTarget } from '../core/activitySelection';
import type { Activity, ActivityDetail, ActivityStatus } from '../core/model';
import { DEFAULT_SORT, queryFromSearchParams, queryKey, type ActivityQuery } from '../core/query';
import { threatDeckKeys } from './threatDeckKeys';

type ListData = InfiniteData<ActivityPage, string | undefined>;
type Moved = Partial<Record<ActivityStatus, number>>;

interface ListPatch {
  key: QueryKey;
  removed: Array<{ row: Activity; page: number; index: number }>;
  counts: Moved;
  to: ActivityStatus;
  totalDelta: number;
}

interface DetailPatch {
  id: string;
  from: ActivityStatus;
  to: ActivityStatus;
}

export interface OptimisticPatch {
  /** Activity ids the patch moved (for a query target: the loaded rows that matched). */
  ids: string[];
  /** Undoes this patch only, on the cache's current data. */
  revert: () => void;
  /** Fetches again every read this patch cancelled. */
  refetch: () => Promise<void>;
}

/** Same filters, whatever the status tab and sort: such lists share their tab counts. */
function filterKey(query: ActivityQuery): string {
  return queryKey({ ...query, status: 'active', sort: DEFAULT_SORT });
}

function moveCounts(counts: StatusCounts, moved: Moved, to: ActivityStatus, sign: 1 | -1): StatusCounts {
  const next = { ...counts };
  for (const [from, n] of Object.entries(moved) as Array<[ActivityStatus, number]>) {
    if (from === to || !n) continue;
    next[from] = Math.max(0, next[from] - sign * n);
    next[to] = Math.max(0, next[to] + sign * n);
  }
  return next;
}

function sumMoved(moved: Moved | undefined, to: ActivityStatus): number {
  let n = 0;
  for (const [from, count] of Object.entries(moved ?? {})) if (from !== to) n += count;
  return n;
}

async function cancelFetching(client: QueryClient, keys: QueryKey[], cancelled: QueryKey[]): Promise<void> {
  const cache = client.getQueryCache();
  await Promise.all(
    keys.map(async (queryKey) => {
      const fetching = cache.findAll({ queryKey, fetchStatus: 'fetching' });
      if (fetching.length === 0) return;
      for (const q of fetching) cancelled.push(q.queryKey);
      await client.cancelQueries({ queryKey });
    }),
  );
}

export async function applyOptimisticStatus(client: QueryClient, target: ActivityTarget, status: ActivityStatus): Promise<OptimisticPatch> {
  const cancelled: QueryKey[] = [];
  const listRoot = [...threatDeckKeys.activities(), 'list'];
  // Only the lists and the target details are patched, so only they are cancelled:
  // an in-flight read of them would land after the patch and undo it.
  await cancelFetching(client, [listRoot, ...(isQueryTarget(target) ? [] : target.ids.map((id) => threatDeckKeys.detail(id)))], cancelled);

  const lists = client
    .getQueriesData<ListData>({ queryKey: listRoot })
    .filter((entry): entry is [QueryKey, ListData] => !!entry[1]?.pages)
    .map(([key, data]) => ({ key, data, query: queryFromSearchParams(String(key[3] ?? '')) }));

  const movedIds = new Set<string>();
  const movedByGroup = new Map<string, Moved>();
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
    if (first && from !== status) add(group, from, Math.max(0, (first.counts[from] ?? first.total) - excluded.size));
    if (from !== status) {
      for (const list of lists) {
        if (filterKey(list.query) !== group || list.query.status !== from) continue;
        for (const page of list.data.pages) {
          for (const row of page.items) {
            if (excluded.has(row.id)) continue;
            movedIds.add(row.id);
          }
        }
      }
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
  if (isQueryTarget(target)) await cancelFetching(client, [...movedIds].map((id) => threatDeckKeys.detail(id)), cancelled);

  const listPatches: ListPatch[] = [];
  for (const list of lists) {
    // Re-read: a cancelled fetch may have reverted the entry.
    const data = client.getQueryData<ListData>(list.key) ?? list.data;
    const moved = movedByGroup.get(filterKey(list.query));
    const leaves = list.query.status !== status;
    const removed: ListPatch['removed'] = [];
    const pages = data.pages.map((page, p) => {
      if (!leaves) return moved ? { ...page, counts: moveCounts(page.counts, moved, status, 1) } : page;
      const items: Activity[] = [];
      page.items.forEach((row, index) => {
        if (movedIds.has(row.id)) removed.push({ row, page: p, index });
        else items.push(row);
      });
      return { ...page, items, counts: moved ? moveCounts(page.counts, moved, status, 1) : page.counts };
    });
    if (!moved && removed.length === 0) continue;
    // With counts known for this group, the total follows them (rows not loaded move too).
    const arriving = list.query.status === status ? sumMoved(moved, status) : 0;
    const totalDelta = moved ? arriving - (leaves ? (moved[list.query.status] ?? removed.length) : 0) : -removed.length;
    client.setQueryData<ListData>(list.key, { ...data, pages: pages.map((page) => ({ ...page, total: Math.max(0, page.total + totalDelta) })) });
    listPatches.push({ key: list.key, removed, counts: moved ?? {}, to: status, totalDelta });
  }

  const detailPatches: DetailPatch[] = [];
  for (const id of movedIds) {
    const detail = client.getQueryData<ActivityDetail>(threatDeckKeys.detail(id));
    if (!detail || detail.status === status) continue;
    detailPatches.push({ id, from: detail.status, to: status });
    client.setQueryData<ActivityDetail>(threatDeckKeys.detail(id), { ...detail, status });
  }

  let reverted = false;
  return {
    ids: [...movedIds],
    revert: () => {
      if (reverted) return;
      reverted = true;
      for (const patch of listPatches) revertList(client, patch);
      for (const { id, from, to } of detailPatches) {
        client.setQueryData<ActivityDetail>(threatDeckKeys.detail(id), (detail) =>
          // Only if it still shows this patch's status: a later change wins.
          detail && detail.status === to ? { ...detail, status: from } : detail,
        );
      }
    },
    refetch: async () => {
      await Promise.all(cancelled.map((queryKey) => client.invalidateQueries({ queryKey, exact: true })));
    },
  };
}

function revertList(client: QueryClient, patch: ListPatch): void {
  const data = client.getQueryData<ListData>(patch.key);
  if (!data?.pages) return;
  const present = new Set<string>();
  for (const page of data.pages) for (const row of page.items) present.add(row.id);
  const byPage = new Map<number, ListPatch['removed']>();
  for (const r of patch.removed) {
    if (present.has(r.row.id)) continue;
    const list = byPage.get(r.page) ?? [];
    list.push(r);
    byPage.set(r.page, list);
  }
  const lastPage = data.pages.length - 1;
  const pages = data.pages.map((page, p) => {
    let items = page.items;
    const back = [...(byPage.get(p) ?? []), ...(p === lastPage ? [...byPage].filter(([q]) => q > lastPage).flatMap(([, rs]) => rs) : [])];
    if (back.length) {
      items = items.slice();
      // Ascending original positions: each insertion lands where the row was.
      for (const r of back.sort((a, b) => a.index - b.index)) items.splice(Math.min(r.index, items.length), 0, r.row);
    }
    return {
      ...page,
      items,
      counts: moveCounts(page.counts, patch.counts, patch.to, -1),
      total: Math.max(0, page.total - patch.totalDelta),
    };
  });
  client.setQueryData<ListData>(patch.key, { ...data, pages });
}
