/** Parameters and results of the adapter's reads (lists, facets, detail, attempts, timeline, export). */
import type { ActorSort } from '../actors';
import type {
  Activity,
  ActivityStatus,
  Attempt,
} from '../model';
import type { ActivityQuery, FilterField } from '../query';
import type { CallOptions } from './callOptions';

export interface ListActivitiesParams extends CallOptions {
  /**
   * The query. `query.search` is free text; backends should also match the
   * common names of attacks (`expandSearchAliases` in core/searchAliases:
   * "sqli" finds SQL Injection) as the memory adapter does.
   */
  query: ActivityQuery;
  /** Opaque cursor from a previous page's `nextCursor`; absent for the first page. */
  cursor?: string;
  /**
   * Position (0-based) in the query's order of the page's first row, for a
   * jump into the middle of a long list; only with `capabilities.offsetPaging`.
   * Not combined with `cursor`. The page still returns a `nextCursor` to read on from.
   */
  offset?: number;
  pageSize: number;
}

/** Largest `ListActivitiesParams.offset` a caller sends. */
export const MAX_LIST_OFFSET = 10_000_000;

export type StatusCounts = Record<ActivityStatus, number>;

export interface ActivityPage {
  items: Activity[];
  /** Items matching the query (in its status). */
  total: number;
  /** True when `total` is an estimate (large backends). */
  totalIsEstimate: boolean;
  /** Cursor of the next page, `null` at the end. */
  nextCursor: string | null;
  /** Counts per status for the query's other filters (the tab counts). */
  counts: StatusCounts;
  /**
   * Opaque bound of what this list shows (a version or time on the backend).
   * Pass it as `asOf` to `setStatusByQuery` so activities that arrived or
   * changed later are not touched. Required with the `bulkByQuery` capability.
   */
  asOf?: string;
}

export interface ListActorsParams extends CallOptions {
  /** The list's query: actors are grouped from the activities it matches (in its status). */
  query: ActivityQuery;
  sort: ActorSort;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  pageSize: number;
}

export interface FacetOption {
  value: string;
  count: number;
  /** Human label when it differs from the value (e.g. "Rule-Based"). */
  label?: string;
}

export interface FacetParams extends CallOptions {
  /** Facet counts are computed for this query, ignoring the field's own filter. */
  query: ActivityQuery;
  field: FilterField;
  /** Narrow the options (searchable facets with thousands of values). */
  search?: string;
  limit?: number;
}

export interface FacetResult {
  field: FilterField;
  options: FacetOption[];
  /** Distinct values in all; more than `options.length` when limited. */
  totalOptions: number;
  /**
   * True when the counts are estimates (a backend that samples a facet of too
   * many rows to count at once): the options are the values its sample saw,
   * rare values may be missing, and `totalOptions` counts the values seen (a
   * lower bound). Absent or false: exact.
   */
  countsAreEstimates?: boolean;
}

export interface ActivityParams extends CallOptions {
  id: string;
}

export interface AttemptsParams extends ActivityParams {
  cursor?: string;
  pageSize: number;
}

export interface AttemptPage {
  /** Newest first. */
  items: Attempt[];
  total: number;
  nextCursor: string | null;
}

export interface TimelineParams extends ActivityParams {
  /** Range to bin; defaults to the activity's first..last seen. */
  from?: number;
  to?: number;
  bucketMs: number;
}

export interface ExportParams extends CallOptions {
  query: ActivityQuery;
}
