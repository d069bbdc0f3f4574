/**
 * The adapter contract: a plain object of async methods through which a host's
 * backend feeds threatdeck. Every method takes `{ signal }` so superseded reads
 * are cancelled; every failure is an `AdapterError` with a typed code.
 *
 * Required: the reads and `setStatus`. Everything else is an optional
 * capability, advertised in `capabilities`; components hide or explain what a
 * backend cannot do instead of failing on click.
 */
import type {
  Activity,
  ActivityDetail,
  ActivityStatus,
  Attempt,
  CreatedWorkItem,
  IpBlock,
  Remediation,
  SuppressionRule,
  SuppressionRuleInput,
  Timeline,
  WorkItemTarget,
  WorkItemValues,
} from './model';
import type { ActivityQuery, FilterField } from './query';

export interface CallOptions {
  signal: AbortSignal;
}

export interface ListActivitiesParams extends CallOptions {
  query: ActivityQuery;
  /** Opaque cursor from a previous page's `nextCursor`; absent for the first page. */
  cursor?: string;
  pageSize: number;
}

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

export interface SetStatusParams extends CallOptions {
  ids: string[];
  status: ActivityStatus;
}

export interface BulkStatusParams extends CallOptions {
  /** Every activity matching this query (in its status) moves to `status`. */
  query: ActivityQuery;
  status: ActivityStatus;
  /** Ids to leave out (the user unticked them after "select all"). */
  excludeIds?: string[];
}

export interface AffectedResult {
  affected: number;
}

export interface IgnoreParams extends CallOptions {
  rule: SuppressionRuleInput;
}

export interface IgnoreResult {
  rule: SuppressionRule;
  /** Existing activities moved to `ignored` (when `applyToExisting`). */
  affected: number;
}

export interface BlockParams extends CallOptions {
  /** IPv4, IPv6 or CIDR. */
  target: string;
  /** `null` = permanent. */
  durationMs: number | null;
  reason?: string;
  /** The activity the block was made from, so its actor shows as blocked. */
  activityId?: string;
}

export interface UnblockParams extends CallOptions {
  blockId: string;
}

export interface CreateWorkItemParams extends CallOptions {
  targetId: string;
  activityId: string;
  values: WorkItemValues;
}

export interface ExportParams extends CallOptions {
  query: ActivityQuery;
}

/** Live updates: activities created or changed since subscription. */
export type LiveEvent =
  | { type: 'activity'; activity: Activity; isNew: boolean }
  | { type: 'suppressed'; ruleId: string; count: number };

export interface SubscribeParams {
  query: ActivityQuery;
  onEvent: (event: LiveEvent) => void;
  onError?: (error: unknown) => void;
  signal: AbortSignal;
}

export interface AdapterCapabilities {
  /** Server-side sort is supported on these fields (all when omitted). */
  sortableFields?: readonly string[];
  live: boolean;
  block: boolean;
  unblock: boolean;
  workItems: boolean;
  bulkByQuery: boolean;
  export: boolean;
  suppressionRules: boolean;
  /** Backend bins the timeline itself (otherwise the core bins raw attempts). */
  serverTimeline: boolean;
}

export interface ThreatDeckAdapter {
  readonly capabilities: AdapterCapabilities;

  listActivities(params: ListActivitiesParams): Promise<ActivityPage>;
  getFacet(params: FacetParams): Promise<FacetResult>;
  getActivity(params: ActivityParams): Promise<ActivityDetail>;
  listAttempts(params: AttemptsParams): Promise<AttemptPage>;
  /** Optional: when absent (or `serverTimeline` false), attempts are binned in the core. */
  getTimeline?(params: TimelineParams): Promise<Timeline>;
  getRemediation(params: ActivityParams): Promise<Remediation>;

  setStatus(params: SetStatusParams): Promise<AffectedResult>;
  setStatusByQuery?(params: BulkStatusParams): Promise<AffectedResult>;

  ignore?(params: IgnoreParams): Promise<IgnoreResult>;
  listSuppressionRules?(params: CallOptions): Promise<SuppressionRule[]>;
  deleteSuppressionRule?(params: CallOptions & { ruleId: string }): Promise<void>;

  block?(params: BlockParams): Promise<IpBlock>;
  unblock?(params: UnblockParams): Promise<void>;

  listWorkItemTargets?(params: CallOptions): Promise<WorkItemTarget[]>;
  createWorkItem?(params: CreateWorkItemParams): Promise<CreatedWorkItem>;

  /** Every activity matching the query, streamed in pages (CSV export). */
  exportActivities?(params: ExportParams): AsyncIterable<Activity[]>;

  /** Resolves once subscribed; events stop when `signal` aborts. */
  subscribe?(params: SubscribeParams): Promise<void>;
}
