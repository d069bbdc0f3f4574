/**
 * The query model: one serialisable value describing what the list shows.
 * A host can keep it in its URL with `queryToSearchParams` /
 * `queryFromSearchParams`; junk in a URL yields a valid query, never a throw.
 */
import {
  ACTIVITY_STATUSES,
  DETECTION_TYPES,
  SEVERITIES,
  type ActivityStatus,
  type DetectionType,
  type Severity,
} from './model';

export const FILTER_FIELDS = [
  'actor',
  'url',
  'host',
  'type',
  'subcategory',
  'successfulExploit',
  'severity',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const EXPLOIT_VALUES = ['yes', 'no'] as const;
export type ExploitValue = (typeof EXPLOIT_VALUES)[number];

export interface ActivityFilters {
  /** Actor IPs. */
  actor: string[];
  /** Templated endpoint paths. */
  url: string[];
  host: string[];
  type: DetectionType[];
  /** Latest attack subcategory. */
  subcategory: string[];
  successfulExploit: ExploitValue[];
  severity: Severity[];
}

export const TIME_PRESETS = ['1h', '24h', '7d', '30d', '90d'] as const;
export type TimePreset = (typeof TIME_PRESETS)[number];
export const TIME_PRESET_MS: Record<TimePreset, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
};

/** Relative (kept relative in URLs) or absolute epoch-ms range, on `lastSeen`. */
export type TimeRange = { preset: TimePreset } | { from: number; to: number };

