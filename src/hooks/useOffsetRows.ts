/**
 * The whole result as rows, for adapters that read from an offset
 * (`capabilities.offsetPaging`): one position per matching activity, so the
 * scrollbar stands for the whole list and End or a drag of the thumb lands
 * anywhere. Positions not loaded yet hold placeholder rows; the blocks of
 * rows in view are read by offset (`onRangeChange`). Positions before the
 * end of the cursor-loaded rows come from them.
 */
import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { ActivityPage } from '../core/adapter';
import type { Activity } from '../core/model';
import { queryKey, type ActivityQuery } from '../core/query';
import { checkActivityPage } from './checkAdapterRecords';
import { useThreatDeck } from './ThreatDeckProvider';
import { threatDeckKeys } from './threatDeckKeys';

/** At 40 px a row, 500k rows are 20M px: under the tallest element browsers lay out (~33M px). */
export const MAX_VIRTUAL_ROWS = 500_000;

const PLACEHOLDER_PREFIX = '\u0000placeholder:';

/**
 * A row standing for a position whose activity is not loaded yet. One small
 * object per position (its position only): every other field is shared on the
 * prototype and never mutated, since placeholders are not selectable or
 * openable. At 80k positions, building 14-field objects and a WeakSet entry
 * each cost about a tenth of a second on the way to the first rows.
 */
class PlaceholderActivity {
  constructor(readonly position: number) {}
  get id(): string {
    return `${PLACEHOLDER_PREFIX}${this.position}`;
  }
}
Object.assign(PlaceholderActivity.prototype, {
  status: 'active',
  severity: 'info',
  type: 'rule-based',
  actor: Object.freeze({ ip: '' }),
  endpoint: Object.freeze({ method: '', path: '', host: '' }),
  policy: Object.freeze({ id: '', name: '' }),
  category: '',
  subcategory: '',
  successfulExploit: false,
  attemptCount: 0,
  firstSeen: 0,
  lastSeen: 0,
  workItems: Object.freeze([]) as unknown as Activity['workItems'],
} satisfies Omit<Activity, 'id'>);

/** A row standing for a position whose activity is not loaded yet: not selectable, not openable. */
export function isPlaceholderActivity(a: Activity | undefined): boolean {
  return a instanceof PlaceholderActivity;
}
export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

const makePlaceholder = (position: number) => new PlaceholderActivity(position) as unknown as Activity;

/** `key` as an array index (a canonical non-negative integer string), else -1. */
function arrayIndex(key: string | symbol): number {
  if (typeof key !== 'string' || key.length === 0 || key.length > 10) return -1;
  const i = Number(key);
  return Number.isInteger(i) && i >= 0 && String(i) === key ? i : -1;
}

/**
 * The sparse array of loaded rows, read as a dense one: a position with no
 * row answers its placeholder. The grid only ever reads the few hundred
 * positions around the viewport (and every id on a select-all), so the
 * placeholders are made as they are read: making one per position up front
 * cost ~40 ms of the first rows at 100k, and a pass over them every time a
 * block loaded. `has` answers too, since `slice` and `map` skip holes.
 */
export function withPlaceholders(loaded: Activity[], cache: Activity[]): Activity[] {
  const at = (i: number) => loaded[i] ?? (cache[i] ??= makePlaceholder(i));
  return new Proxy(loaded, {
    get(target, key, receiver) {
      const i = arrayIndex(key);
      return i >= 0 && i < target.length ? at(i) : Reflect.get(target, key, receiver);
    },
    has(target, key) {
      const i = arrayIndex(key);
      return i >= 0 ? i < target.length : Reflect.has(target, key);
    },
  });
}

export interface OffsetRows {
  rows: Activity[];
  indexOf: (id: string) => number;
  /** The grid's rendered range changed: load the blocks it covers. */
  onRangeChange: (first: number, last: number) => void;
  /** A block in view is loading. */
  loading: boolean;
}

