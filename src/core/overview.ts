/**
 * The overview of a query: activities and their attempts over time, stacked
 * by severity or subcategory, and the top values of the fields an analyst
 * filters by. `binOverviewSeries` is the one binning rule: a backend with the
 * `overview` capability runs it (or its SQL twin) over every matching
 * activity; without it the hooks run it over the newest pages of the list and
 * say how many activities that covered. Pure; no DOM.
 *
 * Activities are placed by `lastSeen`, the field the list's time filter
 * reads, so a range brushed on the chart selects exactly the bars under it.
 */
import type { CallOptions, FacetOption } from './adapter';
import { SEVERITIES, type Activity } from './model';
import type { FilterField, ActivityQuery } from './query';
import { chooseBucketMs } from './timeline';

export const OVERVIEW_GROUPINGS = ['severity', 'subcategory'] as const;
/** What the series is stacked by. */
export type OverviewGrouping = (typeof OVERVIEW_GROUPINGS)[number];

/** The fields the overview ranks; a bar toggles its value in that filter. */
export const OVERVIEW_FIELDS = ['subcategory', 'url', 'actor', 'severity'] as const satisfies readonly FilterField[];
export type OverviewField = (typeof OVERVIEW_FIELDS)[number];

/** Subcategories beyond this many stacks are summed into one `OTHER_GROUP` stack. */
export const MAX_OVERVIEW_GROUPS = 6;
/** Key of the stack that sums the rarer subcategories. Not a valid subcategory name (it has a NUL). */
export const OTHER_GROUP = '\u0000other';
/** Most buckets a series may ask for. */
export const MAX_OVERVIEW_BUCKETS = 500;
/** Most values per top list. */
export const MAX_OVERVIEW_TOP = 50;

export interface OverviewParams extends CallOptions {
  /** The list's query: its status, filters, search and time range. */
  query: ActivityQuery;
  groupBy: OverviewGrouping;
  /** At most this many buckets; a round bucket size is chosen under it (≤ `MAX_OVERVIEW_BUCKETS`). */
  maxBuckets: number;
  /** Values per top list (≤ `MAX_OVERVIEW_TOP`). */
  top: number;
}

export interface OverviewBucket {
  /** Epoch ms; the bucket covers [start, start + bucketMs). */
  start: number;
  /** Activities last seen in the bucket, per stack (same order as `groups`). */
  activities: number[];
  /** Attempts of those activities, per stack. */
  attempts: number[];
}

export interface OverviewSeries {
  groupBy: OverviewGrouping;
  /** Stack keys, bottom to top: severities in severity order, or subcategories by count (then `OTHER_GROUP`). */
  groups: string[];
  from: number;
  to: number;
  bucketMs: number;
  buckets: OverviewBucket[];
  totals: { activities: number; attempts: number };
}

export interface ThreatOverviewData extends OverviewSeries {
  /**
   * Top values per field with activity counts, under the query but ignoring
   * the field's own filter (as facets do), so a toggled bar stays visible.
   */
  top: Record<OverviewField, FacetOption[]>;
  /** The fields whose top counts are estimates (a backend that sampled their facets); absent: all exact. */
  estimatedTop?: OverviewField[];
  /**
   * Set when the series covers only the newest `activities` of `of` matching
   * activities (computed from list pages by a backend without `overview`).
   */
  partial: { activities: number; of: number } | null;
}

export interface BinOverviewOptions {
  groupBy: OverviewGrouping;
  maxBuckets: number;
  /** The range to bin; the activities' own first..last `lastSeen` when null. */
  range: { from: number; to: number } | null;
}

const groupOf = (a: Activity, groupBy: OverviewGrouping): string => (groupBy === 'severity' ? a.severity : a.subcategory);

/** Bins activities by `lastSeen` into at most `maxBuckets` round buckets, stacked by `groupBy`. */
export function binOverviewSeries(activities: readonly Activity[], options: BinOverviewOptions): OverviewSeries {
  const maxBuckets = Math.min(MAX_OVERVIEW_BUCKETS, Math.max(1, Math.floor(options.maxBuckets)));
  let from = options.range?.from ?? Infinity;
  let to = options.range?.to ?? -Infinity;
  if (!options.range) {
    for (const a of activities) {
      if (a.lastSeen < from) from = a.lastSeen;
      if (a.lastSeen > to) to = a.lastSeen;
    }
  }
  const groups = stackKeys(activities, options.groupBy);
  const totals = { activities: 0, attempts: 0 };
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    return { groupBy: options.groupBy, groups, from: 0, to: 0, bucketMs: 0, buckets: [], totals };
  }
  // The last activity sits exactly at `to`: the range is half-open, so widen it by a millisecond.
  const bucketMs = chooseBucketMs(to - from + 1, maxBuckets);
  const start = Math.floor(from / bucketMs) * bucketMs;
  const count = Math.max(1, Math.ceil((to + 1 - start) / bucketMs));
  const buckets: OverviewBucket[] = Array.from({ length: count }, (_, i) => ({
    start: start + i * bucketMs,
    activities: new Array<number>(groups.length).fill(0),
    attempts: new Array<number>(groups.length).fill(0),
  }));
  const stackIndex = new Map(groups.map((g, i) => [g, i]));
  const otherIndex = stackIndex.get(OTHER_GROUP);
  for (const a of activities) {
    if (a.lastSeen < from || a.lastSeen > to) continue;
    const bucket = buckets[Math.min(count - 1, Math.floor((a.lastSeen - start) / bucketMs))]!;
    const s = stackIndex.get(groupOf(a, options.groupBy)) ?? otherIndex;
    if (s === undefined) continue;
    bucket.activities[s]! += 1;
    bucket.attempts[s]! += a.attemptCount;
    totals.activities += 1;
    totals.attempts += a.attemptCount;
  }
  return { groupBy: options.groupBy, groups, from: start, to: start + count * bucketMs, bucketMs, buckets, totals };
}

/** Severities in their order; subcategories by count (ties by name), the rarest summed as `OTHER_GROUP`. */
function stackKeys(activities: readonly Activity[], groupBy: OverviewGrouping): string[] {
  if (groupBy === 'severity') return [...SEVERITIES];
  const counts = new Map<string, number>();
  for (const a of activities) counts.set(a.subcategory, (counts.get(a.subcategory) ?? 0) + 1);
  const ranked = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([k]) => k);
  if (ranked.length <= MAX_OVERVIEW_GROUPS) return ranked;
  return [...ranked.slice(0, MAX_OVERVIEW_GROUPS - 1), OTHER_GROUP];
}

/** Sum of one bucket's stacks. */
export function bucketTotal(bucket: OverviewBucket, measure: 'activities' | 'attempts'): number {
  let n = 0;
  for (const v of bucket[measure]) n += v;
  return n;
}

/** Clamps an `OverviewParams`' sizes to the limits a server enforces too. */
export function clampOverviewSizes(params: Pick<OverviewParams, 'maxBuckets' | 'top'>): { maxBuckets: number; top: number } {
  const whole = (v: number, max: number) => (Number.isFinite(v) ? Math.min(max, Math.max(1, Math.floor(v))) : max);
  return { maxBuckets: whole(params.maxBuckets, MAX_OVERVIEW_BUCKETS), top: whole(params.top, MAX_OVERVIEW_TOP) };
}
