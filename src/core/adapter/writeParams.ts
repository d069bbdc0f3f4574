/** Parameters and results of the adapter's triage writes (status, ignore and rules, blocks, work items). */
import type { StatusReason } from '../cases';
import type {
  ActivityStatus,
  SuppressionRule,
  SuppressionRuleInput,
  WorkItemValues,
} from '../model';
import type { ActivityQuery } from '../query';
import type { CallOptions, WriteOptions } from './callOptions';

export interface SetStatusParams extends WriteOptions {
  ids: string[];
  status: ActivityStatus;
  /**
   * Reactivate and lift: also delete the suppression rules that ignored these
   * activities (`Activity.suppressedBy`), in the same operation.
   */
  liftRules?: boolean;
  /**
   * Why (Ignore and Mark for Review): kept with the change and shown in the
   * history. Over its caps → `invalid_request` at `reason.choice` / `reason.text`.
   */
  reason?: StatusReason;
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
  /** As on `SetStatusParams.reason`. */
  reason?: StatusReason;
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
  /** Why, kept with the status change in each activity's history (as on `SetStatusParams.reason`). */
  statusReason?: StatusReason;
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
