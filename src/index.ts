// threatdeck — the package root: the public API, by layer (core, adapters, hooks, components, i18n) and by area.
// Every name is listed (no `export *` of a core module), so an internal helper added to a module stays internal.

// ─── core: the model, queries and errors ───────────────────────────────────────────────
export { ACTIVITY_STATUSES, SEVERITIES, DETECTION_TYPES, MAX_EMBEDDED_WORK_ITEMS, ATTEMPT_OUTCOMES } from './core/model';
export type {
  ActivityStatus, Severity, DetectionType, Timestamp, Actor, Endpoint, WorkItemLink, BlockState, Activity, Reference, ActivityDetail,
  HeaderPairs, Body, HttpRequest, HttpResponse, AttemptOutcome, Attempt, RemediationStep, Remediation, TimelineBucket, Timeline,
  SuppressionRule, SuppressionRuleInput, IpBlock, WorkItemFieldType, WorkItemField, WorkItemTarget, WorkItemValues, CreatedWorkItem,
} from './core/model';
export {
  emptyFilters, defaultQuery, createQuery, hasActiveFilters, resolveTimeRange, normalizeQuery, queryToSearchParams, queryFromSearchParams,
  queryKey, FILTER_FIELDS, EXPLOIT_VALUES, TIME_PRESETS, TIME_PRESET_MS, SORT_FIELDS, QUERY_LIMITS, DEFAULT_SORT,
} from './core/query';
export type { FilterField, ExploitValue, ActivityFilters, TimePreset, TimeRange, SortField, SortDirection, ActivitySort, ActivityQuery } from './core/query';
export { SEARCH_ALIAS_GROUPS, expandSearchAliases } from './core/searchAliases';
export { isAdapterError, isAbortError, throwIfAborted, abortError, toAdapterError, isWriteOutcomeUnknown, ADAPTER_ERROR_CODES, AdapterError } from './core/errors';
export type { AdapterErrorCode, AdapterErrorOptions } from './core/errors';

// ─── core: the adapter contract and capabilities ───────────────────────────────────────
export {
  IDEMPOTENCY_KEY_TTL_MS, MAX_IDEMPOTENCY_KEY_LENGTH, MAX_LIST_OFFSET, RULE_PREVIEW_WINDOW_MS, LIVE_RETRY_MIN_MS, LIVE_RETRY_MAX_MS, MAX_INGEST_BATCH,
} from './core/adapter';
export type {
  CallOptions, WriteOptions, Role, Principal, Page, ListActivitiesParams, StatusCounts, ActivityPage, FacetOption, FacetParams, FacetResult,
  ActivityParams, AttemptsParams, AttemptPage, TimelineParams, SetStatusParams, BulkStatusParams, AffectedResult, IgnoreParams,
  RulePreviewParams, RulePreview, CollectionState, ListSuppressionRulesParams, ListBlocksParams, DeleteSuppressionRuleParams, IgnoreResult,
  BlockParams, UnblockParams, CreateWorkItemParams, ExportParams, LiveEvent, SubscribeParams, DetectionEvent, IngestParams, IngestResult,
  AdapterCapabilities, ThreatDeckAdapter, ListActorsParams,
} from './core/adapter';

// ─── core: the pivots of a query (overview, actors) ────────────────────────────────────
export { binOverviewSeries, bucketTotal, OVERVIEW_FIELDS, OVERVIEW_GROUPINGS, OTHER_GROUP, MAX_OVERVIEW_BUCKETS, MAX_OVERVIEW_TOP, MAX_OVERVIEW_GROUPS } from './core/overview';
export type { OverviewParams, ThreatOverviewData, OverviewSeries, OverviewBucket, OverviewGrouping, OverviewField } from './core/overview';
export { summarizeActors, compareActors, ACTOR_SORT_FIELDS, DEFAULT_ACTOR_SORT, MAX_ACTOR_SUBCATEGORIES } from './core/actors';
export type { ActorSummary, ActorSort, ActorSortField } from './core/actors';
export { supports, supportedFeatures, FEATURE_NAMES } from './core/capabilities';
export type { Feature, SupportedFeatures } from './core/capabilities';

// ─── core: case handling (users, assignments, notes, reasons, history) ────────────────────
export { MAX_NOTE_LENGTH, MAX_REASON_CHOICE_LENGTH, MAX_REASON_TEXT_LENGTH, HISTORY_KINDS, normalizeNoteText, normalizeStatusReason, ageInTriage, isPastSla } from './core/cases';
export type { User, Note, StatusReason, HistoryEntry, HistoryKind } from './core/cases';
export type { AssigneeFilter } from './core/query';
export type { ListUsersParams, AssignParams, AddNoteParams, BulkNoteParams, CasePageParams, CaseWriteResult, UserPage, NotePage, HistoryPage } from './core/adapter';

// ─── core: selection, timeline, IP blocks, work items ──────────────────────────────────
export {
  isQueryTarget, isRowSelected, selectedCount, isSelectionEmpty, toggleRow, selectRange, selectIds, selectAllMatching, areAllSelected,
  selectionTarget, EMPTY_SELECTION,
} from './core/activitySelection';
export type { ActivityTarget, ActivityQueryTarget, ActivitySelection } from './core/activitySelection';
export { binAttempts, chooseBucketMs, NICE_BUCKETS_MS, MAX_TIMELINE_BUCKETS } from './core/timeline';
export type { BinInput, BinOptions } from './core/timeline';
export { summarizeTimeline } from './core/timelineSummary';
export type { TimelineSummary, TimelineBurst, SummaryOptions } from './core/timelineSummary';
export {
  isDangerousBlockWarning, canonicalIpAddress, analyzeBlockTarget, BLOCK_TARGET_WARNINGS, DANGEROUS_BLOCK_WARNINGS, WIDE_PREFIX, MAX_BLOCK_TARGET_LENGTH,
} from './core/ipBlockTarget';
export type {
  BlockTargetKind, BlockTargetWarning, InformationalBlockWarning, DangerousBlockWarning, InvalidBlockTargetReason, BlockTargetAnalysis,
  AnalyzeBlockTargetOptions,
} from './core/ipBlockTarget';
export { buildWorkItemDraft, prefillFields, fitToField, parseLabels, toWorkItemValues, validateWorkItemValues } from './core/workItemDraft';
export type { WorkItemDraft, WorkItemDraftInput, WorkItemDraftFormat, WorkItemFieldProblem } from './core/workItemDraft';