export function useOffsetRows(
  query: ActivityQuery,
  options: { pageSize: number; total: number; prefix: readonly Activity[]; enabled: boolean },
): OffsetRows {
  const { adapter, queryClient } = useThreatDeck();
  const { pageSize, prefix, enabled } = options;
  const total = Math.min(options.total, MAX_VIRTUAL_ROWS);
  const key = `${queryKey(query)}|${pageSize}`;
  const blockKey = useCallback(
    (block: number) => [...threatDeckKeys.activities(), 'block', queryKey(query), pageSize, block] as const,
    [query, pageSize],
  );
  const [view, setView] = useState<{ key: string; visible: number[]; seen: ReadonlySet<number> }>({ key, visible: [], seen: new Set() });
  const current = view.key === key ? view : { key, visible: [], seen: new Set<number>() };

  const results = useQueries(
    {
      queries: (enabled ? current.visible : []).map((block) => ({
        queryKey: blockKey(block),
        queryFn: async ({ signal }: { signal: AbortSignal }): Promise<ActivityPage> =>
          checkActivityPage(await adapter.listActivities({ query, pageSize, offset: block * pageSize, signal })),
      })),
    },
    queryClient,
  );
  const loading = results.some((r) => r.isFetching);
  const dataStamp = results.map((r) => r.dataUpdatedAt).join(',');

  const onRangeChange = useCallback(
    (first: number, last: number) => {
      if (!enabled || last < 0) return;
      // Positions inside the cursor-loaded rows are not read: those rows are the list's own
      // (optimistically patched after a write, refetched with it); reading them again by offset
      // mid-write would replace them with a later state. A block the rows end inside (after a short
      // first page) is read for its positions past them only (see `put` below).
      const start = Math.max(first, prefix.length);
      const end = Math.min(last, total - 1);
      const visible: number[] = [];
      for (let b = Math.floor(start / pageSize); start <= end && b <= Math.floor(end / pageSize); b++) visible.push(b);
      setView((v) => {
        const base = v.key === key ? v : { key, visible: [], seen: new Set<number>() };
        if (base.visible.length === visible.length && base.visible.every((b, i) => b === visible[i])) return base;
        const seen = new Set(base.seen);
        for (const b of visible) seen.add(b);
        return { key, visible, seen };
      });
    },
    [enabled, pageSize, total, prefix.length, key],
  );

  // One placeholder per position, made when first read and kept: it keeps its identity for row memos.
  const [placeholderCache] = useState<Activity[]>(() => []);
  const { rows, indexOf } = useMemo(() => {
    if (!enabled) return { rows: prefix as Activity[], indexOf: () => -1 };
    const loaded = new Array<Activity>(Math.max(total, prefix.length));
    const positions = new Map<string, number>();
    const put = (i: number, a: Activity) => {
      if (positions.has(a.id)) return; // a row that moved between two reads shows once
      loaded[i] = a;
      positions.set(a.id, i);
    };
    for (let i = 0; i < prefix.length; i++) put(i, prefix[i]!);
    for (const block of current.seen) {
      const page = queryClient.getQueryData<ActivityPage>(blockKey(block));
      if (!page) continue;
      page.items.forEach((a, k) => {
        const i = block * pageSize + k;
        if (i >= prefix.length && i < loaded.length) put(i, a);
      });
    }
    const length = loaded.length;
    // Placeholders are found by their id (below), not in `positions`.
    // Focus is kept by id: a placeholder's id still names its position once the real row loaded there.
    const indexOf = (id: string) => {
      const at = positions.get(id);
      if (at !== undefined) return at;
      if (!isPlaceholderId(id)) return -1;
      const position = Number(id.slice(PLACEHOLDER_PREFIX.length));
      return Number.isInteger(position) && position < length ? position : -1;
    };
    return { rows: withPlaceholders(loaded, placeholderCache), indexOf };
    // dataStamp: a block in view loaded; seen: a block came into view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, prefix, total, current.seen, dataStamp, queryClient, blockKey, pageSize, placeholderCache]);

  return { rows, indexOf, onRangeChange, loading };
}
