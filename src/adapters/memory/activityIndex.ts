/**
 * Column-style index over the memory adapter's activities, so one filter +
 * count pass over 100k rows is a tight loop over arrays of small integers
 * (no per-call allocation of row objects), and sorted orders are cached per
 * sort field instead of re-sorting on every page.
 */
import { ACTIVITY_STATUSES, DETECTION_TYPES, SEVERITIES, type Activity, type ActivityStatus } from '../../core/model';
import { EXPLOIT_VALUES, resolveTimeRange, type ActivityQuery, type FilterField, type SortField } from '../../core/query';
import type { StatusCounts } from '../../core/adapter';
import { ActivitySearch, type RowMatcher } from './activitySearch';
import { Dictionary } from './dictionary';
import { sortedOrder } from './sortedOrder';
import { expandSearchAliases } from '../../core/searchAliases';

const STATUS_CODE = new Map(ACTIVITY_STATUSES.map((s, i) => [s, i]));
const SEVERITY_CODE = new Map(SEVERITIES.map((s, i) => [s, i]));
const TYPE_CODE = new Map(DETECTION_TYPES.map((s, i) => [s, i]));
const EXPLOIT_CODE = new Map(EXPLOIT_VALUES.map((s, i) => [s, i])); // yes = 0, no = 1

type DictField = 'actor' | 'url' | 'host' | 'subcategory';
/** Sort keys: numbers, or strings compared by code unit (ranked once per order build). */
const sortKey: Record<SortField, (a: Activity) => number | string> = {
  lastSeen: (a) => a.lastSeen,
  firstSeen: (a) => a.firstSeen,
  // Higher is more severe, so "desc" puts critical first.
  severity: (a) => SEVERITIES.length - 1 - (SEVERITY_CODE.get(a.severity) ?? 0),
  attemptCount: (a) => a.attemptCount,
  endpoint: (a) => `${a.endpoint.path} ${a.endpoint.method}`,
  host: (a) => a.endpoint.host,
  actor: (a) => a.actor.ip,
  policy: (a) => a.policy.name,
  type: (a) => a.type,
  successfulExploit: (a) => (a.successfulExploit ? 1 : 0),
  activeSince: (a) => a.activeSince ?? a.firstSeen,
};