export const SORT_FIELDS = [
  'lastSeen',
  'firstSeen',
  'severity',
  'attemptCount',
  'endpoint',
  'host',
  'actor',
  'policy',
  'type',
  'successfulExploit',
  // Age in triage: oldest first is `asc` (the activity that has waited longest).
  'activeSince',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';
export interface ActivitySort {
  field: SortField;
  direction: SortDirection;
}

/**
 * Whose cases: `me` (the caller, as the backend authenticates it), `unassigned`,
 * or one user by id. Backends with the `cases` capability honour it.
 */
export type AssigneeFilter = 'me' | 'unassigned' | { userId: string };

export interface ActivityQuery {
  status: ActivityStatus;
  search: string;
  filters: ActivityFilters;
  time: TimeRange | null;
  sort: ActivitySort;
  /** Absent = everyone's. */
  assignee?: AssigneeFilter;
}

/** Limits that define a valid query (and keep hostile URLs cheap to parse). */
export const QUERY_LIMITS = {
  searchLength: 512,
  valueLength: 2048,
  valuesPerFilter: 200,
} as const;

export const DEFAULT_SORT: ActivitySort = { field: 'lastSeen', direction: 'desc' };

export function emptyFilters(): ActivityFilters {
  return {
    actor: [],
    url: [],
    host: [],
    type: [],
    subcategory: [],
    successfulExploit: [],
    severity: [],
  };
}

export function defaultQuery(): ActivityQuery {
  return { status: 'active', search: '', filters: emptyFilters(), time: null, sort: { ...DEFAULT_SORT } };
}

/** Builds a full query from a partial one (missing parts take their defaults). */
export function createQuery(partial: Partial<Omit<ActivityQuery, 'filters'>> & { filters?: Partial<ActivityFilters> } = {}): ActivityQuery {
  const base = defaultQuery();
  return normalizeQuery({
    ...base,
    ...partial,
    filters: { ...base.filters, ...partial.filters },
  });
}

export function hasActiveFilters(query: ActivityQuery): boolean {
  return query.search !== '' || query.time !== null || query.assignee !== undefined || FILTER_FIELDS.some((f) => query.filters[f].length > 0);
}

/** Resolves the time range to absolute bounds at `now`. */
export function resolveTimeRange(time: TimeRange | null, now: number): { from: number; to: number } | null {
  if (!time) return null;
  if ('preset' in time) return { from: now - TIME_PRESET_MS[time.preset], to: now };
  return { from: time.from, to: time.to };
}

// ---------------------------------------------------------------------------
// Validation: anything unknown is ignored, anything invalid is dropped.

const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

const isStatus = isOneOf(ACTIVITY_STATUSES);
const isSeverity = isOneOf(SEVERITIES);
const isType = isOneOf(DETECTION_TYPES);
const isExploit = isOneOf(EXPLOIT_VALUES);
const isSortField = isOneOf(SORT_FIELDS);
const isPreset = isOneOf(TIME_PRESETS);

function isFreeValue(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= QUERY_LIMITS.valueLength;
}

function cleanList<T extends string>(input: unknown, accept: (v: unknown) => v is T): T[] {
  if (!Array.isArray(input)) return [];
  const out: T[] = [];
  const seen = new Set<string>();
  for (const v of input) {
    if (out.length >= QUERY_LIMITS.valuesPerFilter) break;
    if (accept(v) && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

function cleanTime(input: unknown): TimeRange | null {
  if (!input || typeof input !== 'object') return null;
  const t = input as Record<string, unknown>;
  if (isPreset(t.preset)) return { preset: t.preset };
  const { from, to } = t;
  if (
    typeof from === 'number' &&
    typeof to === 'number' &&
    Number.isSafeInteger(from) &&
    Number.isSafeInteger(to) &&
    from >= 0 &&
    from <= to
  ) {
    return { from, to };
  }
  return null;
}

function cleanAssignee(input: unknown): AssigneeFilter | undefined {
  if (input === 'me' || input === 'unassigned') return input;
  if (input && typeof input === 'object') {
    const id = (input as Record<string, unknown>).userId;
    if (isFreeValue(id)) return { userId: id };
  }
  return undefined;
}

/**
 * Returns a valid query from any value: unknown fields are ignored, invalid
 * ones are dropped (replaced by their defaults). Never throws.
 */
export function normalizeQuery(input: unknown): ActivityQuery {
  const q = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const f = q.filters && typeof q.filters === 'object' ? (q.filters as Record<string, unknown>) : {};
  const sort = q.sort && typeof q.sort === 'object' ? (q.sort as Record<string, unknown>) : {};
  const assignee = cleanAssignee(q.assignee);
  return {
    status: isStatus(q.status) ? q.status : 'active',
    search: typeof q.search === 'string' ? q.search.slice(0, QUERY_LIMITS.searchLength) : '',
    filters: {
      actor: cleanList(f.actor, isFreeValue),
      url: cleanList(f.url, isFreeValue),
      host: cleanList(f.host, isFreeValue),
      type: cleanList(f.type, isType),
      subcategory: cleanList(f.subcategory, isFreeValue),
      successfulExploit: cleanList(f.successfulExploit, isExploit),
      severity: cleanList(f.severity, isSeverity),
    },
    time: cleanTime(q.time),
    sort: {
      field: isSortField(sort.field) ? sort.field : DEFAULT_SORT.field,
      direction: sort.direction === 'asc' || sort.direction === 'desc' ? sort.direction : DEFAULT_SORT.direction,
    },
    ...(assignee !== undefined ? { assignee } : {}),
  };
}

// ---------------------------------------------------------------------------
// URL serialisation. Defaults are omitted so URLs stay short.

const PARAM_OF: Record<FilterField, string> = {
  actor: 'actor',
  url: 'url',
  host: 'host',
  type: 'type',
  subcategory: 'sub',
  successfulExploit: 'exploit',
  severity: 'sev',
};

export function queryToSearchParams(query: ActivityQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (query.status !== 'active') p.set('status', query.status);
  if (query.search !== '') p.set('q', query.search);
  for (const field of FILTER_FIELDS) {
    for (const value of query.filters[field]) p.append(PARAM_OF[field], value);
  }
  if (query.time) {
    if ('preset' in query.time) p.set('time', query.time.preset);
    else {
      p.set('from', String(query.time.from));
      p.set('to', String(query.time.to));
    }
  }
  if (query.sort.field !== DEFAULT_SORT.field || query.sort.direction !== DEFAULT_SORT.direction) {
    p.set('sort', `${query.sort.field}:${query.sort.direction}`);
  }
  // `me` and `unassigned` are words; a user id is prefixed so an id spelled "me" stays that user.
  if (query.assignee !== undefined) p.set('assignee', typeof query.assignee === 'string' ? query.assignee : `user:${query.assignee.userId}`);
  return p;
}

function parseEpoch(s: string | null): number | undefined {
  if (s === null || !/^\d{1,16}$/.test(s)) return undefined;
  return Number(s);
}

/** Parses search params (or a query string) into a valid query. Never throws. */
export function queryFromSearchParams(input: URLSearchParams | string): ActivityQuery {
  let p: URLSearchParams;
  try {
    p = typeof input === 'string' ? new URLSearchParams(input) : input;
  } catch {
    return defaultQuery();
  }
  const filters: Record<string, string[]> = {};
  for (const field of FILTER_FIELDS) filters[field] = p.getAll(PARAM_OF[field]);
  const [sortField, sortDirection] = (p.get('sort') ?? '').split(':');
  const preset = p.get('time');
  const from = parseEpoch(p.get('from'));
  const to = parseEpoch(p.get('to'));
  const assignee = p.get('assignee');
  return normalizeQuery({
    assignee: assignee?.startsWith('user:') ? { userId: assignee.slice(5) } : assignee,
    status: p.get('status') ?? undefined,
    search: p.get('q') ?? '',
    filters,
    time: preset !== null ? { preset } : from !== undefined && to !== undefined ? { from, to } : null,
    sort: { field: sortField, direction: sortDirection },
  });
}

/** A stable string key for a query (cache keys, equality). */
export function queryKey(query: ActivityQuery): string {
  return queryToSearchParams(query).toString() || 'status=active';
}