// ─── core: bodies, redaction and export ────────────────────────────────────────────────
export { safeHref } from './core/safeHref';
export { bodyView, prettyJson, decodeForm, hexPreview } from './core/bodyView';
export type { BodyView, BodyViewOptions } from './core/bodyView';
export { bodyBytes, bodyText, base64ToBytes, bytesToBase64, utf8Bytes } from './core/bodyBytes';
export {
  redactRequest, redactResponse, redactBody, redactHeaders, redactUrl, isSecretFieldName, DEFAULT_REDACTION, DEFAULT_BODY_FIELDS, DEFAULT_REDACTION_PLACEHOLDER,
} from './core/redaction';
export type { RedactionOptions } from './core/redaction';
export { toCurl } from './core/export/toCurl';
export type { CurlOptions } from './core/export/toCurl';
export { toBurp } from './core/export/toBurp';
export { toFetch } from './core/export/toFetch';
export { toHar } from './core/export/toHar';
export type { HarOptions } from './core/export/toHar';
export type { ExportResult, ExportWarning, ExportOptions } from './core/export/exportResult';
export { toCsv, csvField, neutralizeCsvFormula } from './core/csv';
export type { CsvColumn, CsvCell } from './core/csv';

// ─── core: the demo dataset ────────────────────────────────────────────────────────────
export { generateDemoDataset, DEMO_DEFAULT_NOW } from './core/dataset/index';
export type { GenerateDemoDatasetOptions, DemoDataset, AttemptSeries, ActivityDescription } from './core/dataset/index';

// ─── adapters: memory, HTTP, worker ────────────────────────────────────────────────────
export { createMemoryAdapter } from './adapters/memory/index';
export type { MemoryAdapter, MemoryAdapterOptions, MemoryAdapterMethod, MemoryLiveOptions, SimulateLiveOptions } from './adapters/memory/index';
export { createHttpAdapter, loadHttpAdapter } from './adapters/http/createHttpAdapter';
export type { HttpAdapterOptions } from './adapters/http/createHttpAdapter';
export type { RetryOptions as HttpRetryOptions } from './adapters/http/retryPolicy';
export type { LiveOptions as HttpLiveOptions } from './adapters/http/subscribeEvents';
export { serveAdapter, connectPortAdapter } from './adapters/worker/portAdapter';
export type { AdapterPort } from './adapters/worker/portAdapter';

// ─── hooks: the provider, reads, writes (their own curated barrel) ─────────────────────
export * from './hooks/index';

// ─── components ────────────────────────────────────────────────────────────────────────
export { ThreatActivityView, THREAT_ACTIVITY_VIEWS, viewLocationFromSearchParams, viewLocationToSearchParams } from './components/ThreatActivityView';
export type {
  ThreatActivityViewProps, ThreatActivityViewSlots, ThreatActivityViewSlotProps, ViewLocation, ThreatActivityViewName,
} from './components/ThreatActivityView';
export { ThreatActivityList, ACTIVITY_COLUMN_IDS, activityCsvColumns } from './components/ThreatActivityList';
export type { ThreatActivityListProps, BulkActionContext, ActivityColumnId } from './components/ThreatActivityList';
export { FilterBar, FILTER_BAR_FIELDS, listActiveFilters, removeActiveFilter, clearAllFilters } from './components/FilterBar';
export type { FilterBarProps, ActiveFilter } from './components/FilterBar';
export * from './components/ThreatDrilldown/index';
export * from './components/Cases/index';
export { EventActions, IgnoreDialog, ActionButton, ActionBar } from './components/EventActions';
export type { EventActionsProps, StatusChange, IgnoreDialogProps, ActionButtonProps, ActionBarProps, StatusReasonChoice } from './components/EventActions';
export { BlockIpButton } from './components/BlockIpButton';
export type { BlockIpButtonProps } from './components/BlockIpButton';
export { CreateWorkItem, WorkItemFieldControl } from './components/CreateWorkItem';
export type { CreateWorkItemProps, WorkItemFieldControlProps } from './components/CreateWorkItem';
export { SuppressionRules } from './components/SuppressionRules';
export type { SuppressionRulesProps } from './components/SuppressionRules';
export { BlockList } from './components/BlockList';
export type { BlockListProps } from './components/BlockList';
export { ThreatOverview, OVERVIEW_MEASURES } from './components/ThreatOverview';
export type { ThreatOverviewProps, OverviewMeasure } from './components/ThreatOverview';
export { ThreatActors, ActorDrilldown } from './components/ThreatActors';
export type { ThreatActorsProps, ActorDrilldownProps } from './components/ThreatActors';

// ─── i18n ──────────────────────────────────────────────────────────────────────────────
export { en as englishMessages } from './i18n/en';
export type { MessageKey, Messages } from './i18n/en';
export { formatMessage } from './i18n/formatMessage';
export type { MessageValues } from './i18n/formatMessage';
