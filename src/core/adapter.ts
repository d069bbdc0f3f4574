/**
 * The adapter contract: a plain object of async methods through which a host's
 * backend feeds threatdeck. Every method takes `{ signal }` so superseded reads
 * are cancelled; every failure is an `AdapterError` with a typed code.
 *
 * Required: the reads and `setStatus`. Everything else is an optional
 * capability, advertised in `capabilities`; components hide or explain what a
 * backend cannot do instead of failing on click.
 */
import type { ActorSort, ActorSummary } from './actors';
import type { OverviewParams, ThreatOverviewData } from './overview';
import type {
  Activity,
  ActivityDetail,
  ActivityStatus,
  Actor,
  Attempt,
  AttemptOutcome,
  CreatedWorkItem,
  DetectionType,
  Endpoint,
  HttpRequest,
  HttpResponse,
  IpBlock,
  Remediation,
  Severity,
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

/**
 * Every write carries an idempotency key, made once per analyst intent and
 * reused on every retry of it. The same key replays the first outcome (one
 * rule, one ticket, one block); the same key with a different body rejects
 * with `conflict`. Adapters keep keys for at least `IDEMPOTENCY_KEY_TTL_MS`.
 */
export interface WriteOptions extends CallOptions {
  idempotencyKey?: string;
  /**
   * Server side only: who is writing, set by the server from the caller's
   * authentication (never from a request body). Backends with an audit trail
   * record it with every write.
   */
  principal?: Principal;
}

/** viewer reads; analyst triages; admin also deletes rules and blocks; ingest only feeds detections. */
export type Role = 'viewer' | 'analyst' | 'admin' | 'ingest';

export interface Principal {
  /** Stable id of the caller (API key name, token subject). */
  id: string;
  role: Role;
}

/** How long a backend must remember an idempotency key and its outcome. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;
/** Longest idempotency key accepted (a UUID is 36). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/** A page of a bounded collection (suppression rules, blocks, work items). */
export interface Page<T> {
  items: T[];
  total: number;
  /** Cursor of the next page, `null` at the end. */
  nextCursor: string | null;
}

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

export interface SetStatusParams extends WriteOptions {
  ids: string[];
  status: ActivityStatus;
  /**
   * Reactivate and lift: also delete the suppression rules that ignored these
   * activities (`Activity.suppressedBy`), in the same operation.
   */
  liftRules?: boolean;
}

export interface BulkStatusParams extends WriteOptions {
  /** Every activity matching this query (in its status) moves to `status`. */
  query: ActivityQuery;
  status: ActivityStatus;
  /** Ids to leave out (the user unticked them after "select all"). */
  excludeIds?: string[];
  /**
   * The `asOf` of the list page the analyst saw: activities that arrived in,
   * or changed into, the query's status after it are left alone.
   */
  asOf?: string;
  /** Count what would change and change nothing. */
  dryRun?: boolean;
}

export interface AffectedResult {
  affected: number;
  /** Rules deleted by `liftRules`. */
  liftedRuleIds?: string[];
}

export interface IgnoreParams extends WriteOptions {
  rule: SuppressionRuleInput;
  /**
   * The activities this Ignore was made from. Creating the rule and moving
   * them (and, with `applyToExisting`, every existing match) to `ignored` is
   * one operation: both happen or neither does.
   */
  activityIds?: string[];
}

export interface RulePreviewParams extends CallOptions {
  rule: SuppressionRuleInput;
}

/** What a rule would have matched, before it is created. */
export interface RulePreview {
  /** Existing activities (any status) the rule matches. */
  activities: number;
  /** Attempts of those activities within `windowMs` before now. */
  events: number;
  /** The look-back window of `events` (30 days). */
  windowMs: number;
}

export const RULE_PREVIEW_WINDOW_MS = 30 * 86_400_000;

export type CollectionState = 'active' | 'expired';

export interface ListSuppressionRulesParams extends CallOptions {
  /** Default `active`. */
  state?: CollectionState;
  /** Narrows by actor, endpoint, policy or reason (case-insensitive substring). */
  search?: string;
  cursor?: string;
  pageSize: number;
}

export interface ListBlocksParams extends CallOptions {
  /** Default `active`. */
  state?: CollectionState;
  /** Narrows by target or reason. */
  search?: string;
  cursor?: string;
  pageSize: number;
}

export interface DeleteSuppressionRuleParams extends WriteOptions {
  ruleId: string;
}

export interface IgnoreResult {
  rule: SuppressionRule;
  /** Existing activities moved to `ignored` (when `applyToExisting`). */
  affected: number;
}

export interface BlockParams extends WriteOptions {
  /** IPv4, IPv6 or CIDR. */
  target: string;
  /** `null` = permanent. */
  durationMs: number | null;
  reason?: string;
  /** The activity the block was made from, so its actor shows as blocked. */
  activityId?: string;
  /**
   * A dangerous target (private, loopback, wide prefixes, … — `analyzeBlockTarget`)
   * is refused with `invalid_request` at path `acknowledgeRisk` unless this is true.
   */
  acknowledgeRisk?: boolean;
}

export interface UnblockParams extends WriteOptions {
  blockId: string;
}

export interface CreateWorkItemParams extends WriteOptions {
  targetId: string;
  activityId: string;
  values: WorkItemValues;
}

export interface ExportParams extends CallOptions {
  query: ActivityQuery;
}

/** Live updates: `retry:` from a server is clamped into this range (ms). */
export const LIVE_RETRY_MIN_MS = 1000;
export const LIVE_RETRY_MAX_MS = 60_000;

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

/**
 * One detection as a detector reports it (`POST /events`). Ingest is keyed on
 * `eventId`: a batch sent twice records each event once. The event creates or
 * updates the activity of its actor + endpoint + policy; a suppression rule
 * that matches it counts a hit and the event never shows as Active.
 */
export interface DetectionEvent {
  /** The detector's id for this event (1–128 visible ASCII characters). */
  eventId: string;
  timestamp: number;
  actor: Actor;
  endpoint: Endpoint;
  policy: { id: string; name: string };
  severity: Severity;
  type: DetectionType;
  category: string;
  subcategory: string;
  outcome: AttemptOutcome;
  request: HttpRequest;
  response: HttpResponse | null;
}

/** Most events accepted in one ingest batch (the server answers 413 above it). */
export const MAX_INGEST_BATCH = 1000;

export interface IngestParams extends WriteOptions {
  events: DetectionEvent[];
}

export interface IngestResult {
  /** Events recorded now (new event ids). */
  accepted: number;
  /** Events whose id was already recorded (nothing changed for them). */
  duplicates: number;
  /** Of `accepted`, events a suppression rule matched. */
  suppressed: number;
  /** Activities created or updated by this batch. */
  activityIds: string[];
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
  /** Writes honour `idempotencyKey` (a retry with the same key never applies twice). */
  idempotentWrites?: boolean;
  /** `previewSuppressionRule` is available. */
  rulePreview?: boolean;
  /** `listBlocks` is available. */
  blockList?: boolean;
  /** `ingestEvents` is available (server-side backends). */
  ingest?: boolean;
  /** `listActivities` reads from an `offset`: the list can jump anywhere (its scrollbar is the whole result). */
  offsetPaging?: boolean;
  /** `getOverview` is available: the overview's series and top lists over every matching activity. */
  overview?: boolean;
  /** `listActors` is available: the query pivoted by actor, over every matching activity. */
  actors?: boolean;
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
  /** Optional: without it the overview is computed from list pages and facets (`loadOverview`). */
  getOverview?(params: OverviewParams): Promise<ThreatOverviewData>;
  /** Optional: without it the actor pivot groups the list pages it reads (`loadActors`). */
  listActors?(params: ListActorsParams): Promise<Page<ActorSummary>>;

  setStatus(params: SetStatusParams): Promise<AffectedResult>;
  setStatusByQuery?(params: BulkStatusParams): Promise<AffectedResult>;

  ignore?(params: IgnoreParams): Promise<IgnoreResult>;
  previewSuppressionRule?(params: RulePreviewParams): Promise<RulePreview>;
  listSuppressionRules?(params: ListSuppressionRulesParams): Promise<Page<SuppressionRule>>;
  deleteSuppressionRule?(params: DeleteSuppressionRuleParams): Promise<void>;

  block?(params: BlockParams): Promise<IpBlock>;
  listBlocks?(params: ListBlocksParams): Promise<Page<IpBlock>>;
  unblock?(params: UnblockParams): Promise<void>;

  listWorkItemTargets?(params: CallOptions): Promise<WorkItemTarget[]>;
  createWorkItem?(params: CreateWorkItemParams): Promise<CreatedWorkItem>;

  /** Every activity matching the query, streamed in pages (CSV export). */
  exportActivities?(params: ExportParams): AsyncIterable<Activity[]>;

  /** Resolves once subscribed; events stop when `signal` aborts. */
  subscribe?(params: SubscribeParams): Promise<void>;

  /** Server side: record detections from a detector (idempotent by `eventId`). */
  ingestEvents?(params: IngestParams): Promise<IngestResult>;
}
