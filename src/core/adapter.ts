/**
 * The adapter contract: a plain object of async methods through which a host's
 * backend feeds threatdeck. Every method takes `{ signal }` so superseded reads
 * are cancelled; every failure is an `AdapterError` with a typed code.
 *
 * Required: the reads and `setStatus`. Everything else is an optional
 * capability, advertised in `capabilities`; components hide or explain what a
 * backend cannot do instead of failing on click.
 */
import type { ActorSummary } from './actors';
import type { OverviewParams, ThreatOverviewData } from './overview';
import type {
  Activity,
  ActivityDetail,
  CreatedWorkItem,
  IpBlock,
  Remediation,
  SuppressionRule,
  Timeline,
  WorkItemTarget,
} from './model';
import type { CallOptions, Page } from './adapter/callOptions';
import type {
  ActivityPage, ActivityParams, AttemptPage, AttemptsParams, ExportParams, FacetParams, FacetResult, ListActivitiesParams, ListActorsParams, TimelineParams,
} from './adapter/readParams';
import type {
  AffectedResult, BlockParams, BulkStatusParams, CreateWorkItemParams, DeleteSuppressionRuleParams, IgnoreParams, IgnoreResult, ListBlocksParams,
  ListSuppressionRulesParams, RulePreview, RulePreviewParams, SetStatusParams, UnblockParams,
} from './adapter/writeParams';
import type { IngestParams, IngestResult, SubscribeParams } from './adapter/liveAndIngest';
import type { AddNoteParams, AssignParams, BulkNoteParams, CasePageParams, CaseWriteResult, HistoryPage, ListUsersParams, NotePage, UserPage } from './adapter/caseParams';
import type { Note } from './cases';

export * from './adapter/callOptions';
export * from './adapter/readParams';
export * from './adapter/writeParams';
export * from './adapter/liveAndIngest';
export * from './adapter/caseParams';

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
  /**
   * Case handling: users, assignments (and the `assignee` query filter, the
   * `activeSince` sort), notes, status reasons and every activity's history.
   */
  cases?: boolean;
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

  // Case handling (`cases`). Bad input is `invalid_request` naming the field; every write applies once per idempotency key.
  /** Users who can be assigned, paged by name (deleted users are listed with `deleted: true`, for history). */
  listUsers?(params: ListUsersParams): Promise<UserPage>;
  /** Assigns (or, with `userId: null`, unassigns) the target's activities, one history entry per activity changed. */
  assignActivities?(params: AssignParams): Promise<CaseWriteResult>;
  /** Appends a note (append-only) authored by the caller's principal; returns it. */
  addNote?(params: AddNoteParams): Promise<Note>;
  /** The same note on every activity of the target (bounded like `assignActivities`). */
  addNotes?(params: BulkNoteParams): Promise<CaseWriteResult>;
  /** An activity's notes, newest first. */
  listNotes?(params: CasePageParams): Promise<NotePage>;
  /** An activity's history (status, rules, blocks, work items, assignments, notes), newest first. */
  listHistory?(params: CasePageParams): Promise<HistoryPage>;
}