export function compareKeys(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A compiled query: masks over dictionary codes, `null` meaning "no filter". */
interface CompiledQuery {
  status: number;
  search: RowMatcher | null;
  /** Whose cases: `undefined` = everyone's, `null` = unassigned, else that user id. */
  assignee: string | null | undefined;
  masks: Record<FilterField, Uint8Array | null>;
  from: number;
  to: number;
}

/** A search and its aliases ("sqli" → "sql injection"): a row matches when any term does; `null` = no search. */
function matchAny(matchers: RowMatcher[]): RowMatcher | null {
  if (matchers.length === 0) return null;
  if (matchers.length === 1) return matchers[0]!;
  return (i) => matchers.some((m) => m(i));
}

export class ActivityIndex {
  readonly rows: Activity[] = [];
  /** id → row, built on the first lookup: the first page needs none, and 100k string keys cost more than that page. */
  private byId: Map<string, number> | null = null;
  private readonly search = new ActivitySearch(this.rows);
  private readonly status: number[] = [];
  /** Revision at which each row entered its current status (its creation counts), for as-of bounded writes. */
  private readonly entered: number[] = [];
  private readonly codes: Record<FilterField, number[]> = {
    actor: [], url: [], host: [], subcategory: [], type: [], severity: [], successfulExploit: [],
  };
  private readonly dicts: Record<DictField, Dictionary> = {
    actor: new Dictionary(), url: new Dictionary(), host: new Dictionary(), subcategory: new Dictionary(),
  };
  private readonly lastSeen: number[] = [];
  private readonly orders = new Map<SortField, Int32Array>();
  private match = new Uint8Array(0);

  /** `prepare` runs on each row of the generated dataset before it is indexed (the demo team's assignments). */
  constructor(activities: Activity[], private readonly prepare?: (activity: Activity) => void) {
    for (const a of activities) this.addGenerated(a);
  }

  /** A row of the generated dataset (not live or ingested traffic): prepared, then added. */
  addGenerated(activity: Activity): number {
    this.prepare?.(activity);
    return this.add(activity);
  }

  get size(): number {
    return this.rows.length;
  }

  indexOf(id: string): number | undefined {
    if (!this.byId) {
      const byId = new Map<string, number>();
      for (let i = 0; i < this.rows.length; i++) byId.set(this.rows[i]!.id, i);
      this.byId = byId;
    }
    return this.byId.get(id);
  }

  add(activity: Activity, revision = 0): number {
    const i = this.rows.length;
    // Age in triage starts when the activity was first seen, until a Reactivate restarts it.
    activity.activeSince ??= activity.firstSeen;
    this.entered.push(revision);
    this.rows.push(activity);
    this.byId?.set(activity.id, i);
    this.search.add(i, activity);
    this.status.push(STATUS_CODE.get(activity.status) ?? 0);
    const { codes, dicts } = this;
    codes.actor.push(dicts.actor.code(activity.actor.ip));
    codes.url.push(dicts.url.code(activity.endpoint.path));
    codes.host.push(dicts.host.code(activity.endpoint.host));
    codes.subcategory.push(dicts.subcategory.code(activity.subcategory));
    this.codes.type.push(TYPE_CODE.get(activity.type) ?? 0);
    this.codes.severity.push(SEVERITY_CODE.get(activity.severity) ?? 0);
    this.codes.successfulExploit.push(activity.successfulExploit ? 0 : 1);
    this.lastSeen.push(activity.lastSeen);
    if (this.orders.size) this.reorder(i, true);
    return i;
  }

  /** Moves row i at `revision`; false (and nothing recorded) when it already has that status. */
  setStatus(i: number, status: ActivityStatus, revision: number, at?: number): boolean {
    const row = this.rows[i]!;
    if (row.status === status) return false;
    row.status = status;
    if (status === 'active' && at !== undefined) {
      row.activeSince = at;
      this.orders.delete('activeSince');
    }
    this.status[i] = STATUS_CODE.get(status)!;
    this.entered[i] = revision;
    return true;
  }

  enteredAt(i: number): number {
    return this.entered[i]!;
  }

  /** Call after any indexed field of a row changed (ingest updates severity, subcategory, exploit). */
  refresh(i: number): void {
    const a = this.rows[i]!;
    const { codes, dicts } = this;
    codes.actor[i] = dicts.actor.code(a.actor.ip);
    codes.url[i] = dicts.url.code(a.endpoint.path);
    codes.host[i] = dicts.host.code(a.endpoint.host);
    codes.subcategory[i] = dicts.subcategory.code(a.subcategory);
    codes.type[i] = TYPE_CODE.get(a.type) ?? 0;
    codes.severity[i] = SEVERITY_CODE.get(a.severity) ?? 0;
    codes.successfulExploit[i] = a.successfulExploit ? 0 : 1;
    this.search.update(i, a);
    this.lastSeen[i] = a.lastSeen;
    // Cheaper to rebuild orders lazily than to patch each one.
    this.orders.clear();
  }

  /** Call after a row's lastSeen / attemptCount changed (live attempts). */
  touch(i: number): void {
    this.lastSeen[i] = this.rows[i]!.lastSeen;
    this.reorder(i, false);
  }

  /** Keeps cached orders valid: the common live case (row becomes the newest) is O(n) memmove, the rest rebuilds lazily. */
  private reorder(i: number, added: boolean): void {
    for (const [field, order] of this.orders) {
      const key = sortKey[field](this.rows[i]!);
      const last = order.length ? order[order.length - 1]! : -1;
      const isMax = last < 0 || compareKeys(key, sortKey[field](this.rows[last]!)) > 0 || (compareKeys(key, sortKey[field](this.rows[last]!)) === 0 && i > last);
      if (typeof key === 'number' && isMax && (field === 'lastSeen' || field === 'firstSeen')) {
        const next = new Int32Array(added ? order.length + 1 : order.length);
        let k = 0;
        for (let j = 0; j < order.length; j++) if (order[j] !== i) next[k++] = order[j]!;
        next[k] = i;
        this.orders.set(field, next);
      } else if (added || field === 'attemptCount' || field === 'lastSeen') {
        this.orders.delete(field);
      }
    }
  }

  /** Builds ahead what the first reads would build on first use: the newest-first order and the search's ids. */
  prepareReads(): void {
    this.order('lastSeen');
    this.search.prepare();
  }

  /** Rows in ascending (key, row index) order. */
  order(field: SortField): Int32Array {
    let order = this.orders.get(field);
    if (order) return order;
    const n = this.rows.length;
    const keys = new Float64Array(n);
    const get = sortKey[field];
    const first = n ? get(this.rows[0]!) : 0;
    if (field === 'lastSeen') keys.set(this.lastSeen);
    else if (typeof first === 'number') for (let i = 0; i < n; i++) keys[i] = get(this.rows[i]!) as number;
    else {
      const raw = this.rows.map((r) => get(r) as string);
      const ranks = new Map([...new Set(raw)].sort(compareKeys).map((v, r) => [v, r]));
      for (let i = 0; i < n; i++) keys[i] = ranks.get(raw[i]!)!;
    }
    order = sortedOrder(keys);
    this.orders.set(field, order);
    return order;
  }

  keyOf(field: SortField, i: number): number | string {
    return sortKey[field](this.rows[i]!);
  }

  /** Who `me` is in an `assignee` filter (the memory adapter's signed-in user). */
  currentUserId: string | undefined;

  compile(query: ActivityQuery, now: number, skip?: FilterField): CompiledQuery {
    const mask = (field: FilterField, values: readonly string[], lookup: (v: string) => number | undefined, size: number) => {
      if (field === skip || values.length === 0) return null;
      const m = new Uint8Array(size);
      for (const v of values) {
        const c = lookup(v);
        if (c !== undefined) m[c] = 1;
      }
      return m;
    };
    const f = query.filters;
    const range = resolveTimeRange(query.time, now);
    const search = query.search.trim().toLowerCase();
    const who = query.assignee;
    return {
      // `me` without a signed-in user matches nobody: an id no row carries.
      assignee: who === undefined ? undefined : who === 'unassigned' ? null : who === 'me' ? (this.currentUserId ?? '\u0000nobody') : who.userId,
      status: STATUS_CODE.get(query.status) ?? 0,
      search: matchAny(expandSearchAliases(search).map((term) => this.search.matcher(term))),
      masks: {
        actor: mask('actor', f.actor, (v) => this.dicts.actor.get(v), this.dicts.actor.values.length),
        url: mask('url', f.url, (v) => this.dicts.url.get(v), this.dicts.url.values.length),
        host: mask('host', f.host, (v) => this.dicts.host.get(v), this.dicts.host.values.length),
        subcategory: mask('subcategory', f.subcategory, (v) => this.dicts.subcategory.get(v), this.dicts.subcategory.values.length),
        type: mask('type', f.type, (v) => TYPE_CODE.get(v as never), DETECTION_TYPES.length),
        severity: mask('severity', f.severity, (v) => SEVERITY_CODE.get(v as never), SEVERITIES.length),
        successfulExploit: mask('successfulExploit', f.successfulExploit, (v) => EXPLOIT_CODE.get(v as never), EXPLOIT_VALUES.length),
      },
      from: range ? range.from : -Infinity,
      to: range ? range.to : Infinity,
    };
  }

  /** True when row i matches everything but the status. */
  matchesRow(i: number, q: CompiledQuery): boolean {
    const m = q.masks;
    if (m.actor && !m.actor[this.codes.actor[i]!]) return false;
    if (m.url && !m.url[this.codes.url[i]!]) return false;
    if (m.host && !m.host[this.codes.host[i]!]) return false;
    if (m.subcategory && !m.subcategory[this.codes.subcategory[i]!]) return false;
    if (m.type && !m.type[this.codes.type[i]!]) return false;
    if (m.severity && !m.severity[this.codes.severity[i]!]) return false;
    if (m.successfulExploit && !m.successfulExploit[this.codes.successfulExploit[i]!]) return false;
    const t = this.lastSeen[i]!;
    if (t < q.from || t > q.to) return false;
    if (q.assignee !== undefined && (this.rows[i]!.assigneeId ?? null) !== q.assignee) return false;
    return q.search === null || q.search(i);
  }

  matchesQuery(i: number, q: CompiledQuery): boolean {
    return this.status[i] === q.status && this.matchesRow(i, q);
  }

  /** One pass: marks rows matching all but status (in a reused buffer) and counts them per status. */
  scan(q: CompiledQuery): { match: Uint8Array; counts: StatusCounts } {
    const n = this.rows.length;
    if (this.match.length < n) this.match = new Uint8Array(Math.max(n, this.match.length * 2));
    const match = this.match;
    const per = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      if (this.matchesRow(i, q)) {
        match[i] = 1;
        per[this.status[i]!]!++;
      } else match[i] = 0;
    }
    return { match, counts: { active: per[0]!, under_review: per[1]!, ignored: per[2]! } };
  }

  statusCode(i: number): number {
    return this.status[i]!;
  }

  /** Value counts of a filter field over rows matching `q` (compiled with that field skipped) in its status. */
  facetCounts(field: FilterField, q: CompiledQuery): Array<{ value: string; count: number }> {
    const { match } = this.scan(q);
    const codes = this.codes[field];
    const values: readonly string[] =
      field === 'type' ? DETECTION_TYPES : field === 'severity' ? SEVERITIES : field === 'successfulExploit' ? EXPLOIT_VALUES : this.dicts[field].values;
    const counts = new Int32Array(values.length);
    const n = this.rows.length;
    for (let i = 0; i < n; i++) if (match[i] && this.status[i] === q.status) counts[codes[i]!]!++;
    const out: Array<{ value: string; count: number }> = [];
    for (let c = 0; c < values.length; c++) if (counts[c]! > 0) out.push({ value: values[c]!, count: counts[c]! });
    return out;
  }
}
